/// A request body every transfer of a run sends (`-d`, `--data-binary`, `--json`): read
/// once at start-up, held in memory curl reads in place (`CURLOPT_POSTFIELDS`), so no
/// transfer copies it or reads the file again.
public final class RequestBody: @unchecked Sendable {  // guarded: immutable after init; curl only reads the bytes
    /// Never null, even for an empty body: curl takes a null `POSTFIELDS` as "no body".
    let bytes: UnsafeMutableRawPointer
    public let count: Int

    public init(_ content: [UInt8]) {
        count = content.count
        bytes = .allocate(byteCount: max(1, content.count), alignment: 1)
        content.withUnsafeBytes { source in
            if let base = source.baseAddress { bytes.copyMemory(from: base, byteCount: source.count) }
        }
    }

    /// The bytes, as a copy (tests, messages).
    public var content: [UInt8] {
        Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    deinit { bytes.deallocate() }
}
