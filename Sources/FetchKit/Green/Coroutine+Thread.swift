import CCoroutine

#if canImport(Glibc)
import Glibc
#endif

extension Coroutine {
    /// The coroutine running on this thread (the innermost, if one resumed another), or
    /// nil on the thread's own stack. This is how a body reaches its coroutine to yield.
    static var current: Coroutine? {
        guard let running = cfetch_coroutine_current(), let owner = cfetch_coroutine_owner(running) else {
            return nil
        }
        // Unretained is safe: a coroutine is current only inside `resume()`, whose caller
        // keeps the object alive.
        return Unmanaged<Coroutine>.fromOpaque(owner).takeUnretainedValue()
    }

    /// Prepares the calling thread to run coroutines: installs the process-wide stack
    /// overflow handler (once) and gives this thread an alternate signal stack, without
    /// which a guard-page hit kills the process with no message. Call once on the hub
    /// thread before the first `resume()`; later calls are cheap. (`resume()` does it
    /// lazily too, but ignores failure; calling this surfaces it.)
    static func prepareThread() throws(SystemCallError) {
        guard cfetch_coroutine_prepare_thread() == 0 else {
            throw SystemCallError(
                call: "sigaltstack", errno: errno, context: "cannot set up stack-overflow reporting for green workers")
        }
    }
}
