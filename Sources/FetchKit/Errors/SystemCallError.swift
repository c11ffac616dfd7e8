#if canImport(Glibc)
import Glibc
#endif

/// A system call failed: which one, its errno, and what cfetch was doing when it did
/// (NIO's `IOError`, plus the words a user needs). "eventfd failed: Too many open files",
/// or with a context, "cannot write trace.json: No space left on device".
public struct SystemCallError: Error, CustomStringConvertible, Sendable {
    /// The call, as `man 2` names it: "eventfd", "open", "posix_spawn".
    public let call: String
    public let errno: Int32
    /// What cfetch was doing, phrased to start the message; nil says "<call> failed".
    public let context: String?
    /// A remedy or likely cause, shown in brackets after the reason.
    public let hint: String?

    public init(call: String, errno: Int32, context: String? = nil, hint: String? = nil) {
        self.call = call
        self.errno = errno
        self.context = context
        self.hint = hint
    }

    public var description: String {
        var text = "\(context ?? "\(call) failed"): \(String(cString: strerror(errno)))"
        if let hint { text += " (\(hint))" }
        return text
    }
}
