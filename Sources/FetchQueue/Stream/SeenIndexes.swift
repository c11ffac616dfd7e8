/// A set of line indexes, one bit each: `ResultsReader` remembers every index it met
/// without keeping anything else of the entry, so a million results cost about 125 kB.
///
/// Bits are kept in pages of 4,096 indexes, made when an index in them is first met:
/// indexes are dense from 0 in a real queue, but an entry with a huge index (written by
/// hand) then costs one page, not a bitmap up to it.
struct SeenIndexes {
    private static let wordsPerPage = 64
    private static let indexesPerPage = 64 * wordsPerPage
    private var pages: [Int: [UInt64]] = [:]

    /// Adds `index` (from 0); answers whether it was not there before.
    mutating func insert(_ index: Int) -> Bool {
        precondition(index >= 0, "line indexes start at 0")
        let (page, offset) = index.quotientAndRemainder(dividingBy: Self.indexesPerPage)
        let word = offset / 64
        let bit = UInt64(1) << UInt64(offset % 64)
        var inserted = false
        pages[page, default: Array(repeating: 0, count: Self.wordsPerPage)].withUnsafeMutableBufferPointer { words in
            inserted = words[word] & bit == 0
            words[word] |= bit
        }
        return inserted
    }

    /// Whether `index` was added.
    func contains(_ index: Int) -> Bool {
        guard index >= 0 else { return false }
        let (page, offset) = index.quotientAndRemainder(dividingBy: Self.indexesPerPage)
        guard let words = pages[page] else { return false }
        return words[offset / 64] & (UInt64(1) << UInt64(offset % 64)) != 0
    }
}
