import FetchKit
import Foundation

extension BenchPlan {
    /// Checks that `--report` and `--trace` can be written, before the first run: a bad
    /// path found only after the whole benchmark would throw away everything measured.
    /// (A check, not a promise: the file is written at the end.)
    public func checkArtifactPaths() throws(UsageError) {
        try Self.checkArtifactPaths(report: reportPath, trace: tracePath)
    }

    /// The same check before there is a plan (before the built-in server starts).
    public static func checkArtifactPaths(report: String?, trace: String?) throws(UsageError) {
        if let report { try checkWritable(report, option: "--report") }
        if let trace { try checkWritable(trace, option: "--trace") }
    }

    /// A path that names a file that can be created or replaced: not a directory, in a
    /// directory that exists and may be written.
    static func checkWritable(_ path: String, option: String) throws(UsageError) {
        func refuse(_ reason: String) -> UsageError { UsageError("\(option): cannot write \(path): \(reason)") }
        guard !path.isEmpty else { throw UsageError("\(option) needs a file name") }
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT != S_IFDIR else { throw refuse("it is a directory") }
            guard access(path, W_OK) == 0 else { throw refuse(String(cString: strerror(errno))) }
            return
        }
        guard errno == ENOENT else { throw refuse(String(cString: strerror(errno))) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard stat(directory, &status) == 0 else {
            throw refuse("no directory \(directory) (\(String(cString: strerror(errno))))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw refuse("\(directory) is not a directory") }
        guard access(directory, W_OK) == 0 else {
            throw refuse("directory \(directory): \(String(cString: strerror(errno)))")
        }
    }
}
