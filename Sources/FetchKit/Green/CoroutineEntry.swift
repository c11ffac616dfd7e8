/// A coroutine's body until it starts, and the bridge from the C entry point to it.
///
/// The `Coroutine` owns this box; C gets it as an unretained pointer (the `arg` of
/// `cfetch_coroutine_create`) and hands it back to `run` as the first frame of the new
/// stack.
final class CoroutineEntry {
    private var body: (() -> Void)?

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    /// Runs on the coroutine's stack, once. The body is taken out of the box first so
    /// that, once it returns, nothing keeps its captures alive (a body that captured its
    /// coroutine would otherwise be a retain cycle for the coroutine's lifetime).
    static func run(_ raw: UnsafeMutableRawPointer?) {
        guard let raw else { return }
        let body = Unmanaged<CoroutineEntry>.fromOpaque(raw).takeUnretainedValue().take()
        body()
    }

    private func take() -> () -> Void {
        guard let body else { preconditionFailure("a coroutine body started twice") }
        self.body = nil
        return body
    }
}
