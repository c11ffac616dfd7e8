import Testing

@testable import FetchKit

/// A `JobProducer`'s way in (queue mode): each line a job at the index it comes with, by
/// the list's rules, carrying its claim; every line a job, none dropped.
@Suite("Job feed")
struct JobFeedTests {
    private func feed() -> (JobFeed, WorkQueue) {
        let queue = WorkQueue(capacity: 16)
        return (JobFeed(queue: queue, progress: RunProgress(showBar: false), keysHosts: false), queue)
    }

    @Test("a URL line, a JSONL request and a bad line become jobs at their own indexes, with their claims")
    func linesAtTheirIndexes() throws {
        let (feed, queue) = feed()
        let claim = QueueClaim(id: "1-0", consumer: "w")
        #expect(feed.push(line: "http://a.test/x", index: 41, format: .lines, claim: claim))
        #expect(
            feed.push(
                line: #"{"url": "http://a.test/y", "id": "r7", "method": "PUT"}"#, index: 7, format: .jsonl,
                claim: nil))
        #expect(feed.push(line: "not a url", index: 3, format: .lines, claim: nil))
        #expect(feed.push(line: "   ", index: 9, format: .lines, claim: nil))
        #expect(feed.room == 12)
        feed.close()
        let url = try #require(queue.take())
        #expect(url.index == 41 && url.url == "http://a.test/x" && url.problem == nil)
        #expect(url.queueClaim?.id == "1-0" && url.queueClaim?.consumer == "w")
        let request = try #require(queue.take())
        #expect(request.index == 7 && request.url == "http://a.test/y")
        #expect(request.lineRequest?.id == #""r7""# && request.lineRequest?.method == "PUT")
        let bad = try #require(queue.take())
        #expect(bad.index == 3 && bad.problem?.errorClass == .invalidURL)
        let blank = try #require(queue.take())
        #expect(blank.index == 9 && blank.problem?.errorClass == .invalidURL, "a blank entry still gets its record")
        #expect(queue.take() == nil)
    }

    @Test("a refused push keeps the line's URL and id, and the problem")
    func refusedKeepsURLAndID() throws {
        let (feed, queue) = feed()
        let problem = URLProblem(errorClass: .poisoned, message: "delivered 4 times")
        #expect(
            feed.push(
                refused: problem, line: #"{"url": "http://a.test/z", "id": 5}"#, index: 2, format: .jsonl,
                claim: QueueClaim(id: "9-1", consumer: "w")))
        feed.close()
        let job = try #require(queue.take())
        #expect(job.index == 2 && job.url == "http://a.test/z" && job.lineRequest?.id == "5")
        #expect(job.problem == problem && job.queueClaim?.id == "9-1")
    }

    @Test("once the run stopped, a push is refused and says so")
    func stoppedRunRefuses() {
        let (feed, queue) = feed()
        queue.cancel()
        #expect(feed.isStopped)
        #expect(!feed.push(line: "http://a.test/", index: 0, format: .lines, claim: nil))
    }
}
