/// A command's arguments laid out as hiredis's `argc`/`argv`/`argvlen` want them: every
/// argument in one buffer, with its length, so a value may hold `\0` or `\r\n` (RESP
/// sends each argument as a length-prefixed bulk string; nothing is escaped).
enum RedisArguments {
    /// Calls `body` with pointers valid only during the call; hiredis copies the command
    /// into its output buffer before it returns.
    static func withArgv<Result>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        var storage: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        offsets.reserveCapacity(arguments.count)
        lengths.reserveCapacity(arguments.count)
        var total = 1
        for argument in arguments { total += argument.count }
        storage.reserveCapacity(total)
        // Plain loops: a key path here (`map(\.count)`) cost more than the copying, on the
        // settle script's thousands of arguments per call.
        for argument in arguments {
            offsets.append(storage.count)
            lengths.append(argument.count)
            storage += argument
        }
        // Never empty, so the buffer has a base address even for empty arguments.
        storage.append(0)
        return storage.withUnsafeBytes { bytes in
            let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { argvlen in
                    body(Int32(arguments.count), argv.baseAddress!, argvlen.baseAddress!)
                }
            }
        }
    }

    /// The command's name for messages ("XADD"): never its other arguments, which may be
    /// a password (`AUTH`) or a user's data.
    static func name(of arguments: [[UInt8]]) -> String {
        arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "(empty command)"
    }
}
