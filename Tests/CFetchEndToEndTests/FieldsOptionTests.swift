import Foundation
import Testing

/// `--fields a,b,c`: the JSONL keys and CSV columns a script wants, in its order.
@Suite("--fields")
struct FieldsOptionTests {
    @Test("jsonl: exactly the chosen keys, in the given order", arguments: ["callback", "blocking"])
    func jsonl(strategy: String) async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run(
                [
                    "--strategy", strategy, "--format", "jsonl", "--fields", "status,url,ok,host_wait",
                    server.url("/bytes/3"),
                ])
            #expect(result.exited(0), "\(result)")
            let records = try JSONRecord.parseLines(result.stdoutText)
            #expect(records.count == 1)
            #expect(records.first?.keys == ["status", "url", "ok", "host_wait"], "\(result.stdoutText)")
            #expect(records.first?.status == 200 && records.first?.url == server.url("/bytes/3"))
        }
    }

    @Test("csv: the header and each row hold the chosen columns")
    func csv() async throws {
        try await withServer { server in
            let result = try await CFetchBinary.run(
                ["--format", "csv", "--fields", "bytes, error ,index", server.url("/bytes/5"), "http://127.0.0.1:1/"])
            #expect(result.exited(1), "\(result)")
            let lines = result.stdoutText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "bytes,error,index")
            #expect(Set(lines.dropFirst()) == ["5,,0", "0,connect,1"], "\(lines)")
        }
    }

    @Test(
        "an unknown or repeated field is a one-line usage error naming the fields",
        arguments: [
            ("url,bogus", "--fields: unknown field 'bogus'; the fields are index,id,url,ok,"),
            ("", "--fields: unknown field ''"),
            ("url,ok,url", "--fields: 'url' is given twice"),
        ])
    func usage(fields: String, message: String) async throws {
        let result = try await CFetchBinary.run(["--fields", fields, "/dev/null"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderrLines.count == 1 && result.stderrText.contains(message), "\(result.stderrText)")
    }
}
