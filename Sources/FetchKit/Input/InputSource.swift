#if canImport(Glibc)
import Glibc
#endif

/// Where URL lines come from: an opened file (or stdin), or lines held in memory.
public enum InputSource: Sendable {
    /// A file descriptor opened for reading, and the name to use in messages.
    case descriptor(Int32, name: String)
    /// Lines given directly (tests, the demo's generated list).
    case lines([String])

    /// Opens `path` for reading (`-` is stdin); the error is one line a user can act on.
    public static func file(_ path: String) throws(InputError) -> InputSource {
        if path == "-" { return .descriptor(STDIN_FILENO, name: "stdin") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError(path: path, errno: errno)
        }
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            close(fd)
            throw InputError(path: path, reason: "it is a directory")
        }
        return .descriptor(fd, name: path)
    }

    /// Standard input.
    public static var standardInput: InputSource { .descriptor(STDIN_FILENO, name: "stdin") }
}
