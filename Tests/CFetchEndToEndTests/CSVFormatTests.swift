import Foundation
import Testing

@Suite("CSV output")
struct CSVFormatTests {
    @Test(
        "--format csv is RFC 4180: DESIGN header, one row per URL, awkward URLs round-trip",
        arguments: CFetchBinary.strategies
    )
    func csvRoundTrip(strategy: String) async throws {
        try await withServer { server in
            try await withTemporaryDirectory { directory in
                let urls = [
                    server.url("/bytes/10"),
                    // A comma and double quotes in the URL: both must be quoted and doubled.
                    server.url(#"/status/404?a=1,2&b="x""#),
                    server.url("/bytes/5?q=a,b,c"),
                    "not a url, \"really\"",
                    server.url("/bytes/0"),
                ]
                let list = try directory.writeList(urls)
                let result = try await CFetchBinary.run(["--strategy", strategy, "-j", "3", "--format", "csv", list])

                #expect(result.exited(1), "a 404 and a bad line make it exit 1: \(result)")
                let document = try CSV.parse(result.stdoutText)
                #expect(document.usesCRLF, "RFC 4180 records end in CRLF")
                let header = try #require(document.rows.first)
                #expect(header == designKeys)
                let rows = document.rows.dropFirst()
                #expect(rows.count == urls.count, "\(result)")
                var seen = Set<Int>()
                for row in rows {
                    try #require(row.count == designKeys.count, "row has \(row.count) fields: \(row)")
                    let field = Dictionary(uniqueKeysWithValues: zip(designKeys, row))
                    let index = try #require(field["index"].flatMap { Int($0) }, "\(row)")
                    try #require(urls.indices.contains(index), "\(row)")
                    #expect(seen.insert(index).inserted, "index \(index) twice")
                    #expect(field["url"] == urls[index], "URL did not round-trip: \(row)")
                    #expect(field["strategy"] == strategy)
                    #expect(["true", "false"].contains(field["ok"]))
                    for key in timeKeys {
                        #expect(field[key].flatMap(Double.init).map { $0 >= 0 } == true, "\(key): \(row)")
                    }
                }
                let byIndex = Dictionary(
                    uniqueKeysWithValues: rows.map {
                        (Int($0[0]) ?? -1, Dictionary(uniqueKeysWithValues: zip(designKeys, $0)))
                    }
                )
                #expect(byIndex[0]?["ok"] == "true")
                #expect(byIndex[0]?["bytes"] == "10")
                #expect(byIndex[1]?["status"] == "404")
                #expect(byIndex[1]?["error"] == "http")
                #expect(byIndex[1]?["effective_url"] == urls[1])
                #expect(byIndex[2]?["bytes"] == "5")
                // Null is an empty field.
                #expect(byIndex[3]?["status"] == "")
                #expect(byIndex[3]?["error"] == "invalid-url")
                #expect(byIndex[4]?["bytes"] == "0")
                // A plain line has no id: an empty field.
                #expect(rows.allSatisfy { Dictionary(uniqueKeysWithValues: zip(designKeys, $0))["id"] == "" })
            }
        }
    }
}
