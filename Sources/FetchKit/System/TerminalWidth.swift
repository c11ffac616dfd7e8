#if canImport(Glibc)
import Glibc
#endif

/// The columns of the terminal `fd` is on (TIOCGWINSZ), or nil when it is not one or
/// does not say. Asked again on every use: the user may resize the window at any time.
package func terminalColumns(_ fd: Int32) -> Int? {
    var size = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
