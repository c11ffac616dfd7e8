import FetchKit

/// The JSON objects `ChromeTraceWriter` writes, in the Trace Event Format's JSON Array
/// form (what Perfetto and chrome://tracing load). Built straight into bytes: a large
/// run writes one per record.
enum ChromeTraceEvent {
    /// `process_name` metadata, plus a sort index so strategies list in the order added.
    static func appendProcess(id: Int, name: String, to output: inout [UInt8]) {
        appendNameAndSortIndex(of: "process", pid: id, tid: nil, name: name, sortIndex: id, to: &output)
    }

    /// `thread_name` metadata ("worker N"), sorted by worker number rather than by name,
    /// so worker 10 comes after worker 9.
    static func appendThread(process: Int, worker: Int, to output: inout [UInt8]) {
        appendNameAndSortIndex(
            of: "thread", pid: process, tid: worker, name: "worker \(worker)", sortIndex: worker, to: &output)
    }

    /// The `<kind>_name` and `<kind>_sort_index` metadata events of a process or thread.
    private static func appendNameAndSortIndex(
        of kind: String, pid: Int, tid: Int?, name: String, sortIndex: Int, to output: inout [UInt8]
    ) {
        for (event, isName) in [("\(kind)_name", true), ("\(kind)_sort_index", false)] {
            if !isName { output.append(ascii: ",\n") }
            output.append(ascii: "{\"name\":")
            JSONLinesFormatter.appendQuoted(event, to: &output)
            output.append(ascii: ",\"ph\":\"M\",\"pid\":")
            output.append(decimal: pid)
            if let tid {
                output.append(ascii: ",\"tid\":")
                output.append(decimal: tid)
            }
            if isName {
                output.append(ascii: ",\"args\":{\"name\":")
                JSONLinesFormatter.appendQuoted(name, to: &output)
            } else {
                output.append(ascii: ",\"args\":{\"sort_index\":")
                output.append(decimal: sortIndex)
            }
            output.append(ascii: "}}")
        }
    }

    /// A complete ("X") event spanning the worker's time on the record.
    static func appendComplete(_ record: FetchRecord, process: Int, to output: inout [UInt8]) {
        let span = TransferSpan(record)
        let begin = micros(span.begin)
        // Zero-length slices are invisible in Perfetto; a failed URL check takes ~0 µs.
        let duration = max(1, micros(span.end) - begin)
        output.append(ascii: "{\"name\":")
        JSONLinesFormatter.appendQuoted(record.url, to: &output)
        output.append(ascii: ",\"cat\":")
        JSONLinesFormatter.appendQuoted(category(record), to: &output)
        output.append(ascii: ",\"ph\":\"X\",\"ts\":")
        output.append(decimal: begin)
        output.append(ascii: ",\"dur\":")
        output.append(decimal: duration)
        output.append(ascii: ",\"pid\":")
        output.append(decimal: process)
        output.append(ascii: ",\"tid\":")
        output.append(decimal: record.worker)
        output.append(ascii: ",\"args\":{\"index\":")
        output.append(decimal: record.index)
        output.append(ascii: ",\"status\":")
        appendOptional(record.status, to: &output)
        output.append(ascii: ",\"bytes\":")
        output.append(decimal: record.bytes)
        output.append(ascii: ",\"error\":")
        appendOptional(record.error?.rawValue, to: &output)
        output.append(ascii: ",\"message\":")
        appendOptional(record.message, to: &output)
        output.append(ascii: ",\"queued_s\":")
        output.append(seconds: record.queued)
        output.append(ascii: ",\"attempts\":")
        output.append(decimal: record.attempts)
        output.append(ascii: ",\"http_version\":")
        appendOptional(record.httpVersion, to: &output)
        output.append(ascii: "}}")
    }

    /// "ok", or the error class, so Perfetto can filter slices by outcome.
    static func category(_ record: FetchRecord) -> String {
        if record.ok { return "ok" }
        return record.error?.rawValue ?? "failed"
    }

    /// Trace timestamps are microseconds; the records' are seconds.
    static func micros(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int((min(seconds, 1e12) * 1e6).rounded())
    }

    private static func appendOptional(_ value: Int?, to output: inout [UInt8]) {
        if let value { output.append(decimal: value) } else { output.append(ascii: "null") }
    }

    private static func appendOptional(_ value: String?, to output: inout [UInt8]) {
        if let value { JSONLinesFormatter.appendQuoted(value, to: &output) } else { output.append(ascii: "null") }
    }
}
