#if canImport(Glibc)
import Glibc
#endif

/// Hides `-u`'s password (and `--queue`'s) in the process's own argument vector, as curl does: `ps` and
/// `/proc/PID/cmdline` read that memory, and a run may last hours on a shared machine.
/// The password stays readable until the options are parsed, a moment after start.
enum PasswordArgument {
    /// Overwrites, with `*`, the password in each argument that ends with `:PASSWORD`
    /// and holds the whole `USER:PASSWORD` (`-u alice:pw`, `-ualice:pw`, `--user=alice:pw`).
    static func hide(user: String, password: String) {
        guard !password.isEmpty else { return }
        let value = Array((user + ":" + password).utf8)
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let length = strlen(argument)
            guard length >= value.count else { continue }
            let tail = UnsafeMutableRawPointer(argument + (length - value.count))
            guard memcmp(tail, value, value.count) == 0 else { continue }
            let passwordStart = argument + (length - password.utf8.count)
            passwordStart.update(repeating: CChar(UInt8(ascii: "*")), count: password.utf8.count)
        }
    }

    /// Overwrites the password of a `redis://[USER]:PASSWORD@HOST…` URL (`--queue`), as
    /// written, in each argument that ends with the whole URL (`--queue URL`,
    /// `--queue=URL`).
    static func hide(inURL url: String) {
        let bytes = Array(url.utf8)
        guard let scheme = bytes.firstRange(of: Array("://".utf8)) else { return }
        let authorityStart = scheme.upperBound
        let authorityEnd = bytes[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
        guard let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
            let colon = bytes[authorityStart..<at].firstIndex(of: UInt8(ascii: ":")), at > colon + 1
        else { return }
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let length = strlen(argument)
            guard length >= bytes.count else { continue }
            let start = length - bytes.count
            guard memcmp(UnsafeMutableRawPointer(argument + start), bytes, bytes.count) == 0 else { continue }
            (argument + start + colon + 1).update(repeating: CChar(UInt8(ascii: "*")), count: at - colon - 1)
        }
    }
}
