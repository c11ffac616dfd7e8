/// `text`: the human view — a line per task event as it happens, then each task's total
/// elapsed time and the run's.
///
/// Control characters in what it prints (a list line's URL, a server's or curl's message)
/// are shown escaped as the JSONL writes them, `\u001b[2J`: the text view goes to a
/// terminal, which would obey them (clear the screen, move the cursor, retitle the window).
struct TextFormatter: RecordFormatter {
    var header: String? { nil }

    func format(_ record: FetchRecord, into output: inout [UInt8]) {
        output.append(utf8: line(for: record))
    }

    /// `task 3 got https://… 200 12.4 KB in 0.21 s`, or `task 3 failed https://… timeout (…) in …`:
    /// the fields as `RecordField` words them for people, in a sentence.
    private func line(for record: FetchRecord) -> String {
        func text(_ field: RecordField) -> String { field.text(in: record) }
        let task = "task \(text(.worker))"
        let took = "in \(text(.elapsed))"
        // A JSONL input line's id follows its URL: `https://… [id a1]`.
        let url = record.id == nil ? text(.url) : "\(text(.url)) [id \(text(.id))]"
        if record.ok {
            return Self.escapingControls("\(task) got \(url) \(text(.status)) \(text(.bytes)) \(took)") + "\n"
        }
        var reason = record.error?.rawValue ?? "failed"
        if let status = record.status { reason += " \(status)" }
        if let message = record.message, record.error != .http { reason += " (\(message))" }
        return Self.escapingControls("\(task) failed \(url) \(reason) \(took)") + "\n"
    }

    /// `text` with every C0 control, DEL and C1 control as `\u00XX`.
    static func escapingControls(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                escaped.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            escaped.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(escaped)
    }

    /// Throttled hosts the footer names (the summary line on stderr names fewer).
    static let throttledListed = 20

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
        if !summary.throttled.isEmpty {
            text += "Hosts " + summary.throttledText(listing: Self.throttledListed) + "\n"
        }
        return text
    }
}
