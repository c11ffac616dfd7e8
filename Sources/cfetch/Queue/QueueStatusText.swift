import FetchKit
import FetchQueue

/// `cfetch queue status`'s two views of a `QueueStatus`: a table for people, one JSON
/// object for scripts.
enum QueueStatusText {
    static func text(_ status: QueueStatus, url: RedisURL, key: String) -> String {
        guard status.exists else { return "queue \(key) on \(url): no such queue (nothing enqueued yet)\n" }
        var lines = ["queue \(key) on \(url)"]
        let enqueued =
            "\(status.added) URLs" + (status.duplicates > 0 ? " (\(status.duplicates) duplicates skipped)" : "")
        lines.append(row("enqueued", enqueued))
        lines.append(row("waiting", "\(status.waiting)"))
        lines.append(row("pending", "\(status.pending)" + (status.consumers.isEmpty ? "" : " (per worker below)")))
        lines.append(row("done", "\(status.done)"))
        if status.retried > 0 { lines.append(row("retried", "\(status.retried) transient failures re-added")) }
        lines.append(row("dead", "\(status.dead)" + (status.dead > 0 ? " (in \(key):dead)" : "")))
        lines.append(row("results", "\(status.results) records in \(key):results"))
        if !status.consumers.isEmpty {
            lines.append("workers:")
            let width = status.consumers.map(\.name.count).max() ?? 0
            for consumer in status.consumers {
                let padding = String(repeating: " ", count: width - consumer.name.count)
                lines.append(
                    "  \(consumer.name)\(padding)  pending \(consumer.pending), idle \(seconds(consumer.idle))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ status: QueueStatus, url: RedisURL, key: String) -> String {
        var fields: [(String, String)] = [
            ("queue", quoted(key)), ("server", quoted(url.description)), ("exists", status.exists ? "true" : "false"),
            ("enqueued", "\(status.added)"), ("duplicates", "\(status.duplicates)"), ("waiting", "\(status.waiting)"),
            ("pending", "\(status.pending)"), ("done", "\(status.done)"), ("retried", "\(status.retried)"),
            ("dead", "\(status.dead)"), ("results", "\(status.results)"),
        ]
        let consumers = status.consumers.map { consumer in
            "{\"name\":\(quoted(consumer.name)),\"pending\":\(consumer.pending),"
                + "\"idle\":\(NumberText.fixed(seconds: consumer.idle, 3))}"
        }
        fields.append(("workers", "[" + consumers.joined(separator: ",") + "]"))
        return "{" + fields.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    private static func row(_ name: String, _ value: String) -> String {
        "  " + name + String(repeating: " ", count: max(1, 10 - name.count)) + value
    }

    private static func seconds(_ duration: Duration) -> String {
        NumberText.fixed(seconds: duration, 1) + " s"
    }

    private static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONLinesFormatter.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension NumberText {
    /// A duration in seconds with `places` decimals.
    static func fixed(seconds duration: Duration, _ places: Int) -> String {
        let (whole, attoseconds) = duration.components
        return fixed(Double(whole) + Double(attoseconds) / 1e18, places)
    }
}
