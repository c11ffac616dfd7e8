import CCoroutine

#if canImport(Glibc)
import Glibc
#endif

/// A stackful coroutine on the current thread (internal to FetchKit): the body runs on
/// its own mmap'd stack until it calls `yield()`, and continues from there on the next
/// `resume()`.
///
/// Rules the green strategy must keep (each one breaks something no compiler check
/// catches):
/// - **One thread.** The first `resume()` binds a coroutine to its thread; resume and
///   yield there only, for its whole life (creating it elsewhere is fine). Its frames hold
///   per-thread state: Swift's exclusivity access set, the C `current` pointer.
/// - **No switch inside an access.** Swift's dynamic exclusivity checking records each
///   open `inout`/`modify` access in a per-thread list whose entries live in the frames
///   that opened them. Call `yield()` (and `resume()`) from plain function context: not
///   inside a `mutating` method on class-held state, not in a closure given something
///   `inout`, not while holding a lock. Otherwise the other side of the switch sees, or
///   ends, an access that is not its own, and traps or deadlocks.
/// - **Never inside a C callback.** A curl callback is a C frame that curl expects to
///   return before anything else touches its handle.
/// - **Errors stay inside.** The body is `() -> Void`: a Swift error must not cross the
///   C frame at the bottom of the stack. A parked coroutine that must stop early is
///   woken with a value that makes it finish (the green hub's workers get nil from a
///   cancelled queue, or a `cancelled` record); if a switch point ever throws instead,
///   catch in the body before it returns, so `defer` blocks run and the coroutine
///   finishes.
/// - **Finish before dropping.** Deinitializing a suspended, unfinished coroutine unmaps
///   its stack without unwinding it: its `defer` blocks never run and whatever its frames
///   retain leaks. Resume it to completion first.
/// - **Don't capture the coroutine in its own body** (a retain cycle until the body
///   returns); use `Coroutine.current`.
final class Coroutine {
    private let handle: OpaquePointer
    /// Owns the body until it starts; the C side holds it unretained.
    private let entry: CoroutineEntry

    /// Maps a stack of `stackSize` bytes (rounded up to pages, plus a guard region) that
    /// the body will run on from the first `resume()`.
    ///
    /// Throws a `UsageError` when the size is not positive, a `SystemCallError` when the
    /// stack can't be mapped (the usual cause with many coroutines is `vm.max_map_count`:
    /// each stack takes two mappings).
    init(stackSize: Int, body: @escaping () -> Void) throws {
        guard stackSize > 0 else {
            throw UsageError("a green worker's stack size must be positive (got \(stackSize))")
        }
        let entry = CoroutineEntry(body)
        let handle = cfetch_coroutine_create(
            stackSize,
            { CoroutineEntry.run($0) },
            Unmanaged.passUnretained(entry).toOpaque()
        )
        guard let handle else {
            let code = errno
            throw SystemCallError(
                call: "mmap", errno: code, context: "cannot map a \(stackSize / 1024) KiB stack for a green worker",
                hint: code == ENOMEM ? "each green worker takes two memory mappings; vm.max_map_count caps them" : nil)
        }
        self.handle = handle
        self.entry = entry
        // Unretained: the object outlives every moment it is current (see `current`).
        cfetch_coroutine_set_owner(handle, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs the coroutine until it yields or its body returns.
    ///
    /// Call from outside this coroutine (the hub, or another coroutine), with no
    /// `inout`/`modify` access open. The first resume binds the coroutine to the calling
    /// thread. Resuming a finished or running coroutine, or from another thread, is a
    /// programming error: the C side prints what went wrong and aborts.
    func resume() {
        cfetch_coroutine_resume(handle)
    }

    /// Switches from inside this (running) coroutine back to its resumer; returns at the
    /// next `resume()`. Call from plain function context: no `inout`/`modify` access, lock
    /// or C callback may be open across it. Called from anywhere but this coroutine, it
    /// aborts with a message.
    func yield() {
        cfetch_coroutine_yield(handle)
    }

    /// True once the body has returned.
    var isFinished: Bool {
        cfetch_coroutine_is_finished(handle) != 0
    }

    /// The usable stack size in bytes (the requested size rounded up to whole pages).
    var stackSize: Int {
        cfetch_coroutine_stack_size(handle)
    }

    /// How deep the stack has reached so far, in bytes, page granular (resident pages,
    /// so a high-water mark). For sizing stacks and for tests.
    var stackHighWater: Int {
        cfetch_coroutine_stack_high_water(handle)
    }

    /// Unmaps the stack. A running coroutine can't get here (its resumer holds it).
    deinit {
        cfetch_coroutine_destroy(handle)
    }
}
