import FetchKit
import Foundation
import Testing

@testable import FetchBench

@Suite("Other tools' command lines")
struct ToolInvocationTests {
    @Test("the list as the tools get it: trimmed, no blanks, no comments, no byte-order mark")
    func cleanedList() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tool-list-\(UUID()).txt").path
        defer { unlink(path) }
        try "\u{FEFF}http://a.example/1\n\n  # a comment\n\thttp://a.example/2  \r\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try ToolList(paths: [path]).urls == ["http://a.example/1", "http://a.example/2"])
        // cfetch's rules exactly: only ASCII white space is trimmed, so a no-break space
        // stays part of the line for the tools as for cfetch.
        try "http://a.example/3\u{00A0}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ToolList(paths: [path]).urls == ["http://a.example/3\u{00A0}"])
    }

    @Test("an origin: scheme, host and port, the scheme's own port when none is named")
    func origins() {
        #expect(ToolList.origin(of: "http://Example.com/x")! == ("http", "example.com", 80))
        #expect(ToolList.origin(of: "https://u:p@example.com:8443?q")! == ("https", "example.com", 8443))
        #expect(ToolList.origin(of: "http://[::1]:8080/")! == ("http", "[::1]", 8080))
        #expect(ToolList.origin(of: "http://[::1]/")! == ("http", "[::1]", 80))
        #expect(ToolList.origin(of: "ftp://example.com/") == nil)
        #expect(ToolList(urls: ["http://a/1", "http://a:80/2"]).commonOrigin != nil)
        #expect(ToolList(urls: ["http://a/1", "https://a/2"]).commonOrigin == nil)
    }

    @Test("h2load is refused a list over several origins, and every tool an empty list")
    func refusals() {
        let two = ToolList(urls: ["http://a/1", "http://b/2"])
        #expect(ToolInvocation.refusal(.h2load, list: two)?.contains("one origin") == true)
        #expect(ToolInvocation.refusal(.curl, list: two) == nil)
        #expect(ToolInvocation.refusal(.wget2, list: ToolList(urls: [])) == "the list has no URL")
    }

    @Test("command lines: curl capped at 300 with a quoted config, h2load --h1 on http, -k for each")
    func commandLines() throws {
        let directory = FileManager.default.temporaryDirectory.path
        let list = ToolList(urls: ["http://a/\"q\"\\", "http://a/2"])
        let cancellation = BenchCancellation()
        var files: [TemporaryListFile] = []
        defer { for file in files { file.remove() } }
        let options = ExternalToolOptions(insecure: true, followRedirects: false)
        func invocation(_ tool: ExternalTool) throws -> ToolInvocation {
            try ToolInvocation(
                tool: tool, executable: "/usr/bin/\(tool.rawValue)", list: list, concurrency: 1000, options: options,
                directory: directory, files: &files, cancellation: cancellation)
        }
        let curl = try invocation(.curl)
        #expect(
            curl.argv.contains("--parallel-max") && curl.argv[curl.argv.firstIndex(of: "--parallel-max")! + 1] == "300")
        #expect(curl.argv.contains("-k") && !curl.argv.contains("-L"))
        let config = try String(contentsOfFile: try #require(files.last?.path), encoding: .utf8)
        #expect(
            config
                == "url = \"http://a/\\\"q\\\"\\\\\"\noutput = \"/dev/null\"\nurl = \"http://a/2\"\noutput = \"/dev/null\"\n"
        )
        let wget2 = try invocation(.wget2)
        #expect(wget2.argv.contains("--max-threads=1000") && wget2.argv.contains("--max-redirect=0"))
        #expect(wget2.argv.contains("--no-check-certificate"))
        let h2load = try invocation(.h2load)
        #expect(h2load.argv.prefix(2) == ["/usr/bin/h2load", "--h1"])
        #expect(h2load.argv.contains("-c") && h2load.argv[h2load.argv.firstIndex(of: "-c")! + 1] == "2")
        let aria2c = try invocation(.aria2c)
        #expect(aria2c.scratchDirectory?.hasPrefix(ToolInvocation.scratchParent(directory) + "/") == true)
        #expect(aria2c.argv.contains("--check-certificate=false") && aria2c.argv.contains("--max-download-result=2"))
        #expect(files.count == 4 && files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
    }
}
