import FetchTestServer

/// The test server on 127.0.0.1 that `cfetch demo` and `cfetch bench` fetch from.
enum BuiltInServer {
    static func start() throws(BuiltInServerError) -> TestServer {
        do {
            return try TestServer.start()
        } catch {
            throw BuiltInServerError(underlying: error)
        }
    }
}

/// The built-in server could not listen: nothing can be fetched. Exit status 2.
struct BuiltInServerError: Error, CustomStringConvertible {
    let underlying: any Error
    var description: String { "cannot start the built-in server: \(underlying)" }
}
