import CLinuxCurl
import Testing

@testable import FetchKit

@Suite("Retry policy: exponential back-off with full jitter")
struct RetryPolicyTests {
    private func policy(_ configure: (inout FetchOptions) -> Void) -> RetryPolicy {
        var options = FetchOptions()
        options.retries = 5
        configure(&options)
        return RetryPolicy(options: options)
    }

    private func failure(status: Int? = 503, retryAfter: Double? = nil, code: CURLcode = CURLE_OK) -> TransferResult {
        var info = TransferInfo()
        info.status = status
        info.retryAfter = retryAfter
        return TransferResult(curlCode: code, info: info, bytes: 0, message: nil)
    }

    @Test("the cap doubles from --retry-delay up to --retry-max-delay; each wait is drawn below it")
    func capsDouble() {
        let retry = policy {
            $0.retryDelay = 0.5
            $0.retryMaxDelay = 3
        }
        #expect((1...5).map { retry.cap(beforeRetry: $0) } == [0.5, 1, 2, 3, 3])
        for attempt in 1...5 {
            // The largest draw is the cap itself; a uniform draw is below it.
            #expect(
                retry.decide(after: failure(), attempts: attempt, elapsed: 0, jitter: { $0 })
                    == .retry(afterSeconds: retry.cap(beforeRetry: attempt)))
            guard case .retry(let wait) = retry.decide(after: failure(), attempts: attempt, elapsed: 0) else {
                Issue.record("not retried")
                continue
            }
            #expect(wait >= 0 && wait <= retry.cap(beforeRetry: attempt))
        }
    }

    @Test("defaults: 1 s doubling to 60 s")
    func defaults() {
        let retry = policy { _ in }
        #expect(retry.cap(beforeRetry: 1) == 1)
        #expect(retry.cap(beforeRetry: 7) == 60)
        #expect(retry.cap(beforeRetry: 1_000_000) == 60)
    }

    @Test("draws spread over the cap: full jitter, not a fixed wait")
    func jitterSpreads() {
        let retry = policy { $0.retryDelay = 10 }
        let waits = (0..<200).compactMap { _ -> Double? in
            if case .retry(let wait) = retry.decide(after: failure(), attempts: 1, elapsed: 0) { return wait }
            return nil
        }
        #expect(waits.count == 200)
        #expect(waits.min()! < 2 && waits.max()! > 8)
    }

    @Test("Retry-After is a floor; longer than --retry-max-delay, the URL is not retried and the reason is given")
    func retryAfter() {
        let retry = policy { $0.retryMaxDelay = 30 }
        #expect(
            retry.decide(after: failure(status: 429, retryAfter: 20), attempts: 1, elapsed: 0, jitter: { _ in 0 })
                == .retry(afterSeconds: 20))
        #expect(
            retry.decide(after: failure(status: 429, retryAfter: 31), attempts: 1, elapsed: 0)
                == .final(reason: "not retried: Retry-After 31 s is longer than --retry-max-delay 30 s"))
    }

    @Test("--retry-max-time: no retry that would start after it")
    func maxTime() {
        let retry = policy {
            $0.retryDelay = 1
            $0.retryMaxTime = 10
        }
        #expect(retry.decide(after: failure(), attempts: 1, elapsed: 8.5, jitter: { $0 }) == .retry(afterSeconds: 1))
        #expect(
            retry.decide(after: failure(), attempts: 2, elapsed: 9, jitter: { $0 })
                == .final(reason: "not retried: --retry-max-time 10 s would pass"))
    }

    @Test("what is retried: transient failures; with --retry-all-errors every failure; never a success or a cancel")
    func whatIsRetried() {
        let transientOnly = policy { _ in }
        let everything = policy { $0.retryAllErrors = true }
        #expect(transientOnly.decide(after: failure(status: 404), attempts: 1, elapsed: 0) == .final(reason: nil))
        #expect(
            everything.decide(after: failure(status: 404), attempts: 1, elapsed: 0, jitter: { $0 })
                == .retry(afterSeconds: 1))
        #expect(everything.decide(after: failure(status: 200), attempts: 1, elapsed: 0) == .final(reason: nil))
        var cancelled = failure(status: nil, code: CURLE_ABORTED_BY_CALLBACK)
        cancelled.errorOverride = .cancelled
        #expect(everything.decide(after: cancelled, attempts: 1, elapsed: 0) == .final(reason: nil))
        #expect(transientOnly.decide(after: failure(), attempts: 6, elapsed: 0) == .final(reason: nil))
    }

    @Test("any delay saturates: NaN, negative, infinite", arguments: [Double.nan, -1, .infinity, 1e300])
    func saturating(delay: Double) {
        let retry = policy {
            $0.retryDelay = delay
            $0.retryMaxDelay = delay
        }
        let cap = retry.cap(beforeRetry: 3)
        #expect(cap.isFinite && cap >= 0 && cap <= RetryPolicy.longestWait)
        if case .retry(let wait) = retry.decide(after: failure(), attempts: 1, elapsed: 0) {
            #expect(wait.isFinite && wait >= 0)
        } else {
            Issue.record("not retried")
        }
    }
}
