import CLinuxSystem

#if canImport(Glibc)
import Glibc
#endif

/// Starts an OS thread running `body`, which may take along values no other thread will
/// touch again (`sending`): a blocking worker's easy handle, say. The compiler checks the
/// caller keeps no use of them. A detached pthread (nothing joins it: its owner waits on
/// what the thread signals), named `name` — its first 15 bytes, all Linux keeps — for
/// `top -H`, `perf` and gdb. Not Foundation's `Thread`, which links all of Foundation.
package func startThread(name: String, stackSize: Int? = nil, _ body: sending @escaping () -> Void) {
    let context = Unmanaged.passRetained(ThreadBody(name: name, body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
    var thread = pthread_t()
    let status = pthread_create(
        &thread, &attributes,
        { context in
            let body = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
            pthread_setname_np(pthread_self(), String(decoding: body.name.utf8.prefix(15), as: UTF8.self))
            body.run()
            return nil
        }, context)
    // A run cannot go on without the thread it asked for (its loop, its input reader).
    precondition(status == 0, "pthread_create failed for \(name): \(String(cString: strerror(status)))")
}

/// What the new thread runs, carried to it through pthread's one pointer.
private final class ThreadBody: @unchecked Sendable {  // guarded: `sending` left the caller no reference
    let name: String
    let run: () -> Void
    init(name: String, _ run: sending @escaping () -> Void) {
        self.name = name
        self.run = run
    }
}
