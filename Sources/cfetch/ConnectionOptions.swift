import ArgumentParser
import FetchKit

/// How transfers reach servers: a proxy, names pinned to addresses or other hosts, and TLS
/// certificates, with curl's letters and syntax.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: [.customShort("x", allowingJoined: true), .customLong("proxy")],
        help: ArgumentHelp(
            "Use this proxy: http (the default scheme), https, socks4, socks4a, socks5 or socks5h; port 1080 if "
                + "none; \"\" for none. Without -x, http_proxy, https_proxy, HTTPS_PROXY, ALL_PROXY and NO_PROXY are "
                + "honoured, as in curl. The password is shown as ***.",
            valueName: "[scheme://][user:password@]host[:port]"))
    var proxy: String?

    @Option(
        name: .customLong("noproxy"),
        help: ArgumentHelp(
            "Hosts not to proxy, comma-separated: a name matches it and its subdomains, an IP address or "
                + "CIDR range, * for all. Overrides NO_PROXY.",
            valueName: "list"))
    var noProxy: String?

    @Option(
        name: .customLong("resolve"),
        help: ArgumentHelp(
            "Connect to HOST on PORT at ADDR (numeric IPv4 or IPv6), not where DNS says; HOST * for any "
                + "(repeatable).",
            valueName: "[+]HOST:PORT:ADDR[,ADDR]..."))
    var resolve: [String] = []

    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to HOST2:PORT2 for a URL's HOST1:PORT1; TLS and Host: still name HOST1; an empty field is "
                + "any, or the URL's own (repeatable).",
            valueName: "HOST1:PORT1:HOST2:PORT2"))
    var connectTo: [String] = []

    @Option(
        name: .customLong("cacert"),
        help: ArgumentHelp("Verify servers with the CA certificates in this PEM file.", valueName: "file"))
    var caCertificates: String?

    @Option(
        name: .customLong("capath"),
        help: ArgumentHelp(
            "Verify servers with the CA certificates in this directory (hashed by openssl rehash; several "
                + "joined by ':').",
            valueName: "dir"))
    var caDirectory: String?

    @Option(
        name: [.customShort("E", allowingJoined: true), .customLong("cert")],
        help: ArgumentHelp(
            "Client certificate to present, PEM (with its key unless --key); PASSWORD unlocks the key; write ':' "
                + "in the file name as \\:.",
            valueName: "certificate[:password]"))
    var certificate: String?

    @Option(
        name: .customLong("cert-type"),
        help: ArgumentHelp("-E's file type: PEM (default), DER or P12.", valueName: "type"))
    var certificateType: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("The client's private key file, for -E.", valueName: "file"))
    var key: String?

    @Option(
        name: .customLong("key-type"), help: ArgumentHelp("--key's file type: PEM (default) or DER.", valueName: "type")
    )
    var keyType: String?

    func validate() throws {
        do {
            try settings.check()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The run's connection settings these options describe.
    var settings: ConnectionSettings {
        var settings = ConnectionSettings()
        settings.proxy = proxy
        settings.noProxy = noProxy
        settings.resolve = resolve
        settings.connectTo = connectTo
        settings.caCertificates = caCertificates
        settings.caDirectory = caDirectory
        if let certificate {
            let argument = CertificateArgument(parsing: certificate)
            settings.clientCertificate = argument.certificate
            settings.keyPassword = argument.password
        }
        settings.clientCertificateType = certificateType
        settings.clientKey = key
        settings.clientKeyType = keyType
        return settings
    }

    /// The same options as arguments for a child `cfetch fetch` (bench runs), as given.
    var childArguments: [String] {
        var arguments: [String] = []
        if let proxy { arguments += ["--proxy", proxy] }
        if let noProxy { arguments += ["--noproxy", noProxy] }
        for entry in resolve { arguments += ["--resolve", entry] }
        for entry in connectTo { arguments += ["--connect-to", entry] }
        if let caCertificates { arguments += ["--cacert", caCertificates] }
        if let caDirectory { arguments += ["--capath", caDirectory] }
        if let certificate { arguments += ["--cert", certificate] }
        if let certificateType { arguments += ["--cert-type", certificateType] }
        if let key { arguments += ["--key", key] }
        if let keyType { arguments += ["--key-type", keyType] }
        return arguments
    }
}
