/// curl's `-E/--cert CERTIFICATE[:PASSWORD]`: the first ':' not escaped as `\:` ends the
/// file name and starts the key's passphrase; `\\` is a backslash. A `pkcs11:` URI is a
/// whole certificate name, its colons included (curl's rule for OpenSSL engines).
package struct CertificateArgument: Equatable, Sendable {
    package var certificate: String
    package var password: String?

    package init(parsing argument: String) {
        if argument.lowercased().hasPrefix("pkcs11:") {
            certificate = argument
            password = nil
            return
        }
        var name = ""
        var index = argument.startIndex
        while index < argument.endIndex {
            let character = argument[index]
            let next = argument.index(after: index)
            if character == "\\", next < argument.endIndex, argument[next] == ":" || argument[next] == "\\" {
                name.append(argument[next])
                index = argument.index(after: next)
            } else if character == ":" {
                certificate = name
                password = String(argument[next...])
                return
            } else {
                name.append(character)
                index = next
            }
        }
        certificate = name
        password = nil
    }
}
