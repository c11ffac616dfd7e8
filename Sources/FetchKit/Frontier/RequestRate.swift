/// PLACEHOLDER until issue9-b lands.
public struct RequestRate: Sendable, Equatable, CustomStringConvertible {
    public let requests: Double
    public let period: Double
    public init(requests: Double, period: Double) {
        self.requests = requests
        self.period = period
    }
    public init?(parsing text: String) {
        guard let value = Double(text), value > 0 else { return nil }
        self.init(requests: value, period: 1)
    }
    public var interval: Double { period / requests }
    public var perSecond: Double { requests / period }
    public var description: String { "\(requests)/\(period)s" }
}
