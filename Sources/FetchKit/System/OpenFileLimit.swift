#if canImport(Glibc)
import Glibc
#endif

/// The run's descriptor budget. cfetch raises its open-files soft limit to the hard limit
/// (as Go's runtime does: nothing here uses select(), so a high limit costs nothing), and
/// when even that cannot hold `-j` transfers, runs fewer at once rather than letting
/// transfers fail: a transfer must never fail because of our own budget.
public enum OpenFileLimit {
    /// Descriptors beyond the workers': stdio, the loop's eventfd and poll, an input file
    /// being read, a trace file, libcurl's and the runtime's own.
    static let reserve = 16

    /// What the budget allows: how many transfers may run at once, and the limit it has.
    public struct Budget: Sendable, Equatable {
        /// At most the `-j` asked for; fewer only when the limit cannot hold them.
        public var concurrency: Int
        /// The soft limit after raising it.
        public var limit: Int
    }

    /// Raises the soft limit as far as it goes and returns how many of `concurrency`
    /// transfers fit in it: two need `strategy.descriptorsPerTwoWorkers` descriptors (two
    /// more when bodies are saved to files), beside those already open (a parent may hand
    /// down many) and the reserve. At least one always runs; the hold-back of
    /// `DescriptorShortage` covers what an estimate cannot.
    public static func fit(concurrency: Int, strategy: StrategyKind, savesFiles: Bool) -> Budget {
        let perTwoWorkers = strategy.descriptorsPerTwoWorkers + (savesFiles ? 2 : 0)
        let open = openDescriptors()
        let (halves, overflow) = concurrency.multipliedReportingOverflow(by: perTwoWorkers)
        let needed = halves / 2 + halves % 2
        let limit = raiseSoftLimit(toAtLeast: overflow ? Int.max : needed + open + reserve)
        // available × 2 / perTwoWorkers, without overflowing when the limit is unlimited.
        let available = max(0, limit - open - reserve)
        let room = available / perTwoWorkers * 2 + available % perTwoWorkers * 2 / perTwoWorkers
        return Budget(concurrency: max(1, min(concurrency, room)), limit: limit)
    }

    /// The soft limit now.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int.max }
        return clamp(limit.rlim_cur)
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

    /// Raises the soft limit to the hard limit (or, where the kernel caps it lower, to
    /// `wanted` if that fits) and returns the soft limit that holds afterwards.
    private static func raiseSoftLimit(toAtLeast wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int.max }
        let original = limit.rlim_cur
        // The kernel refuses more than fs.nr_open (and RLIM_INFINITY); try the hard limit, then what is wanted.
        for target in [limit.rlim_max, min(limit.rlim_max, rlim_t(clamping: wanted))] where target > original {
            limit.rlim_cur = target
            if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 { return clamp(target) }
        }
        return clamp(original)
    }

    private static func clamp(_ value: rlim_t) -> Int {
        value >= rlim_t(Int.max) ? Int.max : Int(value)
    }
}
