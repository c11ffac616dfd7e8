#if canImport(Glibc)
import Glibc
#endif

/// The signal that stopped a run. Both stop it the same clean way (a record for every job
/// taken, the summary); they differ in what is said and in the exit status, which is
/// 128 + the signal's number, as a shell reports a process the signal killed.
public enum StopSignal: Sendable, Equatable {
    /// SIGINT: Ctrl-C on the terminal.
    case interrupt
    /// SIGTERM: `kill`, a service manager, a CI runner's time limit.
    case terminate

    /// The signal's number, for installing a handler.
    public var number: Int32 {
        switch self {
        case .interrupt: SIGINT
        case .terminate: SIGTERM
        }
    }

    /// 130 for SIGINT, 143 for SIGTERM.
    public var exitStatus: Int32 { 128 + number }

    /// What stderr says when the first one arrives (unless `-s`).
    public var notice: String {
        switch self {
        case .interrupt: "interrupted: cancelling transfers in flight (Ctrl-C again to quit at once)"
        case .terminate: "terminated (SIGTERM): cancelling transfers in flight (again to quit at once)"
        }
    }

    /// How the summary line ends.
    var summaryWord: String {
        switch self {
        case .interrupt: "interrupted"
        case .terminate: "terminated"
        }
    }
}
