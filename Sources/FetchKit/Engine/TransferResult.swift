import CLinuxCurl

#if canImport(Glibc)
import Glibc
#endif

/// How one transfer ended, before it becomes a record.
struct TransferResult {
    var curlCode: CURLcode
    var info: TransferInfo
    var bytes: Int
    /// curl's (or our) message when the transfer failed.
    var message: String?
    /// Overrides the class curl's code maps to (a cancel, an output file problem).
    var errorOverride: ErrorClass?
    /// The attempt failed because no file descriptor was free (see `DescriptorShortage`).
    var descriptorShortage = false
    /// Where the body was saved (`-o`), once it is.
    var path: String?
    /// Not fetched, and rightly so (`--skip-existing`): ok, with `message` saying why.
    var skipped = false

    /// How a curl transfer on `handle` ended, body counted by `sink`.
    static func finished(_ code: CURLcode, handle: EasyHandle, sink: BodySink) -> TransferResult {
        var result = TransferResult(
            curlCode: code, info: handle.info(), bytes: sink.bytes,
            message: code == CURLE_OK ? nil : handle.message(for: code))
        if code != CURLE_OK {
            result.descriptorShortage = DescriptorShortage.caused(code, socketRefusal: handle.socketRefusal)
        }
        if let writeError = sink.writeError {
            result.errorOverride = .output
            result.message = "cannot write the body: \(String(cString: strerror(writeError)))"
        } else if sink.overLimit, let limit = sink.limit {
            result.errorOverride = .tooLarge
            result.message = FailureDiagnosis.overLimit(limit)
        } else if code != CURLE_OK,
            let diagnosis = FailureDiagnosis(code: code, result: result, watch: handle.watch, limit: sink.limit)
        {
            result.errorOverride = diagnosis.errorClass
            result.message = diagnosis.message
            if let url = diagnosis.effectiveURL { result.info.effectiveURL = url }
        }
        return result
    }

    /// A job `--skip-existing` did not fetch: its file is already there.
    static func skipped(path: String) -> TransferResult {
        TransferResult(
            curlCode: CURLE_OK, info: TransferInfo(), bytes: 0, message: "skipped: \(path) exists", path: path,
            skipped: true)
    }

    /// A transfer stopped by a cancel (Ctrl-C, a closed output).
    static func cancelled(handle: EasyHandle, sink: BodySink) -> TransferResult {
        TransferResult(
            curlCode: CURLE_ABORTED_BY_CALLBACK, info: handle.info(), bytes: sink.bytes,
            message: "cancelled before the transfer finished", errorOverride: .cancelled)
    }

    /// A record for a job that never became a transfer (a bad line, an unwritable file).
    static func refused(_ problem: URLProblem) -> TransferResult {
        TransferResult(
            curlCode: CURLE_OK, info: TransferInfo(), bytes: 0, message: problem.message,
            errorOverride: problem.errorClass)
    }

    func record(
        for request: FetchRequest, transferStart: UInt64?, finishedAt: UInt64, attempts: Int, hostWait: Double
    ) -> FetchRecord {
        let (ok, error, text) = outcome()
        var record = FetchRecord(
            index: request.job.index,
            id: request.job.lineRequest?.id,
            url: CredentialRedaction.redact(request.job.url),
            ok: ok,
            status: info.status,
            bytes: bytes,
            worker: request.worker,
            strategy: request.strategy,
            attempts: attempts,
            queued: request.queuedSeconds,
            hostWait: hostWait,
            start: MonotonicClock.seconds(from: request.runStart, to: transferStart ?? request.takenAt),
            elapsed: MonotonicClock.seconds(from: request.takenAt, to: finishedAt),
            phases: info.phases,
            httpVersion: info.httpVersion,
            contentType: info.contentType,
            effectiveURL: info.effectiveURL.map(CredentialRedaction.redact),
            path: path,
            error: error,
            message: text)
        record.queueID = request.job.queueClaim?.id
        record.consumer = request.job.queueClaim?.consumer
        record.redirects = info.redirects
        record.curlCode = Int(curlCode.rawValue)
        return record
    }

    /// The record will say ok.
    var isOK: Bool { outcome().ok }

    private func outcome() -> (ok: Bool, error: ErrorClass?, message: String?) {
        if skipped { return (true, nil, message) }
        if let errorOverride { return (false, errorOverride, message) }
        if curlCode != CURLE_OK { return (false, ErrorClass(curlCode: curlCode), message) }
        guard let status = info.status else {
            return (false, .protocolError, "no HTTP status in the response")
        }
        // A message here is what the retry policy added (why the status was not retried).
        if status >= 400 {
            return (false, .http, ["HTTP status \(status)", message].compactMap { $0 }.joined(separator: "; "))
        }
        return (true, nil, nil)
    }

    /// Worth another attempt under `--retry`: what curl's `--retry` retries.
    var isTransient: Bool {
        errorOverride == nil && Self.isTransient(curlCode: curlCode, status: info.status)
    }

    /// Whether an attempt that ended with `curlCode` (and `status`, when a response came)
    /// failed in a way that may pass: a timeout, a refused or reset connection, a lookup
    /// failure, or a status of 408, 429, 500, 502, 503 or 504.
    static func isTransient(curlCode: CURLcode, status: Int?) -> Bool {
        switch curlCode {
        case CURLE_OK:
            guard let status else { return false }
            return [408, 429, 500, 502, 503, 504].contains(status)
        case CURLE_OPERATION_TIMEDOUT, CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
            CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return true
        default:
            return false
        }
    }
}
