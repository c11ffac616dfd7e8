import FetchTestServer
import Foundation
import Testing

/// `--poller`: epoll and poll(2) wait differently and must fetch the same.
@Suite("--poller: epoll and poll fetch the same")
struct PollerOptionTests {
    /// What a record says about its URL, without timings or the worker that fetched it.
    struct Outcome: Equatable, CustomStringConvertible {
        var index: Int?
        var url: String?
        var ok: Bool?
        var status: Int?
        var bytes: Int?
        var error: String?

        init(_ record: JSONRecord) {
            index = record.int("index")
            url = record.string("url")
            ok = record.bool("ok")
            status = record.int("status")
            bytes = record.int("bytes")
            error = record.string("error")
        }

        var description: String { "#\(index ?? -1) \(url ?? "?") ok=\(ok.map(String.init) ?? "?") \(error ?? "")" }
    }

    @Test(
        "every strategy gets the same records with --poller poll and --poller epoll", arguments: CFetchBinary.strategies
    )
    func sameRecords(strategy: String) async throws {
        try await withServer { server in
            // Bodies of many sizes, an HTTP error, and a refused connection (port 1).
            let urls =
                (1...40).map { server.url("/bytes/\($0 * 997)") } + [server.url("/status/404"), "http://127.0.0.1:1/"]
            var outcomes: [String: [Outcome]] = [:]
            for poller in ["poll", "epoll"] {
                let (result, records) = try await CFetchBinary.fetchList(
                    urls, ["-j", "8", "--poller", poller], strategy: strategy)
                #expect(result.exited(1), "a refused connection fails the run: \(result)")
                #expect(records.count == urls.count, "\(poller): \(result)")
                outcomes[poller] = records.map(Outcome.init).sorted { ($0.index ?? -1) < ($1.index ?? -1) }
            }
            #expect(outcomes["poll"] == outcomes["epoll"])
            let epoll = try #require(outcomes["epoll"])
            #expect(epoll.filter { $0.ok == true }.count == 40)
            #expect(epoll.contains { $0.status == 404 && $0.ok == false })
            #expect(epoll.contains { $0.url == "http://127.0.0.1:1/" && $0.error != nil })
        }
    }

    @Test("--poller with an unknown name is a one-line usage error, exit 2")
    func unknownPoller() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let list = try directory.writeList([server.url("/bytes/1")])
                let result = try await CFetchBinary.run(["--poller", "nonsense", list], timeout: .seconds(10))
                #expect(result.exited(2), "\(result)")
                #expect(result.stdout.isEmpty, "\(result)")
                #expect(result.stderrLines.count == 1, "\(result)")
                #expect(result.stderrText.contains("nonsense"), "\(result)")
                #expect(server.requestCount == 0)
            }
        }
    }
}
