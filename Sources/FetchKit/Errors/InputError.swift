#if canImport(Glibc)
import Glibc
#endif

/// A URL list named on the command line cannot be read: "cannot read urls.txt: No such
/// file or directory". Nothing is fetched; exit status 2.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The reason a failed call on `path` gives in errno.
    public init(path: String, errno: Int32) {
        self.init(path: path, reason: String(cString: strerror(errno)))
    }

    public var description: String { "cannot read \(path): \(reason)" }
}
