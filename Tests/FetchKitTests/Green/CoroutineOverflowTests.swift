import FetchTestServer
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Coroutine stack overflow")
struct CoroutineOverflowTests {
    @Test(
        "a guard-page hit prints one clear line and dies by SIGSEGV; other faults go to the earlier handler",
        .enabled(if: CoroutineOverflowProgram.compiler != nil, "needs a C compiler (cc) to build the crashing program")
    )
    func overflowIsReported() async throws {
        typealias Run = (
            mode: String, expected: CoroutineOverflowProgram.Expectation, outcome: CoroutineOverflowProgram.Outcome
        )
        let runs = try await onOwnThread { () throws -> [Run] in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("cfetch-overflow-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let program = try CoroutineOverflowProgram.build(in: directory)
            return try CoroutineOverflowProgram.modes.map { mode, expected in
                (mode, expected, try CoroutineOverflowProgram.run(program, [mode]))
            }
        }
        for (mode, expected, outcome) in runs {
            switch expected {
            case .overflowReported(let line):
                #expect(!outcome.exitedNormally && outcome.status == SIGSEGV, "\(mode): \(outcome)")
                #expect(outcome.stderr == line, "\(mode)")
            case .plainFault:
                #expect(!outcome.exitedNormally && outcome.status == SIGSEGV, "\(mode): \(outcome)")
                #expect(!outcome.stderr.contains("overflowed"), "\(mode): \(outcome)")
            case .chained:
                #expect(outcome.exitedNormally && outcome.status == 42, "\(mode): \(outcome)")
                #expect(outcome.stderr == "previous handler ran\n", "\(mode): \(outcome)")
            }
        }
    }
}
