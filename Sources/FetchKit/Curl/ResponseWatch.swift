import CLinuxCurl

/// What curl's header callback shows of one attempt's responses, for the failures curl
/// reports vaguely or not at all: the URL a refused redirect came from, interim (1xx)
/// responses without end, and Content-Length headers that disagree.
///
/// One per `EasyHandle`, reset when an attempt is prepared; called on the thread that
/// performs the transfer. Each header line costs a few byte comparisons; only a redirect's
/// status line makes a string (its URL).
final class ResponseWatch {
    /// The URL of the last redirect (3xx) response: the last URL actually fetched when
    /// curl then refuses to follow the redirect.
    private(set) var redirectingURL: String?
    /// The status code of the last status line (1xx included).
    private(set) var lastStatus: Int?
    /// Interim (1xx) responses seen.
    private(set) var interimResponses = 0
    /// Two different Content-Length values in one response; the attempt was aborted.
    private(set) var conflictingLengths: (first: String, second: String)?
    /// The final response had a `Retry-After` header (curl parses its value; this says
    /// whether there was one, which curl's 0 does not).
    private(set) var retryAfterSeen = false
    private var contentLength: Int64?
    private let handle: UnsafeMutableRawPointer

    init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    func reset() {
        redirectingURL = nil
        lastStatus = nil
        interimResponses = 0
        conflictingLengths = nil
        contentLength = nil
        retryAfterSeen = false
    }

    /// Takes one header line (status line, header or the blank line, CRLF included);
    /// false aborts the transfer (curl then ends it with `CURLE_WRITE_ERROR`).
    func take(_ line: UnsafeRawBufferPointer) -> Bool {
        // Most lines are neither: one byte tells them apart (this runs for every header).
        guard let first = line.first else { return true }
        switch first | 0x20 {
        case UInt8(ascii: "h"):
            if Self.starts(line, with: "HTTP/", ignoringCase: false) { statusLine(line) }
        case UInt8(ascii: "c"):
            let prefix: StaticString = "content-length:"
            if line.count > prefix.utf8CodeUnitCount, Self.starts(line, with: prefix, ignoringCase: true) {
                return lengthHeader(line[prefix.utf8CodeUnitCount...])
            }
        case UInt8(ascii: "r"):
            if Self.starts(line, with: "retry-after:", ignoringCase: true) { retryAfterSeen = true }
        default:
            break
        }
        return true
    }

    private func statusLine(_ line: UnsafeRawBufferPointer) {
        contentLength = nil
        retryAfterSeen = false
        // "HTTP/1.1 302 Found": the code is the three digits after the first space.
        guard let space = line.firstIndex(of: UInt8(ascii: " ")), space + 3 < line.count else { return }
        let digits = line[(space + 1)..<(space + 4)]
        guard digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return }
        let status = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        lastStatus = status
        if (100..<200).contains(status) { interimResponses += 1 }
        if (300..<400).contains(status) {
            var url: UnsafeMutablePointer<CChar>? = nil
            if cfetch_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK, let url {
                redirectingURL = String(cString: url)
            }
        }
    }

    /// Every value of every Content-Length header of a response must agree (RFC 9112
    /// §6.3); curl 7.88 takes the last one, so a conflict is caught here. Parsed in place,
    /// without making strings: this runs for nearly every response. A value that is not a
    /// list of numbers is left to curl.
    private func lengthHeader(_ value: Slice<UnsafeRawBufferPointer>) -> Bool {
        var current: Int64?
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (shifted, tooLong) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (next, tooBig) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !tooLong && !tooBig else { return true }
                current = next
            case UInt8(ascii: ","):
                if let number = current, !agrees(number) { return false }
                current = nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                continue
            default:
                return true
            }
        }
        if let number = current, !agrees(number) { return false }
        return true
    }

    /// Notes a Content-Length value of the current response; false on a conflict.
    private func agrees(_ number: Int64) -> Bool {
        guard let first = contentLength else {
            contentLength = number
            return true
        }
        guard first == number else {
            conflictingLengths = (String(first), String(number))
            return false
        }
        return true
    }

    /// Whether `line` starts with `prefix` (lowercase ASCII when `ignoringCase`).
    private static func starts(
        _ line: UnsafeRawBufferPointer, with prefix: StaticString, ignoringCase: Bool
    ) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        let bytes = prefix.utf8Start
        for offset in 0..<count {
            var byte = line[offset]
            if ignoringCase && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { byte |= 0x20 }
            guard byte == bytes[offset] else { return false }
        }
        return true
    }
}
