import Foundation
import Testing

@testable import FetchKit

/// The seconds fields of every record: microseconds, six decimals, as curl's times.
@Suite("Seconds as record text")
struct SecondsTextTests {
    private func text(_ seconds: Double) -> String {
        var bytes: [UInt8] = []
        bytes.append(seconds: seconds)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("six decimals, rounded to the microsecond, as printf's %.6f")
    func matchesPrintf() {
        var random = SystemRandomNumberGenerator()
        let samples: [Double] =
            [0, 0.000001, 0.0000004, 0.0000005, 0.25, 1, 2.126, 59.999_999_6, 1234.5678901, 86_400]
            + (0..<500).map { _ in Double.random(in: 0..<100, using: &random) }
        for seconds in samples {
            #expect(text(seconds) == String(format: "%.6f", (seconds * 1e6).rounded() / 1e6), "\(seconds)")
        }
    }

    @Test("what is not a time reads as 0", arguments: [-1, -0.0, Double.nan, -Double.infinity, Double.infinity])
    func notATime(seconds: Double) {
        #expect(text(seconds) == "0.000000")
    }

    @Test("appends to what is there")
    func appends() {
        var bytes = Array("t=".utf8)
        bytes.append(seconds: 1.5)
        #expect(String(decoding: bytes, as: UTF8.self) == "t=1.500000")
    }

    @Test("a time past a billion seconds is capped there, never a trap")
    func huge() {
        #expect(text(1e9) == "1000000000.000000")
        #expect(text(1e300) == "1000000000.000000")
    }

    @Test("whole numbers, every length and sign", arguments: [0, 7, 10, 99, 100, 1234, -1, -10, Int.max, Int.min])
    func decimals(value: Int) {
        var bytes = Array("n=".utf8)
        bytes.append(decimal: value)
        #expect(String(decoding: bytes, as: UTF8.self) == "n=\(value)")
    }
}
