import Testing

@testable import FetchKit

/// `--rate` and `--host-rate` values: what reads as a rate, what does not, and that a rate
/// prints as something that reads back as the same rate.
@Suite("RequestRate")
struct RequestRateTests {
    @Test(
        "rates as a user writes them",
        arguments: [
            ("10", 10, 1), ("10/s", 10, 1), ("600/m", 600, 60), ("1/5s", 1, 5), ("2/h", 2, 3_600),
            ("0.5", 0.5, 1), ("3/d", 3, 86_400), (" 5 / 2 min ", 5, 120), ("7/SEC", 7, 1), ("1/1.5s", 1, 1.5),
            (".5/s", 0.5, 1), ("5./M", 5, 60), ("1/day", 1, 86_400), ("4/3 hours", 4, 10_800),
            ("\t12/minute", 12, 60), ("1/1000000000s", 1, 1e9), ("1000000", 1e6, 1),
        ] as [(String, Double, Double)])
    func parses(text: String, requests: Double, period: Double) throws {
        let rate = try #require(RequestRate(parsing: text))
        #expect(rate == RequestRate(requests: requests, period: period))
        #expect(rate.interval == period / requests)
        #expect(rate.perSecond == requests / period)
    }

    @Test func intervalAndPerSecondAgree() throws {
        let rate = try #require(RequestRate(parsing: "600/m"))
        #expect(abs(rate.interval - 0.1) < 1e-12)
        #expect(abs(rate.perSecond - 10) < 1e-12)
        #expect(try #require(RequestRate(parsing: "1/5s")).interval == 5)
    }

    @Test(
        "not rates",
        arguments: [
            "", " ", "0", "0/s", "0.0", "-1", "+1", "1e3", "1E3/s", "inf", "nan", "0x10", "1/", "/s", "1/0s",
            "1/5", "1/5x", "1/s/s", "10 per second", "1..2", "1.2.3/s", "1/-5s", "1,5", "1/ys", "5/ms",
            "ten/s", "1 2/s", "5/s trailing",
            // Starts closer than a microsecond apart, or further than 1e9 s.
            "2000000/s", "1/1000000001s", "1/20000d",
            // A number too long for a Double.
            "1" + String(repeating: "0", count: 400),
        ])
    func rejects(text: String) {
        #expect(RequestRate(parsing: text) == nil)
    }

    @Test(
        "description is compact",
        arguments: [
            (5, 1, "5/s"), (600, 60, "600/m"), (1, 5, "1/5s"), (2, 3_600, "2/h"), (0.5, 1, "0.5/s"),
            (1, 90, "1/90s"), (1, 7_200, "1/2h"), (3, 86_400, "3/d"), (1, 0.25, "1/0.25s"), (1e6, 1, "1000000/s"),
            (1, 172_800, "1/2d"), (0.00001, 1, "0.00001/s"),
        ] as [(Double, Double, String)])
    func description(requests: Double, period: Double, text: String) {
        #expect(RequestRate(requests: requests, period: period).description == text)
    }

    /// Every rate prints as text that parses back to an equal rate (the grid covers each
    /// unit, fractions, and values Swift would print with an exponent).
    @Test func descriptionReadsBack() throws {
        let requestsGrid: [Double] = [1e-5, 0.001, 0.1 + 0.2, 0.5, 1, 3, 7.25, 10, 600, 123_456.789, 1e6]
        let periods: [Double] = [0.001, 0.1 + 0.2, 0.5, 1, 5, 60, 90, 3_600, 7_200, 86_400, 1e6, 2.5e7]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<500).map { _ in
            (Double.random(in: 1e-3...1e4, using: &generator), Double.random(in: 1e-3...1e5, using: &generator))
        }
        var checked = 0
        for (requests, period) in requestsGrid.flatMap({ r in periods.map { (r, $0) } }) + random {
            let interval = period / requests
            guard RequestRate.intervalRange.contains(interval) else { continue }
            let rate = RequestRate(requests: requests, period: period)
            #expect(RequestRate(parsing: rate.description) == rate, "\(requests) per \(period) s: \(rate)")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test(
        "plain decimals are written without an exponent and read back exactly",
        arguments: [(1e-5, "0.00001"), (1.5e20, "150000000000000000000"), (1e16, "10000000000000000"), (2.5, "2.5")]
            as [(Double, String)])
    func plainDecimal(value: Double, text: String) {
        #expect(PlainDecimal.text(value) == text)
        #expect(PlainDecimal.parse(Array(text.utf8)) == value)
    }
}
