import FetchKit

#if canImport(Glibc)
import Glibc
#endif

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
        guard !path.isEmpty else { throw UsageError("\(option) needs a file name") }
        if let reason = WritableFile.problem(at: path) {
            throw UsageError("\(option): cannot write \(path): \(reason)")
        }
    }
}
