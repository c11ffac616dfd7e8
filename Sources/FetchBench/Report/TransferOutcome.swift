import FetchKit

/// How a transfer ended, as the report colours it.
enum TransferOutcome: Int, CaseIterable {
    case ok
    /// A response with status ≥ 400.
    case http
    /// No usable response: network errors, timeouts, TLS, invalid URLs, …
    case failed
    case cancelled

    init(_ record: FetchRecord) {
        if record.ok {
            self = .ok
        } else if record.error == .cancelled {
            self = .cancelled
        } else if record.error == .http || (record.error == nil && (record.status ?? 0) >= 400) {
            self = .http
        } else {
            self = .failed
        }
    }

    /// The CSS class that fills a bar with this outcome's colour (see `ReportStyle`).
    var cssClass: String {
        switch self {
        case .ok: "ok"
        case .http: "http"
        case .failed: "fail"
        case .cancelled: "cancel"
        }
    }

    var label: String {
        switch self {
        case .ok: "ok"
        case .http: "HTTP error (status ≥ 400)"
        case .failed: "network error / timeout"
        case .cancelled: "cancelled"
        }
    }
}
