/// The exit status curl would have ended with for a record's URL (`-w`'s `%{exitcode}`),
/// as if run with `--fail` (cfetch counts an HTTP status of 400 or above as a failure, as
/// `curl -f` does, and curl -f exits 22 for it).
///
/// curl's exit statuses are its `CURLcode`s, so a transfer that curl failed gives its own
/// code. Where cfetch decided the outcome itself, the status is the one curl gives for
/// the same cause: an HTTP error 22, a body over `--max-filesize` 63 (cfetch's own limit
/// ends the transfer through the write callback, which curl reports as 23), a file that
/// cannot be written 23, a cancel 42 (curl's "aborted by callback"), a line that is not a
/// URL 3, another scheme 1, a response without a status 8 ("weird server reply"), and a
/// URL robots.txt refuses 9 ("access denied", curl has no robots.txt). 0 when ok.
enum CurlExitCode {
    static func of(_ record: FetchRecord) -> Int {
        guard !record.ok, let error = record.error else { return 0 }
        switch error {
        case .http: return 22
        case .tooLarge where record.curlCode == 0 || record.curlCode == writeError: return 63
        case .output: return writeError
        case .cancelled: return 42
        case .robots: return 9
        default: return record.curlCode != 0 ? record.curlCode : representative(error)
        }
    }

    /// CURLE_WRITE_ERROR.
    private static let writeError = 23

    /// curl's code for a class, when the record has none of its own (the line never became
    /// a transfer).
    private static func representative(_ error: ErrorClass) -> Int {
        switch error {
        case .unsupportedScheme: 1
        case .invalidURL: 3
        case .dns: 6
        case .connect: 7
        case .protocolError: 8
        case .robots: 9
        case .partial: 18
        case .http: 22
        case .output: 23
        case .timeout: 28
        case .tls: 35
        case .cancelled: 42
        case .tooManyRedirects: 47
        case .emptyReply: 52
        case .reset: 56
        case .tooLarge: 63
        // curl has no cause of its own for these.
        case .poisoned, .other: 2
        }
    }
}
