import Foundation

/// Runs blocking work (a socket read, a child process, seconds of rendering) on a thread
/// of its own and awaits its result, so a test never holds a thread of Swift's
/// concurrency pool while it blocks: that pool has one thread per core, and the other
/// suites in the process need them.
public func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
