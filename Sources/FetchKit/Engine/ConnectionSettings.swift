/// How every transfer of a run reaches its server, in curl's terms: the proxy (`-x`,
/// `--noproxy`), names pinned to addresses or redirected to other hosts (`--resolve`,
/// `--connect-to`), and the certificates TLS checks the server with and shows it (`--cacert`,
/// `--capath`, `-E/--cert`, `--key`).
///
/// Each value is the text curl takes, passed on as is; `check()` holds it to curl's syntax
/// first, since libcurl skips an entry it cannot parse without a word.
public struct ConnectionSettings: Sendable, Equatable {
    /// `[scheme://][user:password@]host[:port]` (`-x`); "" for no proxy at all, not even the
    /// environment's. nil leaves the choice to libcurl, which then reads `http_proxy`,
    /// `https_proxy`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` itself.
    public var proxy: String?
    /// Comma-separated hosts, domains or CIDR ranges not to proxy, `*` for all (`--noproxy`);
    /// it replaces `NO_PROXY`.
    public var noProxy: String?
    /// `[+]HOST:PORT:ADDR[,ADDR]…` entries (`--resolve`): HOST on PORT is at these addresses.
    public var resolve: [String] = []
    /// `HOST1:PORT1:HOST2:PORT2` entries (`--connect-to`): a request to HOST1:PORT1 connects
    /// to HOST2:PORT2 instead; TLS and the Host header still name HOST1.
    public var connectTo: [String] = []
    /// A PEM file of CA certificates to verify servers with, instead of the system's (`--cacert`).
    public var caCertificates: String?
    /// A directory of CA certificates, hashed by `openssl rehash`, or several joined by ':' (`--capath`).
    public var caDirectory: String?
    /// The client certificate to present (`-E/--cert`, its file part).
    public var clientCertificate: String?
    /// The passphrase of the client's private key (the `:PASSWORD` part of `-E`).
    public var keyPassword: String?
    /// PEM, DER, ENG or P12 (`--cert-type`); nil for curl's default, PEM.
    public var clientCertificateType: String?
    /// The client's private key, when it is not in the certificate's file (`--key`).
    public var clientKey: String?
    /// PEM, DER or ENG (`--key-type`); nil for curl's default, PEM.
    public var clientKeyType: String?

    public init() {}
}
