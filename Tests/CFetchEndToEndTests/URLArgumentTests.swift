import Foundation
import Testing

/// `cfetch https://example.org/` — the first thing a curl user types: an argument that is an
/// http(s) URL is fetched, anything else is a list file, and indexes follow argument order.
@Suite("URLs as arguments")
struct URLArgumentTests {
    @Test("one URL as the only argument gets its record", arguments: CFetchBinary.strategies)
    func oneURL(strategy: String) async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run([
                "--strategy", strategy, "--format", "jsonl", server.url("/bytes/7"),
            ])
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 1 && records.first?.bytes == 7 && records.first?.index == 0, "\(result)")
        }
    }

    @Test("URLs, a list file and stdin mix; indexes follow the arguments", arguments: CFetchBinary.strategies)
    func mixed(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/2"), server.url("/bytes/3")])
                let piped = Data((server.url("/bytes/5") + "\n").utf8)
                let upper = server.url("/bytes/4").replacingOccurrences(of: "http://", with: "HTTP://")
                let result = try await CFetchBinary.run(
                    ["--strategy", strategy, "--format", "jsonl", server.url("/bytes/1"), list, upper, "-"],
                    stdin: .data(piped))
                #expect(result.exited(0), "\(result)")
                let records = try JSONRecord.parseLines(result.stdoutText)
                let bytesByIndex = Dictionary(
                    uniqueKeysWithValues: records.compactMap { record in
                        record.index.map { ($0, record.bytes ?? -1) }
                    })
                #expect(bytesByIndex == [0: 1, 1: 2, 2: 3, 3: 4, 4: 5], "\(result)")
            }
        }
    }

    @Test("an argument without http:// or https:// is a file: one that does not exist is a usage error")
    func notAURL() async throws {
        let result = try await CFetchBinary.run(["example.org"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderrText.contains("example.org"), "\(result.stderrText)")
    }
}
