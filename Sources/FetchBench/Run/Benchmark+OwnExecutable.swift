import FetchKit

#if canImport(Glibc)
import Glibc
#endif

extension Benchmark {
    /// This process's binary, which runs each sample as `cfetch fetch`.
    static func ownExecutable() throws(SystemCallError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else {
            throw SystemCallError(
                call: "readlink", errno: errno, context: "cannot find the cfetch binary to run (/proc/self/exe)")
        }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
