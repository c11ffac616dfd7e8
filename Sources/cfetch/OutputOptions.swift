import ArgumentParser
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

#if canImport(Glibc)
import Glibc
#endif

/// What each record is written as, in which order, and whether a failure ends the run:
/// `-w/--write-out`, `--keep-order`, `--fail-early`.
struct OutputOptions: ParsableArguments {
    @Option(
        name: [.customShort("w", allowingJoined: true), .customLong("write-out")], parsing: .unconditional,
        help: ArgumentHelp(
            "Write this template per record instead of the format, in curl's -w language: %{variable}, \\n, \\t, "
                + "\\\\, %%; @FILE reads it from FILE (its line ends dropped, as curl does). Not with --format or "
                + "--fields. The variables are listed above.",
            valueName: "template|@file"))
    var writeOut: String?

    @Flag(
        name: .customLong("keep-order"),
        help: """
            Write records in input order. A record that finishes before an older one waits in a buffer of \
            max(1024, 8 × -j) records; when it is full, input is not read on and the workers wait until the \
            oldest URL has its record.
            """)
    var keepOrder = false

    @Flag(
        name: .customLong("fail-early"),
        help: """
            Stop at the first URL that fails (its final record, after any retries; cancelled ones do not count), \
            as Ctrl-C stops a run: transfers in flight are cancelled, every URL read gets a record, exit status 1.
            """)
    var failEarly = false

    /// The longest template `-w @FILE` takes.
    static let templateFileLimit = 1 << 20

    func validate() throws {
        // `@-` would take stdin from the URLs: refused in `template()`, so checked here too.
        do { _ = try template() } catch { throw ValidationError(error.description) }
    }

    /// -w replaces the output format: a format or fields asked for besides is a usage error.
    func check(against run: RunOptions) throws(ValidationError) {
        guard writeOut != nil else { return }
        if run.format != nil {
            throw ValidationError(
                "-w/--write-out and --format cannot be used together: -w is written instead of the format")
        }
        if run.fields != nil {
            throw ValidationError(
                "-w/--write-out and --fields cannot be used together: name the fields in the template, %{url} %{status}"
            )
        }
    }

    /// `-w`'s template, parsed (and read from its file first, for `@FILE`); nil without `-w`.
    func template() throws(UsageError) -> WriteOutTemplate? {
        guard let writeOut else { return nil }
        guard writeOut.hasPrefix("@") else { return try WriteOutTemplate(writeOut) }
        return try WriteOutTemplate(Self.readTemplate(String(writeOut.dropFirst())))
    }

    /// A template file's text with its line ends dropped, as curl reads `-w @FILE`.
    private static func readTemplate(_ path: String) throws(UsageError) -> String {
        guard path != "-" else {
            throw UsageError("-w @-: stdin is for URLs; put the template in a file (-w @FILE) or on the command line")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UsageError("-w @\(path): cannot read it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= templateFileLimit {
            let count = readSome(fd, into: &chunk)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw UsageError("-w @\(path): cannot read it: \(String(cString: strerror(errno)))")
            }
            guard count > 0 else { break }
            data += chunk[0..<count]
        }
        guard data.count <= templateFileLimit else {
            throw UsageError("-w @\(path): the template is over \(templateFileLimit / 1024) KiB")
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            .joined()
    }
}
