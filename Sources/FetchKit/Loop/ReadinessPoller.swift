/// The readiness call under a `PollLoop`: told which descriptors to watch, asked which
/// are ready. The loop keeps the truth about what is watched (and which registration of
/// a number is current); a poller only mirrors it into the kernel's call.
///
/// Events are poll(2)'s bits for every backend: `POLLIN`/`POLLOUT` asked for, and
/// `POLLIN`, `POLLOUT`, `POLLERR`, `POLLHUP` reported, as `MultiHandle.socketReady` reads
/// them. A poller belongs to its loop's thread: only the loop calls it.
protocol ReadinessPoller: AnyObject {
    /// Starts watching `fd`, not watched until now, for `events`; `registration` comes
    /// back with its readiness.
    func register(fd: Int32, events: Int16, registration: UInt32)
    /// Changes the events a watched `fd` is watched for.
    func modify(fd: Int32, events: Int16, registration: UInt32)
    /// Stops watching `fd` (which curl may already have closed).
    func deregister(fd: Int32)
    /// Waits up to `timeout` ms (-1: until something is ready; 0: not at all), then calls
    /// `ready` for each ready descriptor with the registration it was watched as when the
    /// wait began. An interrupted wait (`EINTR`) reports nothing: a turn with no events.
    func wait(timeout: Int32, _ ready: (_ fd: Int32, _ revents: Int16, _ registration: UInt32) -> Void)
}

extension PollerKind {
    /// A new poller of this kind, watching nothing yet.
    func makePoller() throws(SystemCallError) -> any ReadinessPoller {
        switch self {
        case .epoll: try EpollPoller()
        case .poll: PollPoller()
        }
    }
}
