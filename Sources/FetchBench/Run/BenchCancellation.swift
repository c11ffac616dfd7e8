import FetchKit
import Synchronization

#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A benchmark's stop request (Ctrl-C, SIGTERM), from any thread.
///
/// The first request lets the benchmark stop after the child run in progress, whose
/// partial sample is discarded, so the strategies already measured are still reported;
/// that child gets the same signal, so it stops its run at once instead of finishing it
/// (when it shares the terminal's process group it has had it already, and a second one
/// only makes it quit sooner). `abandon` is for a second request, just before the process
/// exits at once: the child gets that signal too and the temporary list (and any other
/// tool's input and scratch directory) is removed.
public final class BenchCancellation: Sendable {
    private struct State {
        var signal: Int32?
        /// The child run in progress; nil once it has exited (before it is reaped, so its
        /// pid cannot have been reused by then).
        var child: pid_t?
        var temporaryFiles: Set<String> = []
        /// Directories another tool writes into during its run (aria2c's downloads).
        var scratchDirectories: Set<String> = []
    }

    private let state = Locked(State())

    public init() {}

    /// The signal that stopped the benchmark, if one did.
    public var signal: Int32? { state.withLock { $0.signal } }

    /// Stops the benchmark after its current child run and passes `signal` on to that
    /// child; false if it was already stopped.
    @discardableResult
    public func cancel(signal: Int32) -> Bool {
        state.withLock { state in
            guard state.signal == nil else { return false }
            state.signal = signal
            if let child = state.child { kill(child, signal) }
            return true
        }
    }

    /// For a process about to exit at once: the child run in progress gets `signal`, and
    /// the temporary list files are removed (no `defer` will run).
    public func abandon(signal: Int32) {
        state.withLock { state in
            if let child = state.child { kill(child, signal) }
            for path in state.temporaryFiles { unlink(path) }
            for path in state.scratchDirectories { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// A child run started. Recording it and checking for a stop are one step, so a
    /// signal that came while it was being spawned still reaches it.
    func childStarted(_ pid: pid_t) {
        state.withLock { state in
            state.child = pid
            if let signal = state.signal { kill(pid, signal) }
        }
    }

    /// The child has exited; call before reaping it.
    func childExited() {
        state.withLock { $0.child = nil }
    }

    func temporaryFileCreated(_ path: String) {
        state.withLock { _ = $0.temporaryFiles.insert(path) }
    }

    func temporaryFileRemoved(_ path: String) {
        state.withLock { _ = $0.temporaryFiles.remove(path) }
    }

    func scratchDirectoryCreated(_ path: String) {
        state.withLock { _ = $0.scratchDirectories.insert(path) }
    }

    func scratchDirectoryRemoved(_ path: String) {
        state.withLock { _ = $0.scratchDirectories.remove(path) }
    }
}
