import FetchBench
import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A property of the whole command line: whatever value a numeric option is given, the
/// process ends by itself with 0, 1 or 2, never by a signal (SIGILL was a trap on
/// `-m inf`), and a usage error is exactly one line on stderr.
///
/// The values are the extremes that broke things once, plus random ones from a seeded
/// generator (the seed and the command are in every failure message). Accepted values
/// fetch one URL of the local server, so they finish at once; a process still running
/// after a few seconds (an accepted `demo --count 900000`) gets a SIGINT and must then
/// exit 130 just as cleanly.
@Suite("Property: any value of a numeric option ends the process cleanly", .serialized)
struct OptionValuePropertyTests {
    static let seed: UInt64 = 0x5EED_CFE7

    static let extremes = [
        "inf", "-inf", "nan", "-0", "0", "-1", "1e308", "1e16", "9223372036854775807", "-9223372036854775808", "",
        "0x10", "1e-9",
    ]

    /// Where an option is tried: the command line around it, `LIST` standing for a list
    /// of one URL of the test server.
    struct Command: Sendable {
        var prefix: [String]
        var options: [String]
        /// Short options also tried with the value attached (`-j8`).
        var attached: [String]
    }

    static let commands = [
        Command(
            prefix: ["fetch", "--format", "jsonl", "-s", "LIST"],
            options: [
                "-j", "--stack-size", "-m", "--connect-timeout", "--max-redirs", "--max-filesize", "--retry",
                "--retry-delay", "--loops",
            ],
            attached: ["-j", "-m"]),
        Command(
            prefix: ["bench", "LIST", "--strategies", "callback", "--repeat", "1", "--warmup", "0", "-s"],
            options: ["-j", "--repeat", "--warmup", "--count", "--delay", "--size", "-m", "--retry-delay", "--loops"],
            attached: ["-j"]),
        Command(
            prefix: ["demo", "--count", "1", "-s", "--format", "jsonl"], options: ["-j", "--count", "--seed"],
            attached: ["-j"]),
    ]

    /// A few random values of every shape: whole numbers of any length and sign, decimals
    /// with any exponent, sizes with a suffix.
    static func randomValues(_ random: inout SplitMix64, count: Int) -> [String] {
        (0..<count).map { _ in
            let sign = random.next() % 3 == 0 ? "-" : ""
            switch random.next() % 3 {
            case 0:
                let digits = 1 + Int(random.next() % 20)
                return sign + String((0..<digits).map { _ in Character(String(random.next() % 10)) })
            case 1:
                let mantissa = Double(random.next() % 10_000) / 1000
                let exponent = Int(random.next() % 330) - 15
                return "\(sign)\(mantissa)e\(exponent)"
            default:
                let suffix = ["k", "K", "M", "G", "b"][Int(random.next() % 5)]
                return "\(sign)\(random.next() % 5000)\(suffix)"
            }
        }
    }

    /// Every command line to try, in a fixed order for the seed.
    static func cases(list: String) -> [[String]] {
        var random = SplitMix64(seed: seed)
        var cases: [[String]] = []
        for command in commands {
            let prefix = command.prefix.map { $0 == "LIST" ? list : $0 }
            for option in command.options {
                for value in extremes + randomValues(&random, count: 3) {
                    cases.append(prefix + [option, value])
                    if command.attached.contains(option) && !value.isEmpty { cases.append(prefix + [option + value]) }
                }
            }
        }
        return cases
    }

    /// Runs one command line; SIGINT once it has run for `patience` (an accepted value
    /// that means a long run), then it must stop too. The signal waits until cfetch has
    /// taken SIGINT over: on a busy machine a debug build's start-up (the argument parser)
    /// has taken more than `patience`, and any program killed while starting up dies of
    /// the signal, which is not what this checks.
    static func runBounded(
        _ arguments: [String], patience: Duration = .seconds(6)
    ) async throws -> (
        ChildProcess.Result, interrupted: Bool
    ) {
        let child = try CFetchBinary.start(arguments)
        var ended = await eventually(timeout: patience) { !child.isRunning }
        if !ended {
            ended =
                await eventually(timeout: .seconds(60)) { !child.isRunning || child.handles(SIGINT) }
                && !child.isRunning
        }
        if !ended { child.send(SIGINT) }
        return (try await child.wait(timeout: .seconds(15)), !ended)
    }

    @Test("exit 0, 1 or 2 (130 after our SIGINT), never a signal; a usage error is one stderr line")
    func anyValueEndsCleanly() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1")])
                let cases = Self.cases(list: list)
                #expect(cases.count > 300)
                var usageErrors = 0
                // A few at a time: each is a process start, on a shared 2-core machine.
                for batch in stride(from: 0, to: cases.count, by: 6).map({ cases[$0..<min($0 + 6, cases.count)] }) {
                    let results = try await withThrowingTaskGroup(of: ([String], ChildProcess.Result, Bool).self) {
                        group in
                        for arguments in batch {
                            group.addTask {
                                let (result, interrupted) = try await Self.runBounded(arguments)
                                return (arguments, result, interrupted)
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    for (arguments, result, interrupted) in results {
                        let context = "seed \(Self.seed), value \(arguments.last.debugDescription): \(result)"
                        #expect(!result.signalled, "killed by a signal: \(context)")
                        let allowed: Set<Int32> = interrupted ? [130] : [0, 1, 2]
                        #expect(allowed.contains(result.status), "\(context)")
                        #expect(!result.stderrText.contains("Fatal error"), "\(context)")
                        if result.exited(2) {
                            usageErrors += 1
                            #expect(result.stderrLines.count == 1, "a usage error is one line: \(context)")
                            #expect(result.stdout.isEmpty, "\(context)")
                        }
                    }
                }
                // Most extremes are refused: a run where none was would test nothing.
                #expect(usageErrors > cases.count / 2)
            }
        }
    }
}
