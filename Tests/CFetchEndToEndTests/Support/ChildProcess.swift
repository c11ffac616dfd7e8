import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process with its stdout and stderr captured in full.
///
/// Each output pipe is drained by its own thread from the moment the child starts, so a
/// child that writes megabytes never blocks on a full pipe while we wait for it; stdin is
/// fed by a thread of its own too. Waiting is `async` and polls, so it never parks a
/// thread of Swift's cooperative pool while the child runs.
final class ChildProcess: Sendable {
    /// What the child reads on stdin.
    enum Input: Sendable {
        /// `/dev/null`: immediate end of file (and not a terminal).
        case devNull
        /// These bytes through a pipe, then end of file.
        case data(Data)
        /// A file opened for reading.
        case file(String)

        static func text(_ text: String) -> Input { .data(Data(text.utf8)) }
    }

    /// How the child ended, and everything it wrote.
    struct Result: Sendable, CustomStringConvertible {
        var command: String
        /// The exit status, or the signal number when `signalled`.
        var status: Int32
        var signalled: Bool
        var stdout: Data
        var stderr: Data
        var elapsed: Duration

        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        /// The lines of stdout without their "\n" (a last line without one counts too).
        var stdoutLines: [String] { Self.lines(stdoutText) }
        var stderrLines: [String] { Self.lines(stderrText) }

        /// Exited (not killed by a signal) with this status.
        func exited(_ expected: Int32) -> Bool { !signalled && status == expected }

        var description: String {
            let how = signalled ? "killed by signal \(status)" : "exit \(status)"
            return "`\(command)`: \(how) after \(elapsed); stderr: \(stderrText.debugDescription); "
                + "stdout (\(stdout.count) bytes): \(String(stdoutText.prefix(600)).debugDescription)"
        }

        static func lines(_ text: String) -> [String] {
            guard !text.isEmpty else { return [] }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    /// The child ran past its time limit and was killed.
    struct TimedOut: Error, CustomStringConvertible {
        var command: String
        var timeout: Duration
        var stdout: String
        var stderr: String
        var description: String {
            "`\(command)` did not finish within \(timeout) and was killed; stderr so far: "
                + "\(stderr.debugDescription); stdout so far: \(String(stdout.prefix(600)).debugDescription)"
        }
    }

    /// Something the child should have printed did not appear in time.
    struct NotPrinted: Error, CustomStringConvertible {
        var command: String
        var expected: String
        var stdout: String
        var stderr: String
        var description: String {
            "`\(command)` did not print \(expected) in time; stdout: \(stdout.debugDescription); "
                + "stderr: \(stderr.debugDescription)"
        }
    }

    let command: String
    private let executable: String
    private let arguments: [String]
    private let environment: [String: String]?
    private let input: Input
    private let stdoutCollector = PipeCollector()
    private let stderrCollector = PipeCollector()
    private let state = Mutex(SpawnState())

    private struct SpawnState {
        var pid: pid_t = 0
        var startedAt: ContinuousClock.Instant?
        /// The raw `waitpid` status once the child has been reaped.
        var waitStatus: Int32?
    }

    /// - Parameters:
    ///   - environment: variables set on top of this process's environment (nil: inherit it as is).
    init(_ executable: String, _ arguments: [String], stdin: Input = .devNull, environment: [String: String]? = nil) {
        _ = Self.ignoreBrokenPipes
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.input = stdin
        self.command = ([executable] + arguments).map(Self.shellQuoted).joined(separator: " ")
    }

    deinit {
        // A test that threw half-way must not leave its child running (or a zombie).
        let pid = state.withLock { $0.waitStatus == nil ? $0.pid : 0 }
        if pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    /// Writing to a child that has exited (stdin) must fail with EPIPE, not kill the tests.
    /// Children do not inherit this: `start()` resets every signal to its default action.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    var pid: Int32 { state.withLock { $0.pid } }
    /// Started and not yet exited.
    var isRunning: Bool { reap() == nil && pid > 0 }
    /// What the child has written to stdout so far.
    var stdoutSoFar: String { String(decoding: stdoutCollector.data, as: UTF8.self) }
    var stderrSoFar: String { String(decoding: stderrCollector.data, as: UTF8.self) }

    struct SpawnFailed: Error, CustomStringConvertible {
        var command: String
        var step: String
        var code: Int32
        var description: String { "cannot start `\(command)`: \(step): \(String(cString: strerror(code)))" }
    }

    /// Starts the child with `posix_spawn`: every signal at its default action and none
    /// blocked (a test runner's ignored SIGPIPE must not leak into the program under
    /// test), and no descriptor of ours but its three standard ones (all ours are
    /// close-on-exec, so concurrent tests do not hold each other's pipes open).
    func start() throws {
        // One spawn at a time in this process: a pipe is made close-on-exec just after it
        // is created, and no other of our children may be spawned in between.
        try Self.spawnLock.withLock { _ in try spawn() }
    }

    private static let spawnLock = Mutex(())

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, found at run time: its header
    /// declares it only under _GNU_SOURCE, which Swift's Glibc module does not set.
    private static func closeFrom(_ lowest: Int32, in actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else {
            return
        }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
    }

    /// `pipe` plus close-on-exec on both ends (`pipe2` is not visible from Swift's Glibc).
    static func closeOnExecPipe(command: String) throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnFailed(command: command, step: "pipe", code: errno) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    private func spawn() throws {
        var stdinRead: Int32 = -1
        var stdinWrite: Int32 = -1
        switch input {
        case .devNull:
            stdinRead = open("/dev/null", O_RDONLY | O_CLOEXEC)
        case .file(let path):
            stdinRead = open(path, O_RDONLY | O_CLOEXEC)
        case .data:
            let fds = try Self.closeOnExecPipe(command: command)
            stdinRead = fds.read
            stdinWrite = fds.write
        }
        guard stdinRead >= 0 else { throw SpawnFailed(command: command, step: "open stdin", code: errno) }
        defer { close(stdinRead) }
        let stdoutWrite = try stdoutCollector.open(command: command)
        let stderrWrite = try stderrCollector.open(command: command)
        defer {
            close(stdoutWrite)
            close(stderrWrite)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinRead, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutWrite, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrWrite, 2)
        // Nothing else of this process: not every library here opens its descriptors
        // close-on-exec (the test servers' accepted sockets leaked into children, which
        // then held connections open after the test process was gone).
        Self.closeFrom(3, in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var variables = ProcessInfo.processInfo.environment
        if let environment { variables.merge(environment) { $1 } }
        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let code = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer in
                posix_spawn(&pid, executable, &actions, &attributes, argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
        guard code == 0 else {
            if stdinWrite >= 0 { close(stdinWrite) }
            throw SpawnFailed(command: command, step: "posix_spawn", code: code)
        }
        state.withLock {
            $0.pid = pid
            $0.startedAt = .now
        }
        stdoutCollector.startReading(name: "stdout of \(pid)")
        stderrCollector.startReading(name: "stderr of \(pid)")
        if case .data(let bytes) = input {
            let writeEnd = stdinWrite
            let thread = Thread {
                // A child that stops reading early makes this fail with EPIPE: fine.
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
                        if written > 0 {
                            offset += written
                        } else if written < 0 && errno == EINTR {
                            continue
                        } else {
                            break
                        }
                    }
                }
                close(writeEnd)
            }
            thread.name = "stdin of \(pid)"
            thread.start()
        }
    }

    /// The raw wait status if the child has exited (reaping it the first time).
    private func reap() -> Int32? {
        state.withLock { state in
            if let status = state.waitStatus { return status }
            guard state.pid > 0 else { return nil }
            var status: Int32 = 0
            let result = waitpid(state.pid, &status, WNOHANG)
            guard result == state.pid else { return nil }
            state.waitStatus = status
            return status
        }
    }

    /// Whether the child has taken `signal` over (ignores or catches it, as
    /// `/proc/PID/status` says): a program still starting up has not, and dies of it.
    func handles(_ signal: Int32) -> Bool {
        guard isRunning, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
            return false
        }
        let bit = UInt64(1) << UInt64(signal - 1)
        return status.split(separator: "\n").contains { line in
            guard line.hasPrefix("SigIgn:") || line.hasPrefix("SigCgt:"),
                let mask = UInt64(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces), radix: 16)
            else { return false }
            return mask & bit != 0
        }
    }

    /// Sends `signal` to the child (only to it: its own pid), unless it has been reaped.
    func send(_ signal: Int32) {
        state.withLock { state in
            if state.pid > 0 && state.waitStatus == nil { kill(state.pid, signal) }
        }
    }

    /// Waits until stdout holds `text`; returns stdout so far. Throws if the child exits
    /// or `timeout` passes first.
    @discardableResult
    func waitForStdout(containing text: String, timeout: Duration) async throws -> String {
        try await waitFor(text, in: stdoutCollector, timeout: timeout)
    }

    /// Waits until stderr holds `text`; returns stderr so far. Throws if the child exits
    /// or `timeout` passes first.
    @discardableResult
    func waitForStderr(containing text: String, timeout: Duration) async throws -> String {
        try await waitFor(text, in: stderrCollector, timeout: timeout)
    }

    private func waitFor(_ text: String, in collector: PipeCollector, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let soFar = String(decoding: collector.data, as: UTF8.self)
            if soFar.contains(text) { return soFar }
            if !isRunning && collector.isFinished || ContinuousClock.now >= deadline {
                throw NotPrinted(
                    command: command, expected: text.debugDescription, stdout: stdoutSoFar, stderr: stderrSoFar)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until stdout has at least `count` complete lines; returns stdout so far.
    @discardableResult
    func waitForStdoutLines(_ count: Int, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let soFar = stdoutSoFar
            if soFar.utf8.lazy.filter({ $0 == 0x0A }).count >= count { return soFar }
            if !isRunning && stdoutCollector.isFinished || ContinuousClock.now >= deadline {
                throw NotPrinted(command: command, expected: "\(count) lines", stdout: soFar, stderr: stderrSoFar)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for the child to exit and for its output to end; kills it and throws
    /// `TimedOut` after `timeout`.
    func wait(timeout: Duration) async throws -> Result {
        let deadline = ContinuousClock.now + timeout
        while reap() == nil {
            if ContinuousClock.now >= deadline { throw killForTimeout(timeout) }
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                send(SIGKILL)
                throw error
            }
        }
        // Output written just before exit may still be in the pipes: let the readers reach
        // end of file (bounded, in case a grandchild still holds a write end).
        let drainDeadline = ContinuousClock.now + .seconds(2)
        while !(stdoutCollector.isFinished && stderrCollector.isFinished) && ContinuousClock.now < drainDeadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        return finishedResult()
    }

    /// `wait(timeout:)` for code that cannot be `async` (a static initialiser).
    func waitBlocking(timeout: Duration) throws -> Result {
        let deadline = ContinuousClock.now + timeout
        while reap() == nil {
            if ContinuousClock.now >= deadline { throw killForTimeout(timeout) }
            usleep(5_000)
        }
        let drainDeadline = ContinuousClock.now + .seconds(2)
        while !(stdoutCollector.isFinished && stderrCollector.isFinished) && ContinuousClock.now < drainDeadline {
            usleep(2_000)
        }
        return finishedResult()
    }

    private func killForTimeout(_ timeout: Duration) -> TimedOut {
        send(SIGKILL)
        while reap() == nil { usleep(1_000) }
        return TimedOut(command: command, timeout: timeout, stdout: stdoutSoFar, stderr: stderrSoFar)
    }

    private func finishedResult() -> Result {
        let (started, raw) = state.withLock { ($0.startedAt ?? .now, $0.waitStatus ?? 0) }
        let signal = raw & 0x7F
        return Result(
            command: command,
            status: signal == 0 ? (raw >> 8) & 0xFF : signal,
            signalled: signal != 0,
            stdout: stdoutCollector.data,
            stderr: stderrCollector.data,
            elapsed: ContinuousClock.now - started
        )
    }

    /// Runs a command to the end.
    static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Input = .devNull,
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(20)
    ) async throws -> Result {
        let child = ChildProcess(executable, arguments, stdin: stdin, environment: environment)
        try child.start()
        return try await child.wait(timeout: timeout)
    }

    /// `run` for code that cannot be `async`.
    static func runBlocking(
        _ executable: String,
        _ arguments: [String],
        stdin: Input = .devNull,
        timeout: Duration = .seconds(20)
    ) throws -> Result {
        let child = ChildProcess(executable, arguments, stdin: stdin)
        try child.start()
        return try child.waitBlocking(timeout: timeout)
    }

    /// `/bin/sh -c SCRIPT`.
    static func shell(_ script: String, timeout: Duration = .seconds(20)) async throws -> Result {
        try await run("/bin/sh", ["-c", script], timeout: timeout)
    }

    /// Quoted for a POSIX shell when it needs to be.
    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,")
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// One output pipe of a child, drained into memory by a thread of its own.
private final class PipeCollector: Sendable {
    private struct State {
        var readEnd: Int32 = -1
        var data = Data()
        var finished = false
    }

    private let state = Mutex(State())

    var data: Data { state.withLock { $0.data } }
    var isFinished: Bool { state.withLock { $0.finished } }

    /// Creates the pipe (both ends close-on-exec); returns the write end for the child.
    func open(command: String) throws -> Int32 {
        let fds = try ChildProcess.closeOnExecPipe(command: command)
        state.withLock { $0.readEnd = fds.read }
        return fds.write
    }

    deinit {
        // Never started (the spawn failed): the read end is still ours to close.
        state.withLock { state in
            if !state.finished && state.readEnd >= 0 { close(state.readEnd) }
        }
    }

    func startReading(name: String) {
        let fd = state.withLock { $0.readEnd }
        let thread = Thread { [self] in
            let capacity = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
            defer { buffer.deallocate() }
            while true {
                let count = read(fd, buffer, capacity)
                if count > 0 {
                    let chunk = Data(bytes: buffer, count: count)
                    state.withLock { $0.data.append(chunk) }
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(fd)
            state.withLock { $0.finished = true }
        }
        thread.name = name
        thread.start()
    }
}
