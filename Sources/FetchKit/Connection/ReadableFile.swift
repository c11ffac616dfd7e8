#if canImport(Glibc)
import Glibc
#endif

/// The start-up check of the files `--cacert`, `--capath`, `-E` and `--key` name: one that
/// is missing or unreadable is one usage error before anything is fetched, not the same
/// TLS failure in every record.
enum ReadableFile {
    /// Throws unless `path` opens for reading and is a file (or, with `directory`, a directory).
    static func check(_ path: String, option: String, directory: Bool = false) throws(UsageError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard descriptor >= 0 else {
            throw UsageError("\(option): cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw UsageError("\(option): cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        if !directory, (status.st_mode & S_IFMT) == S_IFDIR {
            throw UsageError("\(option): '\(path)' is a directory, not a file")
        }
    }
}
