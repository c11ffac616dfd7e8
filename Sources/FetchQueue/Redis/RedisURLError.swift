/// A `redis://` URL cfetch cannot use, and what to write instead. The URL is never
/// repeated whole: it may carry a password.
public struct RedisURLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, phrased for the user: "the port must be a number from 1 to 65535, not 'abc'".
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String {
        "invalid Redis URL: \(reason) (expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB])"
    }
}
