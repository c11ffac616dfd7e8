import Foundation
import Testing

/// The `cfetch` binary links no part of Foundation beyond FoundationEssentials: all of
/// Foundation (with ICU) doubles a static release binary's size and adds about 4 MB to
/// its resident start. One `NSLock` or `import Foundation` in `Sources/` brings it back;
/// `System/`'s `Lock`, `Condition` and `startThread` stand in for what was used.
@Suite("Linked libraries")
struct LinkedLibrariesTests {
    /// The DT_NEEDED names of an ELF64 little-endian executable (a debug build links the
    /// Swift libraries dynamically, so what it needs names what it uses).
    private static func neededLibraries(of path: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        func integer<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
            data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        try #require(data.count > 64 && data.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]) && data[4] == 2)
        let sections = Int(integer(0x28, as: UInt64.self))
        let entrySize = Int(integer(0x3A, as: UInt16.self))
        let count = Int(integer(0x3C, as: UInt16.self))
        func section(_ index: Int) -> (type: UInt32, offset: Int, size: Int, link: Int) {
            let base = sections + index * entrySize
            return (
                integer(base + 4, as: UInt32.self), Int(integer(base + 0x18, as: UInt64.self)),
                Int(integer(base + 0x20, as: UInt64.self)), Int(integer(base + 0x28, as: UInt32.self))
            )
        }
        let dynamicType: UInt32 = 6
        let dynamic = try #require((0..<count).map(section).first { $0.type == dynamicType })
        let strings = section(dynamic.link)
        var names: [String] = []
        for entry in stride(from: dynamic.offset, to: dynamic.offset + dynamic.size, by: 16) {
            let tag = integer(entry, as: UInt64.self)
            if tag == 0 { break }
            guard tag == 1 else { continue }  // DT_NEEDED
            let start = strings.offset + Int(integer(entry + 8, as: UInt64.self))
            let end = try #require(data[start...].firstIndex(of: 0))
            names.append(String(decoding: data[start..<end], as: UTF8.self))
        }
        return names
    }

    @Test("FoundationEssentials, not Foundation")
    func noFoundation() throws {
        let needed = try Self.neededLibraries(of: try CFetchBinary.path())
        #expect(needed.contains("libcurl.so.4"), "\(needed)")
        #expect(
            !needed.contains { $0.hasPrefix("libFoundation.") || $0.hasPrefix("libFoundationInternationalization") })
    }
}
