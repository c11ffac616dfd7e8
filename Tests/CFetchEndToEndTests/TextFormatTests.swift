import Foundation
import Testing

@Suite("Text output")
struct TextFormatTests {
    @Test("--format text: a line per URL, per-task totals, then the total", arguments: CFetchBinary.strategies)
    func textReport(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                // Below 1000 bytes the size column is exactly "K B".
                let sizes = (0..<10).map { 1 + $0 * 97 }
                let urls = sizes.map { server.url("/bytes/\($0)") }
                let list = try directory.writeList(urls)
                let result = try await CFetchBinary.run(["--strategy", strategy, "--format", "text", "-j", "3", list])
                #expect(result.exited(0), "\(result)")

                let event = try Regex(#"^task (\d+) got (\S+) (\d{3}) (\d+(?:\.\d)? (?:B|KB|MB|GB)) in (\d+\.\d\d) s$"#)
                let perTask = try Regex(
                    #"^task +(\d+) total elapsed time (\d+\.\d\d) s \((\d+) URLs, (\d+(?:\.\d)? (?:B|KB|MB|GB))\)$"#
                )
                let total = try Regex(#"^Total elapsed time (\d+\.\d\d) s \((\d+) URLs, (\d+) ok, (\d+) failed\)$"#)

                let lines = result.stdoutLines
                var phase = 0  // 0 events, 1 blank, 2 per-task, 3 total
                var fetched: [String: String] = [:]
                var tasks: [Int: Int] = [:]
                var totals: [String] = []
                for line in lines {
                    if let match = line.wholeMatch(of: event) {
                        #expect(phase == 0, "an event line after the totals: \(line.debugDescription)")
                        let worker = Int(match.output[1].substring ?? "") ?? 0
                        #expect((1...3).contains(worker), "\(line)")
                        let url = String(match.output[2].substring ?? "")
                        #expect(fetched[url] == nil, "\(url) reported twice")
                        fetched[url] = String(match.output[4].substring ?? "")
                        #expect(match.output[3].substring == "200", "\(line)")
                    } else if line.isEmpty {
                        #expect(phase == 0, "unexpected blank line")
                        phase = 1
                    } else if let match = line.wholeMatch(of: perTask) {
                        #expect(phase == 1 || phase == 2, "per-task line out of place: \(line.debugDescription)")
                        phase = 2
                        let worker = Int(match.output[1].substring ?? "") ?? 0
                        #expect((1...3).contains(worker) && tasks[worker] == nil, "\(line)")
                        tasks[worker] = Int(match.output[3].substring ?? "") ?? -1
                    } else if let match = line.wholeMatch(of: total) {
                        #expect(phase == 2, "total before the per-task lines: \(line.debugDescription)")
                        phase = 3
                        totals.append(line)
                        #expect(match.output[2].substring == "10")
                        #expect(match.output[3].substring == "10")
                        #expect(match.output[4].substring == "0")
                    } else {
                        Issue.record("unexpected line: \(line.debugDescription)")
                    }
                }
                #expect(phase == 3, "the report does not end with the total: \(result)")
                #expect(totals.count == 1)
                #expect(lines.last.map { $0.hasPrefix("Total elapsed time") } == true)
                #expect(Set(fetched.keys) == Set(urls), "every URL once: \(fetched.keys.sorted())")
                for (url, size) in zip(urls, sizes) { #expect(fetched[url] == "\(size) B", "\(url)") }
                #expect(tasks.values.reduce(0, +) == 10, "per-task URL counts \(tasks) do not add up to 10")
                #expect(!tasks.isEmpty && tasks.keys.allSatisfy { (1...3).contains($0) })
            }
        }
    }

    @Test("--format text names the failure and its reason", arguments: CFetchBinary.strategies)
    func textFailures(strategy: String) async throws {
        try await withServer { server in
            let text = [server.url("/status/404"), "not a url", server.url("/bytes/1")].joined(separator: "\n") + "\n"
            let result = try await CFetchBinary.run(["--strategy", strategy, "--format", "text"], stdin: .text(text))
            #expect(result.exited(1), "\(result)")
            let lines = result.stdoutLines
            #expect(
                lines.contains {
                    $0.hasPrefix("task ") && $0.contains(" failed \(server.url("/status/404")) http 404")
                },
                "\(result)"
            )
            #expect(
                lines.contains { $0.hasPrefix("task ") && $0.contains(" failed not a url invalid-url") },
                "\(result)"
            )
            #expect(lines.last?.contains("(3 URLs, 1 ok, 2 failed)") == true, "\(result)")
        }
    }

    @Test(
        "a list line with escape sequences reaches the text view escaped, never raw",
        arguments: CFetchBinary.strategies)
    func controlCharactersEscaped(strategy: String) async throws {
        try await withServer { server in
            // Clear the screen, ring the bell, DEL, and C1's CSI (U+009B).
            let hostile = server.url("/bytes/1") + "\u{1B}[2J\u{7}x\u{7F}\u{9B}31m"
            let result = try await CFetchBinary.run(
                ["--strategy", strategy, "--format", "text"],
                stdin: .text(hostile + "\n" + server.url("/bytes/2") + "\n"))
            #expect(result.exited(1), "\(result)")
            let text = result.stdoutText
            let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            #expect(raw.isEmpty, "raw control characters: \(raw.map(\.value)) in \(text.debugDescription)")
            #expect(text.contains("/bytes/1\\u001b[2J\\u0007x\\u007f\\u009b31m invalid-url"), "\(result)")
            #expect(text.contains("got \(server.url("/bytes/2")) 200"), "\(result)")
        }
    }
}
