#if canImport(Glibc)
import Glibc
#endif

/// One `read(2)` from `fd` into `buffer` (up to its whole length): the count read, 0 at
/// end of input, or -1 with errno set.
package func readSome(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
    buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
}
