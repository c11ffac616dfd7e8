/// `text`: the human view — a line per task event as it happens, then each task's total
/// elapsed time and the run's.
struct TextFormatter: RecordFormatter {
    var header: String? { nil }

    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        output.append(utf8: line(for: record))
    }

    private func line(for record: FetchRecord) -> String {
        let took = "in \(NumberText.fixed(record.elapsed, 2)) s"
        let url = record.url.isEmpty ? "(empty)" : record.url
        if record.ok {
            let status = record.status.map(String.init) ?? "-"
            return "task \(record.worker) got \(url) \(status) \(ByteCount.format(record.bytes)) \(took)\n"
        }
        var reason = record.error?.rawValue ?? "failed"
        if let status = record.status { reason += " \(status)" }
        if let message = record.message, record.error != .http { reason += " (\(message))" }
        return "task \(record.worker) failed \(url) \(reason) \(took)\n"
    }

    func footer(_ summary: RunSummary) -> String? {
        var text = "\n"
        let width = String(summary.tasks.count).count
        for (slot, task) in summary.tasks.enumerated() {
            let name = String(slot + 1)
            let padded = String(repeating: " ", count: width - name.count) + name
            text += "task \(padded) total elapsed time \(NumberText.fixed(task.busy, 2)) s"
            text += " (\(task.urls) URLs, \(ByteCount.format(task.bytes)))\n"
        }
        text += "Total elapsed time \(NumberText.fixed(summary.wall, 2)) s"
        text += " (\(summary.records) URLs, \(summary.ok) ok, \(summary.failed) failed)\n"
        return text
    }
}
