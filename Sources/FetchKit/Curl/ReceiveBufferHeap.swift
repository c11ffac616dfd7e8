import CLinuxSystem

/// Keeps curl's receive buffers on the heap, and the heap from being handed back to the
/// kernel under them. curl 7.88 allocates a transfer's buffer (`ReceiveBuffer.size`, up to
/// 512 KiB) when it starts and frees it when it ends. glibc serves blocks from 128 KiB up
/// with mmap until a free raises its threshold, and trims a loop thread's heap (madvise,
/// with a TLB shoot-down across cores) whenever more than twice that threshold is free at
/// its top — which a freed buffer often is. Every transfer then faulted its buffer's pages
/// back in: W1 (10,000 × 1 KiB at -j 50, 320 KiB buffers) took 4,800–6,000 page faults
/// instead of 1,500, and about a tenth more CPU (9 interleaved runs).
///
/// Both thresholds are fixed once, process-wide, before the first engine starts: blocks up
/// to 1 MiB (twice the largest buffer) come from the heap, and a heap keeps up to 8 MiB
/// (one loop's buffer budget) free at its top. Fixing them by hand also stops glibc moving
/// them, which it would otherwise do on the first large free.
enum ReceiveBufferHeap {
    /// Blocks below this come from the heap, not from mmap.
    static let mmapThreshold = 2 * ReceiveBuffer.largest
    /// Free memory a heap keeps at its top before returning it.
    static let trimThreshold = ReceiveBuffer.budget

    /// Sets glibc's thresholds; the first call does, later ones return at once.
    static func prepare() {
        _ = prepared
    }

    private static let prepared: Bool = {
        // mallopt answers 1 on success; a refusal leaves glibc's defaults, which work.
        mallopt(M_MMAP_THRESHOLD, Int32(mmapThreshold)) == 1
            && mallopt(M_TRIM_THRESHOLD, Int32(trimThreshold)) == 1
    }()
}
