/// Everything a transport needs to turn a job into a transfer, shared by the engine and
/// the blocking strategy's threads: the curl options, where bodies go, the retry policy.
final class TransferPlan: Sendable {
    let template: RequestTemplate
    let output: OutputDirectory?
    let retries: Int
    let retryDelay: Double?
    let descriptorShortage: DescriptorShortage

    init(options: FetchOptions, descriptorShortage: DescriptorShortage = DescriptorShortage()) throws {
        try CurlGlobal.initialize()
        template = try RequestTemplate(options: options)
        output = try options.outputDirectory.map(OutputDirectory.prepare)
        retries = max(0, options.retries)
        retryDelay = options.retryDelay
        self.descriptorShortage = descriptorShortage
    }

    /// A sink for the job's body, or why it can't have one.
    func makeSink(for job: FetchJob) -> Result<BodySink, URLProblem> {
        guard let output else { return .success(BodySink()) }
        return output.openFile(for: job).map { BodySink(fileDescriptor: $0) }
    }

    /// Seconds to wait before attempt `attempt + 1`: `--retry-delay`, or curl's doubling
    /// back-off from one second, capped at ten minutes.
    func backoff(afterAttempt attempt: Int) -> Double {
        if let retryDelay { return retryDelay }
        return min(600, Double(1 << min(attempt - 1, 10)))
    }

    /// Whether a failed attempt should be tried again.
    func shouldRetry(_ result: TransferResult, attempts: Int) -> Bool {
        attempts <= retries && result.isTransient
    }
}
