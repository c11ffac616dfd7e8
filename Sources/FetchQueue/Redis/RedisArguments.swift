import FetchKit

/// A command's arguments as the server reads them (RESP): `*N\r\n`, then each argument as
/// `$LEN\r\n`, its bytes, `\r\n`. A value may hold `\0` or `\r\n`: each argument is
/// length-prefixed, nothing is escaped.
///
/// Formatted here rather than by hiredis's `redisAppendCommandArgv`: that takes an
/// argument vector (so the arguments were first laid out in one buffer, one copy) and
/// formats each argument with its own printf-like routine (another copy, and the larger
/// part of the settle thread's time in hiredis), where this is one pass into one buffer,
/// for a whole pipeline at once.
enum RedisArguments {
    /// `commands` in RESP, one after another in one buffer (a pipeline's, or one command's).
    static func formatted(_ commands: [[[UInt8]]]) -> [UInt8] {
        // Reserved once for all of them: reserving per command grows the buffer to each
        // exact size in turn, a copy of all so far per command of a 1,000-command pipeline.
        var size = 0
        for arguments in commands {
            size += 16
            for argument in arguments { size += argument.count + 16 }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(size)
        for arguments in commands {
            buffer.append(UInt8(ascii: "*"))
            buffer.append(decimal: arguments.count)
            buffer.append(contentsOf: crlf)
            for argument in arguments {
                buffer.append(UInt8(ascii: "$"))
                buffer.append(decimal: argument.count)
                buffer.append(contentsOf: crlf)
                buffer.append(contentsOf: argument)
                buffer.append(contentsOf: crlf)
            }
        }
        return buffer
    }

    private static let crlf: [UInt8] = [13, 10]

    /// The command's name for messages ("XADD"): never its other arguments, which may be
    /// a password (`AUTH`) or a user's data.
    static func name(of arguments: [[UInt8]]) -> String {
        arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "(empty command)"
    }
}
