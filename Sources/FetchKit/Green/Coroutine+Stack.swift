import CCoroutine

extension Coroutine {
    /// 256 KiB.
    ///
    /// Small enough: stacks are mapped lazily (MAP_NORESERVE), so a coroutine costs the
    /// pages it has touched, not this size. A parked worker touches one 4 KiB page;
    /// 10,000 of them cost about 45 MB of RSS and 3.2 GB of address space (with the
    /// 64 KiB guards), which a 64-bit process has to spare.
    ///
    /// Big enough: measured high-water marks on a coroutine stack (debug build, x86_64),
    /// for what a green worker does: `Reporter.emit` in jsonl/csv 16 KiB, text 8 KiB; a
    /// Mutex plus write(2) 4 KiB; `EasyHandle` setup 8 KiB; Foundation's `JSONEncoder`
    /// 20 KiB and `String(format:)` 16 KiB; even a whole blocking `curl_easy_perform`,
    /// HTTPS handshake included, 12 KiB. 256 KiB is over 12 times the deepest of these,
    /// room for deeper call chains and library updates. Beyond it the guard page turns
    /// an overflow into a clear crash, never corruption.
    static let defaultStackSize = 256 * 1024

    /// The system page size; stack sizes are rounded up to it.
    static var pageSize: Int {
        cfetch_coroutine_page_size()
    }
}
