/// The command line asks for something that cannot be done as asked (no list to read, a
/// limit that does not fit the machine): the user changes the command. Exit status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
