import FetchKit
import Foundation
import Testing

@Suite("Saving bodies with -o")
struct OutputDirectoryTests {
    @Test("one file per ok URL, never overwritten; failures leave no file", arguments: StrategyKind.allCases)
    func savesAndRefusesToOverwrite(strategy: StrategyKind) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cfetch-out-\(UUID().uuidString)/nested").path
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        try await withServer { server in
            let urls = [
                server.url("/bytes/10"), server.url("/bytes/2000"), server.url("/status/404"), server.url("/reset"),
            ]
            let first = FetchHarness.byIndex(
                try await FetchHarness.run(urls, strategy: strategy) { $0.outputDirectory = directory }.records)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(files.count == 2, "\(files)")
            #expect(files.allSatisfy { !$0.contains("/") && !$0.hasSuffix(".part") })
            #expect(first.map { $0.path != nil } == [true, true, false, false])
            #expect(first[0].path.map { ($0 as NSString).lastPathComponent } == files.first)
            let sizes = try files.map {
                try FileManager.default.attributesOfItem(atPath: "\(directory)/\($0)")[.size] as? Int
            }
            #expect(sizes == [10, 2000])
            let again = try await FetchHarness.run(Array(urls.prefix(2)), strategy: strategy) {
                $0.outputDirectory = directory
            }.records
            #expect(again.allSatisfy { $0.error == .output && !$0.ok && $0.path == nil })
            let sizesAfter = try files.map {
                try FileManager.default.attributesOfItem(atPath: "\(directory)/\($0)")[.size] as? Int
            }
            #expect(sizesAfter == sizes)
        }
    }
}
