#if canImport(Glibc)
import Glibc
#endif

/// Makes sure the process may open enough descriptors for `-j` transfers at once,
/// raising the soft limit (up to the hard limit) when it has to.
public enum OpenFileLimit {
    /// Descriptors beyond the sockets: stdio, the eventfd, input files, curl's own.
    static let reserve = 64

    /// Descriptors a run needs: each worker's own (see `StrategyKind.descriptorsPerWorker`),
    /// plus one per transfer when bodies are saved to files, plus those already open (a
    /// parent may hand down many).
    public static func needed(concurrency: Int, strategy: StrategyKind, savesFiles: Bool) -> Int {
        concurrency * (strategy.descriptorsPerWorker + (savesFiles ? 1 : 0)) + openDescriptors() + reserve
    }

    /// How many descriptors this process has open now (entries of /proc/self/fd).
    static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
        }
        // Less the one opendir itself holds.
        return max(0, count - 1)
    }

    /// Raises the soft limit to at least `needed`. Throws a `UsageError` saying what to do
    /// when the hard limit is lower, a `SystemCallError` when raising fails.
    public static func ensure(_ needed: Int) throws {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        // RLIM_INFINITY is all ones, so "at least needed" covers it too.
        if limit.rlim_cur >= rlim_t(needed) { return }
        let hard = limit.rlim_max
        guard hard >= rlim_t(needed) else {
            throw UsageError(
                "-j needs about \(needed) open files but the hard limit is \(hard); "
                    + "raise it (ulimit -Hn \(needed), as root) or lower -j")
        }
        limit.rlim_cur = rlim_t(needed)
        guard setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            throw SystemCallError(
                call: "setrlimit", errno: errno, context: "cannot raise the open-files limit to \(needed)")
        }
    }
}
