import Foundation

/// A C program built from the CCoroutine sources at test time, because a stack overflow
/// has to kill a process and that can't be the test runner. Its argument picks a fault.
enum CoroutineOverflowProgram {
    /// How a mode of the program should end.
    enum Expectation: Sendable {
        /// Killed by SIGSEGV after exactly this line on stderr.
        case overflowReported(String)
        /// Killed by SIGSEGV, with nothing claiming a stack overflow.
        case plainFault
        /// The handler installed before ours ran (and exited 42).
        case chained
    }

    static let overflowLine = "cfetch: a green worker overflowed its stack (64 KiB); rerun with a larger --stack-size\n"

    /// The modes `main` understands.
    static let modes: [(mode: String, expected: Expectation)] = [
        // On the main thread, after cfetch_coroutine_prepare_thread.
        ("overflow", .overflowReported(overflowLine)),
        // On a new thread that never called prepare: the first resume sets it up.
        ("overflow-thread", .overflowReported(overflowLine)),
        // A fault outside any guard, no earlier handler: the default action.
        ("wild-pointer", .plainFault),
        // A fault outside any guard goes to the handler that was there before ours.
        ("chain", .chained),
    ]

    static let source = #"""
        #include "CCoroutine.h"
        #include <pthread.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <signal.h>
        #include <sys/resource.h>
        #include <unistd.h>

        static volatile int sink;

        static int overflow(int depth) {
            volatile char frame[256];
            frame[0] = (char)depth;
            return overflow(depth + 1) + frame[0];  /* not a tail call */
        }

        static void overflow_body(void *arg) { (void)arg; sink = overflow(0); }
        static void wild_body(void *arg) { (void)arg; *(volatile int *)16 = 1; }

        static void run(void (*body)(void *), int prepare) {
            if (prepare && cfetch_coroutine_prepare_thread() != 0) { perror("prepare"); exit(3); }
            cfetch_coroutine *co = cfetch_coroutine_create(64 * 1024, body, NULL);
            if (co == NULL) { perror("create"); exit(3); }
            cfetch_coroutine_resume(co);
            fprintf(stderr, "survived\n");
            exit(4);
        }

        static void previous_handler(int signal, siginfo_t *info, void *context) {
            (void)signal; (void)info; (void)context;
            static const char text[] = "previous handler ran\n";
            write(2, text, sizeof text - 1);
            _exit(42);
        }

        static void *thread_main(void *arg) { (void)arg; run(overflow_body, 0); return NULL; }

        int main(int argc, char **argv) {
            struct rlimit no_core = {0, 0};
            setrlimit(RLIMIT_CORE, &no_core);
            const char *mode = argc > 1 ? argv[1] : "";
            if (strcmp(mode, "overflow") == 0) run(overflow_body, 1);
            if (strcmp(mode, "wild-pointer") == 0) run(wild_body, 1);
            if (strcmp(mode, "chain") == 0) {
                struct sigaction action;
                memset(&action, 0, sizeof action);
                action.sa_sigaction = previous_handler;
                action.sa_flags = SA_SIGINFO;
                sigemptyset(&action.sa_mask);
                sigaction(SIGSEGV, &action, NULL);
                run(wild_body, 1);
            }
            if (strcmp(mode, "overflow-thread") == 0) {
                pthread_t thread;
                pthread_create(&thread, NULL, thread_main, NULL);
                pthread_join(thread, NULL);
                exit(5);
            }
            fprintf(stderr, "unknown mode\n");
            return 2;
        }
        """#

    /// The package root, from this file's place in it.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `cc` on PATH, if there is one.
    static let compiler: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/cc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Compiles the program into `directory` and returns the executable's path.
    static func build(in directory: URL) throws -> String {
        let sources = packageRoot.appendingPathComponent("Sources/CCoroutine")
        let library = try FileManager.default.contentsOfDirectory(atPath: sources.path)
            .filter { $0.hasSuffix(".c") || $0.hasSuffix(".S") }
            .map { sources.appendingPathComponent($0).path }
        let main = directory.appendingPathComponent("overflow.c")
        try source.write(to: main, atomically: true, encoding: .utf8)
        let executable = directory.appendingPathComponent("overflow").path
        let arguments =
            ["-O0", "-w", "-I", sources.appendingPathComponent("include").path]
            + library + [main.path, "-o", executable, "-lpthread"]
        let result = try run(compiler ?? "cc", arguments)
        guard result.exitedNormally && result.status == 0 else {
            throw CompileError(output: result.stderr)
        }
        return executable
    }

    struct CompileError: Error, CustomStringConvertible {
        var output: String
        var description: String { "cc failed: \(output)" }
    }

    struct Outcome: Sendable, CustomStringConvertible {
        var exitedNormally: Bool
        /// The exit status, or the signal that ended the process.
        var status: Int32
        var stderr: String

        var description: String {
            (exitedNormally ? "exit \(status)" : "killed by signal \(status)") + ", stderr: \(stderr.debugDescription)"
        }
    }

    /// Runs a process to its end (at most `timeout` seconds) and collects its stderr.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 20) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // stderr is a line or a page of compiler diagnostics: it fits the pipe's buffer.
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return Outcome(
            exitedNormally: process.terminationReason == .exit,
            status: process.terminationStatus,
            stderr: stderr
        )
    }
}
