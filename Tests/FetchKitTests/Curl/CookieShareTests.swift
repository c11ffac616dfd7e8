import FetchTestServer
import Foundation
import Testing

@testable import FetchKit

/// One cookie store for the whole run, used by transfers on many threads at once.
@Suite("Cookie store")
struct CookieShareTests {
    @Test("every cookie set by concurrent transfers lands in the one store", arguments: StrategyKind.allCases)
    func concurrentTransfersShareOneStore(strategy: StrategyKind) async throws {
        try await withServer { server in
            let cookies = try CookieShare(cookieFiles: [], jarPath: nil)
            let urls = (0..<40).map { server.url("/set-cookie/c\($0)/v\($0)") }
            let (records, _) = try await FetchHarness.run(urls, strategy: strategy, concurrency: 8) {
                $0.request.cookies = cookies
            }
            #expect(records.count == 40 && records.allSatisfy(\.ok))
            let names = Set(cookies.cookieLines().map { $0.split(separator: "\t").dropLast().last.map(String.init) })
            #expect(names == Set((0..<40).map { "c\($0)" }))
        }
    }

    @Test("a cookie file is read once into the store, and the jar is written in curl's format")
    func fileInJarOut() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cfetch-jar-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/in.txt"
        try "example.org\tFALSE\t/\tTRUE\t0\tsid\tabc\n".write(toFile: file, atomically: true, encoding: .utf8)
        let store = try CookieShare(cookieFiles: [file], jarPath: directory + "/out.txt")
        #expect(store.cookieLines() == ["example.org\tFALSE\t/\tTRUE\t0\tsid\tabc"])
        try store.writeJar()
        let written = try String(contentsOfFile: directory + "/out.txt", encoding: .utf8)
        #expect(written == CookieShare.jarHeader + "example.org\tFALSE\t/\tTRUE\t0\tsid\tabc\n")
        #expect(throws: InputError.self) { try CookieShare(cookieFiles: [directory + "/missing"], jarPath: nil) }
        #expect(throws: UsageError.self) { try CookieShare(cookieFiles: [], jarPath: directory) }
    }
}
