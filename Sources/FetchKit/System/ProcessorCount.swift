import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif

/// How many cores this process may run on: its CPU affinity (so `taskset -c 0 cfetch …`
/// and a container's CPU set count), else the cores online, at least one.
enum ProcessorCount {
    static let available: Int = {
        let allowed = Int(cfetch_available_cpus())
        if allowed > 0 { return allowed }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()
}
