import FetchTestServer
import Foundation
import Synchronization
import Testing

@testable import FetchKit

/// stdout's writer thread: records formatted on the emitting thread, written in batches,
/// a slow reader met by holding the input back.
@Suite("Record output: batches and back-pressure")
struct RecordOutputTests {
    /// Appends record `number`, a line of `size` bytes (at least its number and a newline).
    private func append(_ output: RecordOutput, _ number: Int, size: Int = 0) {
        output.append(record: true) { bytes in
            bytes.append(utf8: "\(number)")
            if size > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: "."), count: size)) }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// `close()` waits for the writer, which may wait for a reader that is a child task:
    /// off the concurrency pool, so that the pool (a thread per core) is free to run it.
    private func closeOffThePool(_ output: RecordOutput) async throws {
        try await onOwnThread { output.close() }
    }

    @Test("an idle output writes a record at once, without waiting for more or for the end")
    func idleWritesAtOnce() async throws {
        let pipe = try TestPipe()
        defer { pipe.closeReadEnd() }
        let output = RecordOutput(fd: pipe.writeEnd, onEnded: {})
        append(output, 7)
        async let line = onOwnThread {
            var byte = [UInt8](repeating: 0, count: 2)
            return readSome(pipe.readEnd, into: &byte) == 2 ? String(decoding: byte, as: UTF8.self) : ""
        }
        #expect(try await line == "7\n")
        // The reader can wake before the writer thread has counted its write(2).
        #expect(await eventually { output.batchesWritten == 1 })
        output.close()
        pipe.closeWriteEnd()
        #expect(output.outcome.written == 1)
    }

    @Test("records that arrive while a write is under way go out together, in one write(2)")
    func manyRecordsPerWrite() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, onEnded: {})
        let filler = pipe.fill()
        // The writer takes the first record and blocks in write(2): the pipe is full.
        append(output, 0)
        #expect(await eventually { output.isWriting })
        for number in 1..<1_000 { append(output, number) }
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        #expect(output.batchesWritten == 2)
        #expect(output.outcome.written == 1_000)
        #expect(output.outcome.failure == nil)
        let records = String(pipe.text.dropFirst(filler))
        #expect(records == (0..<1_000).map { "\($0)\n" }.joined())
    }

    @Test("a burst (one loop turn's records) wakes an idle writer once, at its end: one write(2) for all")
    func burstWakesOnce() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, onEnded: {})
        append(output, 0)
        #expect(await eventually { output.batchesWritten == 1 && output.isWriterWaiting })
        OutputBurst.run {
            for number in 1...100 { append(output, number) }
            #expect(output.batchesWritten == 1, "no write until the burst ends")
        }
        output.close()
        pipe.closeWriteEnd()
        pipe.readToEnd()
        pipe.closeReadEnd()
        #expect(output.batchesWritten == 2)
        #expect(pipe.text == (0...100).map { "\($0)\n" }.joined())
    }

    @Test("a writer woken from idle lingers for the records that follow; a pipe's worth pending ends it at once")
    func lingerGathers() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, linger: 600, onEnded: {})
        append(output, 0)
        #expect(await eventually { output.isWriterLingering })
        for number in 1...9 { append(output, number) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(output.batchesWritten == 0, "still lingering")
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        append(output, 10, size: RecordOutput.eagerBytes)
        #expect(await eventually { output.batchesWritten == 1 })
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        #expect(output.batchesWritten == 1)
        #expect(output.outcome.written == 11)
        #expect(pipe.text.split(separator: "\n").map { Int($0.prefix { $0 != "." }) } == Array(0...10))
    }

    @Test("closing ends the linger: the last records go out at once")
    func closeEndsTheLinger() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, linger: 600, onEnded: {})
        append(output, 0)
        #expect(await eventually { output.isWriterLingering })
        let clock = ContinuousClock()
        let closing = clock.now
        output.close()
        #expect(clock.now - closing < .seconds(60), "close() did not wait out the 600 s linger")
        pipe.closeWriteEnd()
        pipe.readToEnd()
        pipe.closeReadEnd()
        #expect(output.outcome.written == 1)
        #expect(pipe.text == "0\n")
    }

    @Test("the bound: past the limit the input waits, the emitting threads do not; reading lets it go")
    func boundHoldsTheInput() async throws {
        let pipe = try TestPipe()
        let limit = 8_192
        let output = RecordOutput(fd: pipe.writeEnd, limit: limit, onEnded: {})
        let filler = pipe.fill()
        let job = FetchJob(index: 0, url: "http://127.0.0.1/", problem: nil)
        #expect(output.admit(job), "an empty output lets the input through")
        // Nobody reads: records pile up, and appending never blocks.
        var appended = 0
        while output.backlog <= limit {
            append(output, appended, size: 100)
            appended += 1
        }
        let admitted = Atomic<Int>(0)
        let producer = Thread {
            if output.admit(job) { admitted.store(1, ordering: .relaxed) }
        }
        producer.start()
        #expect(await eventually { output.isProducerWaiting })
        for number in appended..<appended + 100 { append(output, number, size: 100) }
        #expect(admitted.load(ordering: .relaxed) == 0)
        #expect(output.peakBacklog <= limit + 101 * 105, "past the limit by the records appended after it")
        // The reader catches up: the input goes on, and every record arrives.
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        #expect(await eventually { admitted.load(ordering: .relaxed) == 1 })
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        #expect(output.outcome.written == appended + 100)
        let lines = String(pipe.text.dropFirst(filler)).split(separator: "\n")
        #expect(lines.map { Int($0.prefix { $0 != "." }) } == Array(0..<appended + 100))
    }

    @Test("a cancel lets a producer held back at the bound go, refused")
    func cancelReleasesTheInput() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, limit: 1, onEnded: {})
        _ = pipe.fill()
        append(output, 0)
        append(output, 1)
        let refused = Atomic<Int>(0)
        let producer = Thread {
            if !output.admit(FetchJob(index: 0, url: "http://127.0.0.1/", problem: nil)) {
                refused.store(1, ordering: .relaxed)
            }
        }
        producer.start()
        #expect(await eventually { output.isProducerWaiting })
        output.cancel()
        #expect(await eventually { refused.load(ordering: .relaxed) == 1 })
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
    }

    @Test("a refused write ends the output: counted honestly, said once, nothing written after it")
    func refusedWrite() async throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let ended = Atomic<Int>(0)
        let output = RecordOutput(fd: full, onEnded: { ended.add(1, ordering: .relaxed) })
        append(output, 0)
        #expect(await eventually { ended.load(ordering: .relaxed) == 1 })
        for number in 1..<100 { append(output, number) }
        output.close()
        #expect(ended.load(ordering: .relaxed) == 1)
        #expect(output.outcome.written == 0)
        #expect(output.outcome.failure == ENOSPC)
        #expect(output.batchesWritten == 1, "no write after the refused one")
    }

    /// A record numbered `number`, to keep for `onWritten`.
    private func record(_ number: Int) -> FetchRecord {
        FetchRecord(
            index: number, url: "http://a.test/\(number)", ok: true, status: 200, bytes: 0, worker: 1,
            strategy: .callback, attempts: 1, queued: 0, start: 0, elapsed: 0, phases: PhaseTimes(),
            httpVersion: nil, contentType: nil, effectiveURL: nil, error: nil, message: nil)
    }

    @Test("onWritten gets the kept records once written, in order, every one (queue mode settles them then)")
    func writtenRecordsHandedOver() async throws {
        let pipe = try TestPipe()
        let handed = Locked<[Int]>([])
        let output = RecordOutput(
            fd: pipe.writeEnd, onEnded: {},
            onWritten: { records in handed.withLock { $0 += records.map(\.record.index) } })
        #expect(output.reportsWritten)
        output.append(record: false) { $0.append(utf8: "header\n") }
        for number in 0..<500 {
            output.append(keeping: record(number)) { $0.append(utf8: "\(number)\n") }
        }
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        #expect(handed.withLock { $0 } == Array(0..<500))
        #expect(output.outcome.written == 500)
    }

    @Test("onWritten never gets a record stdout refused")
    func refusedRecordsNotHandedOver() async throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let handed = Locked<Int>(0)
        let output = RecordOutput(
            fd: full, onEnded: {}, onWritten: { records in handed.withLock { $0 += records.count } })
        for number in 0..<50 { output.append(keeping: record(number)) { $0.append(utf8: "\(number)\n") } }
        output.close()
        #expect(output.outcome.written == 0)
        #expect(handed.withLock { $0 } == 0)
    }

    @Test(
        "onWritten gets each record's JSON line as written when stdout is JSON lines with every field, none otherwise",
        arguments: [
            (OutputFormat.jsonl, RecordField.ordered, false, true), (.jsonl, [.index, .url], false, false),
            (.jsonl, RecordField.ordered, true, false), (.csv, RecordField.ordered, false, false),
            (.text, RecordField.ordered, false, false),
        ])
    func writtenJSONLines(
        format: OutputFormat, fields: [RecordField], writeOut: Bool, expectLines: Bool
    )
        async throws
    {
        let pipe = try TestPipe()
        let handed = Locked<[WrittenRecord]>([])
        let template = writeOut ? try WriteOutTemplate("%{json}\\n") : nil
        let reporter = Reporter(
            format: format, outputFD: pipe.writeEnd, progress: RunProgress(showBar: false), fields: fields,
            writeOut: template, onWritten: { records in handed.withLock { $0 += records } })
        reporter.begin()
        // A quote, a backslash and a newline in a message: the line carries them escaped.
        var failed = record(1)
        failed.message = "said \"no\" \\ twice\nthen left"
        let records = [record(0), failed, record(2)]
        for record in records { reporter.emit(record) }
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        _ = try await onOwnThread { reporter.finish(wall: 1) }
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        let written = handed.withLock { $0 }
        #expect(written.map(\.record.index) == [0, 1, 2])
        if expectLines {
            let lines = written.map { $0.jsonLine.map { String(decoding: $0, as: UTF8.self) } }
            #expect(lines == records.map { JSONLinesFormatter().object($0) })
            #expect(pipe.text == lines.map { ($0 ?? "") + "\n" }.joined())
        } else {
            #expect(written.allSatisfy { $0.jsonLine == nil })
        }
    }

    @Test("a header, a record with no bytes (-w), a footer: only records are counted")
    func piecesAndEmptyRecords() async throws {
        let pipe = try TestPipe()
        let output = RecordOutput(fd: pipe.writeEnd, onEnded: {})
        output.append(record: false) { $0.append(utf8: "header\n") }
        output.append(record: true) { _ in }
        append(output, 1)
        output.append(record: false) { $0.append(utf8: "footer\n") }
        async let reader: Void = onOwnThread { pipe.readToEnd() }
        try await closeOffThePool(output)
        pipe.closeWriteEnd()
        try await reader
        pipe.closeReadEnd()
        #expect(output.outcome.written == 2)
        #expect(pipe.text == "header\n1\nfooter\n")
    }
}

@Suite("Record batch")
struct RecordBatchTests {
    @Test("a batch cut short counts only the records wholly within what was written")
    func wholeWithin() {
        var batch = RecordBatch()
        batch.append(record: false) { $0.append(utf8: "h\n") }  // ends at 2
        batch.append(record: true) { $0.append(utf8: "aaa\n") }  // 6
        batch.append(record: true) { _ in }  // 6: a -w record with no bytes
        batch.append(record: true) { $0.append(utf8: "bb\n") }  // 9
        #expect(batch.recordCount == 3)
        #expect(batch.whole(within: 0) == (0, 0))
        #expect(batch.whole(within: 1) == (0, 0))
        #expect(batch.whole(within: 2) == (0, 2))
        #expect(batch.whole(within: 5) == (0, 2))
        #expect(batch.whole(within: 6) == (2, 6))
        #expect(batch.whole(within: 8) == (2, 6))
        #expect(batch.whole(within: 9) == (3, 9))
        batch.removeAll()
        #expect(batch.isEmpty && batch.byteCount == 0 && batch.recordCount == 0)
    }
}
