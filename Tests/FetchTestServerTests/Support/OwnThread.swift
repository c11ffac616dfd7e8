import Foundation

/// Runs blocking work (a socket read) on a thread of its own and awaits its result, so
/// a test waiting on the network never holds a thread of Swift's concurrency pool: that
/// pool has one thread per core, and the other suites in this process need them.
func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result { try work() })
        }.start()
    }
}
