#if canImport(Glibc)
import Glibc
#endif

/// Puts /dev/null, read-only, in place of a closed stdin, stdout or stderr
/// (`cfetch list >&-`). Otherwise the next descriptor opened — the loop's eventfd, a
/// socket, a file under `-o` — takes the number, and records are written into it. Read-only,
/// a write to it fails with EBADF, as it did closed, and is reported as lost records.
///
/// Call it first thing in `main`, before anything opens a descriptor.
package func holdStandardDescriptors() {
    for fd in Int32(0)...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
        let placeholder = open("/dev/null", O_RDONLY)
        if placeholder >= 0 && placeholder != fd {
            _ = dup2(placeholder, fd)
            close(placeholder)
        }
    }
}
