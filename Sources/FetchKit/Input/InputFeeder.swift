import Foundation

/// The producer: a thread that reads every source in order, turns lines into jobs and
/// pushes them into the work queue (blocking while it is full), then closes the queue.
final class InputFeeder: Sendable {
    static let maxLineLength = 64 * 1024

    private let sources: [InputSource]
    private let queue: WorkQueue
    private let progress: RunProgress
    private let finished = DispatchSemaphore(value: 0)

    init(sources: [InputSource], queue: WorkQueue, progress: RunProgress) {
        self.sources = sources
        self.queue = queue
        self.progress = progress
    }

    func start() {
        startThread(name: "cfetch-input") { [self] in
            feed()
            finished.signal()
        }
    }

    /// Waits until every line has been read (or reading stopped).
    func waitUntilFinished() {
        finished.wait()
    }

    private func feed() {
        var parser = URLLineParser()
        defer {
            progress.inputFinished(total: parser.nextIndex)
            queue.close()
        }
        for source in sources {
            parser.startList()
            switch source {
            case .lines(let lines):
                for line in lines {
                    guard let job = parser.job(for: Array(line.utf8)) else { continue }
                    guard push(job) else { return }
                }
            case .descriptor(let fd, let name):
                var reader = LineReader(fd: fd, maxLineLength: Self.maxLineLength)
                do {
                    while let line = try reader.next() {
                        let job: FetchJob?
                        switch line {
                        case .text(let bytes): job = parser.job(for: bytes)
                        case .tooLong: job = parser.jobForOverlongLine(limit: Self.maxLineLength)
                        }
                        guard let job else { continue }
                        guard push(job) else { return }
                    }
                } catch {
                    progress.warn("cannot read \(name): \(error.description); stopped reading it")
                }
                if fd != STDIN_FILENO { close(fd) }
            }
        }
    }

    private func push(_ job: FetchJob) -> Bool {
        progress.jobQueued()
        return queue.push(job)
    }
}
