#if canImport(Glibc)
import Glibc
#endif

/// The URL lines of LIST files, stdin and URL arguments, in order, read by the same rules
/// as a fetch reads them (trimmed, blank lines and `#` comments passed over, a list's
/// byte-order mark dropped) but not turned into jobs: what `cfetch enqueue` puts on a
/// stream, one line at a time, so a list of any length is read in flat memory.
package enum ListLines {
    /// Longer lines are not kept (`overlong`).
    package static let maxLineLength = InputFeeder.maxLineLength

    package enum Item {
        /// A URL line (or a JSONL request object's text), and the key it is de-duplicated
        /// by: the URL as given; for JSONL, its URL and id (as `--skip-done` matches them),
        /// or the line itself when it cannot be read. `format` is how the line is to be
        /// read: a URL argument is a URL even when the lists are JSONL.
        case line(text: String, dedupKey: String, format: InputFormat)
        /// A line longer than `InputFeeder.maxLineLength` in `source`: not kept.
        case overlong(source: String)
        /// `source` could not be read to its end.
        case unreadable(source: String, reason: String)
    }

    /// Calls `body` with each item of `sources`, in order; `format` is how files and stdin
    /// are read (URL arguments are always URLs).
    package static func forEach(
        in sources: [InputSource], format: InputFormat, _ body: (Item) throws -> Void
    ) rethrows {
        var parser = URLLineParser()
        for source in sources {
            parser.startList()
            switch source {
            case .lines(let lines):
                for line in lines {
                    if let item = item(Array(line.utf8), format: .lines, parser: &parser) { try body(item) }
                }
            case .descriptor(let fd, let name):
                defer { if fd != STDIN_FILENO { close(fd) } }
                var reader = LineReader(fd: fd, maxLineLength: InputFeeder.maxLineLength)
                while true {
                    let line: LineReader.Line?
                    do {
                        line = try reader.next()
                    } catch {
                        try body(.unreadable(source: name, reason: error.description))
                        break
                    }
                    guard let line else { break }
                    switch line {
                    case .text(let bytes):
                        if let item = item(bytes, format: format, parser: &parser) { try body(item) }
                    case .tooLong:
                        parser.skipOverlongLine()
                        try body(.overlong(source: name))
                    }
                }
            }
        }
    }

    private static func item(_ bytes: [UInt8], format: InputFormat, parser: inout URLLineParser) -> Item? {
        guard let text = parser.text(ofListLine: bytes) else { return nil }
        guard format == .jsonl else { return .line(text: text, dedupKey: text, format: .lines) }
        switch JSONRequestLine.parse(Array(text.utf8)[...]) {
        case .success(let request):
            return .line(text: text, dedupKey: request.url + "\n" + (request.request?.id ?? ""), format: .jsonl)
        case .failure:
            return .line(text: text, dedupKey: text, format: .jsonl)
        }
    }
}
