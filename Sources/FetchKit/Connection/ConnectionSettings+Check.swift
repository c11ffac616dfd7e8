/// The start-up check of a run's connection settings: libcurl skips a `--resolve` or
/// `--connect-to` entry it cannot parse, and reports a missing CA file as a TLS failure
/// of every URL, so each is held to curl's syntax, and each file opened, before the run.
extension ConnectionSettings {
    /// The certificate types curl's `--cert-type` and `--key-type` take (with OpenSSL).
    package static let certificateTypes = ["PEM", "DER", "ENG", "P12"]
    package static let keyTypes = ["PEM", "DER", "ENG"]

    /// Throws the first problem as a one-line usage error.
    package func check() throws(UsageError) {
        if let proxy { try ProxyAddress.check(proxy) }
        for entry in resolve { try ResolveEntry.check(entry) }
        for entry in connectTo { try ConnectToEntry.check(entry) }
        try checkTypes()
        if clientKey != nil && clientCertificate == nil { throw UsageError("--key needs -E/--cert") }
        try checkFiles()
    }

    private func checkTypes() throws(UsageError) {
        if let type = clientCertificateType, !Self.certificateTypes.contains(type.uppercased()) {
            throw UsageError(
                "--cert-type must be one of \(Self.certificateTypes.joined(separator: ", ")), not '\(type)'")
        }
        if let type = clientKeyType, !Self.keyTypes.contains(type.uppercased()) {
            throw UsageError("--key-type must be one of \(Self.keyTypes.joined(separator: ", ")), not '\(type)'")
        }
    }

    private func checkFiles() throws(UsageError) {
        if let caCertificates { try ReadableFile.check(caCertificates, option: "--cacert") }
        if caDirectory?.isEmpty == true { throw UsageError("--capath needs a directory") }
        // OpenSSL takes several directories joined by ':', as curl documents.
        for directory in caDirectory?.split(separator: ":").map(String.init) ?? [] {
            try ReadableFile.check(directory, option: "--capath", directory: true)
        }
        // An engine's certificate or key (pkcs11: URIs, type ENG) is no file.
        if let clientCertificate, !Self.isEngineObject(clientCertificate, type: clientCertificateType) {
            try ReadableFile.check(clientCertificate, option: "-E/--cert")
        }
        if let clientKey, !Self.isEngineObject(clientKey, type: clientKeyType) {
            try ReadableFile.check(clientKey, option: "--key")
        }
    }

    private static func isEngineObject(_ name: String, type: String?) -> Bool {
        name.lowercased().hasPrefix("pkcs11:") || type?.uppercased() == "ENG"
    }
}
