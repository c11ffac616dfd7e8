/// A value that belongs to one loop's thread, checked on every access (NIO's
/// `NIOLoopBound`). Being `Sendable`, it can ride in work posted to the loop from any
/// thread; only the loop's own thread can open it.
///
/// Loop-confined state (the engine's core, the green hub and its workers) travels this
/// way instead of in an `@unchecked Sendable` class whose rule is only written down.
struct LoopBound<Value>: @unchecked Sendable {  // guarded: `value` checks for the loop thread
    let loop: any FutureLoop
    private let stored: Value

    /// Binds a value made on the loop's thread.
    init(_ value: Value, loop: any FutureLoop, file: StaticString = #fileID, line: UInt = #line) {
        precondition(loop.inLoopThread, "a loop-bound value was made off its loop's thread", file: file, line: line)
        self.loop = loop
        stored = value
    }

    /// Binds a value made elsewhere and handed over whole: `sending` leaves the caller no
    /// reference to it, so from here on only the loop's thread reaches it.
    init(handingOver value: sending Value, to loop: any FutureLoop) {
        self.loop = loop
        stored = value
    }

    /// The value; traps on any thread but the loop's.
    func value(file: StaticString = #fileID, line: UInt = #line) -> Value {
        precondition(loop.inLoopThread, "a loop-bound value was reached off its loop's thread", file: file, line: line)
        return stored
    }
}
