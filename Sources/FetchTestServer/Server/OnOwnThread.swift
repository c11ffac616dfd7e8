#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking work (a socket read, a child process, seconds of rendering) on a thread
/// of its own and awaits its result, so a test never holds a thread of Swift's
/// concurrency pool while it blocks: that pool has one thread per core, and the other
/// suites in the process need them.
public func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let body = Unmanaged.passRetained(ThreadBody { continuation.resume(with: Result { try work() }) })
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                let body = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
                pthread_detach(pthread_self())
                body.run()
                return nil
            }, body.toOpaque())
        precondition(status == 0, "pthread_create failed: \(String(cString: strerror(status)))")
    }
}

/// What `onOwnThread`'s thread runs, carried through pthread's one pointer (a pthread,
/// not Foundation's `Thread`: this library is linked into the `cfetch` binary, which
/// does not link Foundation).
private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
