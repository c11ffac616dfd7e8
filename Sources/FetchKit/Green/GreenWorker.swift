/// One green worker: its coroutine and what it is parked on. Loop-thread only: it is
/// reached from posted work through a `LoopBound`.
final class GreenWorker {
    let number: Int
    var coroutine: Coroutine?
    /// The hand-off the worker is parked on, if any: a wake for any other is stale.
    var parkedOn: ObjectIdentifier?
    /// A transfer the worker asked for before switching to the hub, which starts it as
    /// soon as the switch returns (on the hub's stack, where curl may be called).
    var transferToStart: (() -> Void)?

    init(number: Int) {
        self.number = number
    }
}
