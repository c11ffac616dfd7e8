/// A request rate as --rate and --host-rate take it: `10`, `10/s`, `600/m`, `1/5s`, `2/h`, `0.5`, `3/d`.
///
/// Kept as the count and the period the user wrote (not only their quotient), so that
/// `description` gives back `600/m` rather than `10/s`, and a summary reads as the command did.
public struct RequestRate: Sendable, Equatable, CustomStringConvertible {
    /// Requests per `period`; finite and > 0.
    public let requests: Double
    /// Seconds; finite and > 0.
    public let period: Double

    /// The shortest and longest gap between two starts a rate may mean: below a microsecond
    /// a timer cannot tell starts apart, and above 1e9 s (31 years) a rate is a typo.
    static let intervalRange: ClosedRange<Double> = 1e-6...1e9

    /// Both values must be finite and > 0 (a trap otherwise: the caller checks values
    /// it got from outside, as `init(parsing:)` does).
    public init(requests: Double, period: Double) {
        precondition(requests.isFinite && requests > 0, "RequestRate: requests must be finite and > 0")
        precondition(period.isFinite && period > 0, "RequestRate: period must be finite and > 0")
        self.requests = requests
        self.period = period
    }

    /// nil when the text is not a rate (the CLI prints its own usage line).
    ///
    /// Grammar: `NUMBER [ "/" [NUMBER] UNIT ]`, blanks allowed around each part; NUMBER is a
    /// plain decimal > 0 (no sign, no exponent); UNIT is `s`, `m`, `h` or `d` (or `sec`,
    /// `min`, `hour`, `day`, and `second(s)`, `minute(s)`, `hours`, `days`), in any case.
    /// A bare NUMBER is per second.
    public init?(parsing text: String) {
        var scanner = RateScanner(Array(text.utf8))
        guard let requests = scanner.number(), requests > 0 else { return nil }
        var period = 1.0
        if scanner.take(UInt8(ascii: "/")) {
            let count = scanner.number() ?? 1
            guard let unit = scanner.unit() else { return nil }
            period = count * unit
        }
        guard scanner.isAtEnd(), period.isFinite, period > 0 else { return nil }
        let interval = period / requests
        guard interval.isFinite, Self.intervalRange.contains(interval) else { return nil }
        self.init(requests: requests, period: period)
    }

    /// Seconds between two starts at this rate: period / requests.
    public var interval: Double { period / requests }

    public var perSecond: Double { requests / period }

    /// Compact, and reads back with `init(parsing:)` as an equal rate: `5/s`, `600/m`, `1/5s`,
    /// `2/h`, `0.5/s`, `1/90s`.
    public var description: String {
        let count = PlainDecimal.text(requests)
        for (seconds, name) in Self.units where period >= seconds {
            guard period.truncatingRemainder(dividingBy: seconds) == 0 else { continue }
            let multiple = period / seconds
            return multiple == 1 ? "\(count)/\(name)" : "\(count)/\(PlainDecimal.text(multiple))\(name)"
        }
        return "\(count)/\(PlainDecimal.text(period))s"
    }

    /// The units `description` writes, largest first, so that 7200 s reads `2h`.
    private static let units: [(seconds: Double, name: String)] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
}

/// Reads a rate's parts from its UTF-8 bytes, skipping blanks before each part.
private struct RateScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func isAtEnd() -> Bool {
        skipBlanks()
        return index == bytes.count
    }

    mutating func take(_ byte: UInt8) -> Bool {
        skipBlanks()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A plain decimal, or nil (consuming nothing) when none starts here.
    mutating func number() -> Double? {
        skipBlanks()
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        guard index > start, let value = PlainDecimal.parse(bytes[start..<index]) else {
            index = start
            return nil
        }
        return value
    }

    /// A unit's length in seconds, or nil when the letters here are none.
    mutating func unit() -> Double? {
        skipBlanks()
        let start = index
        while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
        let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        return Self.unitSeconds[word]
    }

    private static let unitSeconds: [String: Double] = [
        "s": 1, "sec": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "minute": 60, "minutes": 60,
        "h": 3_600, "hour": 3_600, "hours": 3_600,
        "d": 86_400, "day": 86_400, "days": 86_400,
    ]

    private mutating func skipBlanks() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
