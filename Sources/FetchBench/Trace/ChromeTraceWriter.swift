import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// Writes a run's records as a Chrome trace (Trace Event Format, JSON Array form) that
/// Perfetto (ui.perfetto.dev) and chrome://tracing open: one process per strategy, one
/// thread per worker, one slice per URL from the worker taking it to finishing it.
///
/// Streams: events go to the file through a 64 KiB buffer as they are added, so a
/// million-record run is never held in memory. Every method may be called from any
/// thread; a `Lock` serialises them (a worker that would spin on a `Mutex` while
/// another flushes to disk only burns the CPU the benchmark is measuring).
public final class ChromeTraceWriter: @unchecked Sendable {  // guarded: every var by `lock`
    private static let flushThreshold = 64 * 1024

    private struct WorkerKey: Hashable {
        let process: Int
        let worker: Int
    }

    private let path: String
    private let lock = Lock()
    // Guarded by `lock`.
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var hasEvents = false
    private var namedWorkers = Set<WorkerKey>()
    /// The errno of the first failed write; later output is dropped and `finish` reports it.
    private var writeError: Int32?
    private var isFinished = false

    /// Creates (or truncates) the trace file at `path`.
    public init(path: String) throws(SystemCallError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SystemCallError(call: "open", errno: errno, context: "cannot write \(path)")
        }
        self.path = path
        self.fd = fd
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        buffer.append(ascii: "[\n")
    }

    deinit {
        // Not finished (an error path): keep what was written. The array form's closing
        // bracket is optional, so viewers still load the file.
        if !isFinished {
            flush()
            close(fd)
        }
    }

    /// Names process `id` (one process per strategy).
    public func addProcess(id: Int, name: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !isFinished else { return }
        beginEvent()
        ChromeTraceEvent.appendProcess(id: id, name: name, to: &buffer)
        flushIfFull()
    }

    /// Adds the record's slice to `process`, naming its worker's thread the first time
    /// the worker appears in that process.
    public func add(_ record: FetchRecord, process: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !isFinished else { return }
        if namedWorkers.insert(WorkerKey(process: process, worker: record.worker)).inserted {
            beginEvent()
            ChromeTraceEvent.appendThread(process: process, worker: record.worker, to: &buffer)
        }
        beginEvent()
        ChromeTraceEvent.appendComplete(record, process: process, to: &buffer)
        flushIfFull()
    }

    /// Closes the JSON array and the file. Later calls, and later `add`s, do nothing.
    public func finish() throws(SystemCallError) {
        lock.lock()
        defer { lock.unlock() }
        guard !isFinished else { return }
        isFinished = true
        buffer.append(ascii: "\n]\n")
        flush()
        if close(fd) != 0, writeError == nil { writeError = errno }
        if let writeError {
            throw SystemCallError(call: "write", errno: writeError, context: "cannot write \(path)")
        }
    }

    private func beginEvent() {
        if hasEvents { buffer.append(ascii: ",\n") }
        hasEvents = true
    }

    private func flushIfFull() {
        if buffer.count >= Self.flushThreshold { flush() }
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard writeError == nil else { return }
        writeError = buffer.withUnsafeBytes { writeFully(fd, $0) }
    }
}
