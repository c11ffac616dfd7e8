/// One green worker: its coroutine and what it is parked on. Loop-thread only
/// (`Sendable` only so posted hub work can name it).
final class GreenWorker: @unchecked Sendable {
    let number: Int
    var coroutine: Coroutine?
    /// The hand-off the worker is parked on, if any: a wake for any other is stale.
    var parkedOn: ObjectIdentifier?
    /// Parked waiting for a job (as opposed to a transfer).
    var waitingForJob = false
    /// Woken to unwind rather than with a value.
    var wokenToCancel = false
    /// A transfer the worker asked for before switching to the hub, which starts it as
    /// soon as the switch returns (on the hub's stack, where curl may be called).
    var transferToStart: (() -> Void)?

    init(number: Int) {
        self.number = number
    }
}

/// Thrown at a green worker's switch point to unwind it (like gevent's GreenletExit),
/// so its `defer` blocks run and its coroutine finishes before its stack is freed.
struct GreenWorkerCancelled: Error {}
