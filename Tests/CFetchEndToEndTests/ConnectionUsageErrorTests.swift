import Foundation
import Testing

/// The connection options' values are checked before anything is fetched: a syntax curl
/// would skip without a word, or a file that cannot be read, is one line on stderr and exit 2.
@Suite("Connection options: usage errors")
struct ConnectionUsageErrorTests {
    static let cases: [(arguments: [String], mentions: String)] = [
        (["-x", "ftp://proxy.invalid"], "--proxy"),
        (["-x", "proxy.invalid:99999"], "--proxy"),
        (["--resolve", "a.invalid:80"], "--resolve"),
        (["--resolve", "a.invalid:http:127.0.0.1"], "--resolve"),
        (["--resolve", "a.invalid:80:not-an-address"], "--resolve"),
        (["--resolve", "a.invalid:80:127.0.0.1,"], "--resolve"),
        (["--connect-to", "a.invalid:80:b.invalid"], "--connect-to"),
        (["--connect-to", "a.invalid:80:b.invalid:0"], "--connect-to"),
        (["--connect-to", "[::1:80::"], "--connect-to"),
        (["--cacert", "/nonexistent/ca.pem"], "--cacert"),
        (["--cacert", "/"], "--cacert"),
        (["--capath", "/nonexistent"], "--capath"),
        (["--capath", "/etc/hostname"], "--capath"),
        (["-E", "/nonexistent/client.pem"], "--cert"),
        (["-E", "/etc/hostname", "--key", "/nonexistent/client.key"], "--key"),
        (["--key", "/etc/hostname"], "--key"),
        (["-E", "/etc/hostname", "--cert-type", "JKS"], "--cert-type"),
        (["-E", "/etc/hostname", "--key", "/etc/hostname", "--key-type", "P12"], "--key-type"),
    ]

    @Test("one line on stderr naming the option, exit 2, nothing fetched", arguments: cases)
    func refused(arguments: [String], mentions: String) async throws {
        let result = try await CFetchBinary.run(arguments + ["http://127.0.0.1:1/"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stdout.isEmpty && result.stderrLines.count == 1, "\(result)")
        #expect(result.stderrText.contains(mentions), "\(result)")
    }

    @Test("bench checks them too")
    func bench() async throws {
        let result = try await CFetchBinary.run(["bench", "--resolve", "a.invalid"])
        #expect(
            result.exited(2) && result.stderrLines.count == 1 && result.stderrText.contains("--resolve"), "\(result)")
    }
}
