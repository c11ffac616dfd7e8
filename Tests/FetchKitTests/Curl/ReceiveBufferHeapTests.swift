import Testing

@testable import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// curl allocates and frees a transfer's receive buffer (up to 512 KiB) per transfer: once
/// an engine exists, such blocks must come from the heap, not from a fresh mmap each time.
@Suite("Receive buffers on the heap")
struct ReceiveBufferHeapTests {
    /// glibc's chunk header, the word before the block, has IS_MMAPPED (0x2) set for a
    /// block mmap served.
    private func isMmapped(_ block: UnsafeMutableRawPointer) -> Bool {
        let header = block.load(fromByteOffset: -MemoryLayout<Int>.size, as: Int.self)
        return header & 0x2 != 0
    }

    /// ThreadSanitizer brings an allocator of its own, with neither glibc's thresholds nor
    /// its chunk headers.
    static let glibcAllocator = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") == nil

    @Test(
        "after an engine starts, blocks up to the largest buffer and past it to 1 MiB are heap blocks",
        .enabled(if: glibcAllocator, "ThreadSanitizer's allocator is not glibc's"))
    func buffersFromTheHeap() throws {
        let engine = try FetchEngine(options: FetchOptions(), maxConnections: 1)
        defer { engine.shutdown() }
        for size in [ReceiveBuffer.largest + 1, ReceiveBufferHeap.mmapThreshold - 4096] {
            let block = try #require(malloc(size))
            #expect(!isMmapped(block), "\(size) bytes")
            free(block)
        }
        // A control that the check can tell the two apart: a block past the threshold is
        // mmapped unless the heap already has that much free (at its top, or a free block
        // as large), so the control asks for 1 GiB, which no heap here keeps free. (4 MiB
        // came from the heap in a full serial run: an earlier test had left enough free.)
        let huge = try #require(malloc(1 << 30))
        #expect(isMmapped(huge))
        free(huge)
    }
}
