#if canImport(Glibc)
import Glibc
#endif

/// Creates (or truncates) the file at `path` and writes all of `text` to it; the error
/// names the path and the reason, as a user needs them.
package func writeFile(_ path: String, _ text: String) throws(SystemCallError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw SystemCallError(call: "open", errno: errno, context: "cannot write \(path)") }
    var text = text
    let failed = text.withUTF8 { writeFully(fd, UnsafeRawBufferPointer($0)) }
    let closed = close(fd) == 0 ? nil : errno
    if let code = failed ?? closed {
        throw SystemCallError(call: failed != nil ? "write" : "close", errno: code, context: "cannot write \(path)")
    }
}
