import Foundation
import Testing

@Suite("-o DIR")
struct OutputDirectoryTests {
    @Test("bodies saved one file per URL; a second run never overwrites them", arguments: CFetchBinary.strategies)
    func savesAndNeverOverwrites(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let sizes = [0, 10, 1_000, 65_537, 250_000]
                let urls = sizes.map { server.url("/bytes/\($0)") }
                let list = try directory.writeList(urls)
                let output = directory.file("out")
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
                let arguments = ["--strategy", strategy, "-j", "3", "-o", output, list]

                let first = try await CFetchBinary.run(arguments)
                #expect(first.exited(0), "\(first)")
                let records = try JSONRecord.parseLines(first.stdoutText)
                #expect(records.count == 5)
                #expect(records.allSatisfy { $0.ok == true }, "\(first)")
                #expect(records.allSatisfy { $0.path?.hasPrefix(output + "/") == true }, "\(first)")
                let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
                #expect(names.count == 5, "\(names)")
                var contents: [String: Data] = [:]
                for name in names {
                    contents[name] = try Data(contentsOf: URL(fileURLWithPath: output).appendingPathComponent(name))
                }
                #expect(contents.values.map(\.count).sorted() == sizes.sorted(), "file sizes")
                #expect(names.allSatisfy { !$0.hasPrefix(".") && !$0.contains("/") })

                // The biggest body, byte for byte, against curl's own download when curl is here.
                if FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") {
                    let curl = try await ChildProcess.run("/usr/bin/curl", ["-s", "--max-time", "10", urls[4]])
                    let saved = contents.values.first { $0.count == 250_000 }
                    #expect(curl.exited(0) && saved == curl.stdout, "saved body differs from curl's")
                }

                let second = try await CFetchBinary.run(arguments)
                #expect(second.exited(1), "\(second)")
                let refused = try JSONRecord.parseLines(second.stdoutText)
                #expect(refused.count == 5)
                expectIndexesCover(refused, count: 5)
                for record in refused {
                    expectWellFormed(record, strategy: strategy, workers: 3)
                    #expect(record.ok == false, "\(record)")
                    #expect(record.error == "output", "\(record)")
                    #expect(
                        record.message?.hasSuffix(": it exists (use --skip-existing or --overwrite)") == true,
                        "\(record)")
                    #expect(record.isNull("path"), "\(record)")
                }
                let namesAfter = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
                #expect(namesAfter == names, "no new or removed files")
                for name in names {
                    let now = try Data(contentsOf: URL(fileURLWithPath: output).appendingPathComponent(name))
                    #expect(now == contents[name], "\(name) was changed by the second run")
                }
            }
        }
    }

    @Test("-o DIR that does not exist is created; a file in its place is a usage error")
    func directoryHandling() async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let fresh = directory.file("new/nested")
                let run = try await CFetchBinary.run(["-o", fresh], stdin: .text(server.url("/bytes/3") + "\n"))
                // Either it creates the directory (like curl --create-dirs) and saves,
                // or it refuses up front with a usage error; never a half-run.
                if run.exited(0) {
                    #expect(try FileManager.default.contentsOfDirectory(atPath: fresh).count == 1)
                } else {
                    #expect(run.exited(2), "\(run)")
                    #expect(run.stdout.isEmpty && run.stderrLines.count == 1, "\(run)")
                }
                let plainFile = try directory.write(Data("x".utf8), name: "plain")
                let clash = try await CFetchBinary.run(["-o", plainFile], stdin: .text(server.url("/bytes/3") + "\n"))
                #expect(clash.exited(2), "\(clash)")
                #expect(clash.stdout.isEmpty && clash.stderrLines.count == 1, "\(clash)")
            }
        }
    }
}
