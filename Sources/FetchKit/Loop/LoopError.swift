#if canImport(Glibc)
import Glibc
#endif

/// A system call the loop depends on failed; carries the call and errno, as NIO's `IOError` does.
public struct LoopError: Error, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno)))"
    }
}
