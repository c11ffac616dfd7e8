#if canImport(Glibc)
import Glibc
#endif

/// Writes every byte of `bytes` to `fd`, carrying on after short writes, EINTR and
/// EAGAIN (a parent may hand down a non-blocking stdout). Returns nil when all was
/// written, else the errno that stopped it. Records, bodies and traces all go out this way.
package func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var written = 0
    return writeFully(fd, bytes, written: &written)
}

/// `writeFully`, also telling how many bytes went out before an error stopped it: the
/// records' writer takes back half a record it could not finish.
package func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, written offset: inout Int) -> Int32? {
    offset = 0
    while offset < bytes.count {
        let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            return errno
        }
        offset += written
    }
    return nil
}
