import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif

/// An `eventfd` that sits in the loop's poll set so other threads can wake it.
///
/// `signal()` may be called from any thread; `drain()` only by the loop thread.
final class WakeupFD: Sendable {
    let fd: Int32

    init() throws(SystemCallError) {
        let fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw SystemCallError(call: "eventfd", errno: errno) }
        self.fd = fd
    }

    func signal() {
        var one: UInt64 = 1
        // EAGAIN means the counter is already non-zero: the loop is woken either way.
        _ = withUnsafeBytes(of: &one) { write(fd, $0.baseAddress, 8) }
    }

    func drain() {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { read(fd, $0.baseAddress, 8) }
    }

    deinit { close(fd) }
}
