/// Everything a transport needs to turn a job into a transfer, shared by the engine and
/// the blocking strategy's threads: the curl options, where bodies go, the retry policy.
final class TransferPlan: Sendable {
    let template: RequestTemplate
    let output: OutputDirectory?
    let retries: Int
    let retryDelay: Double?
    let descriptorShortage: DescriptorShortage
    /// `--max-filesize` in bytes; nil for no limit.
    let maxFileSize: Int?

    init(options: FetchOptions, descriptorShortage: DescriptorShortage = DescriptorShortage()) throws {
        try CurlGlobal.initialize()
        template = try RequestTemplate(options: options)
        output = try options.outputDirectory.map {
            try OutputDirectory.prepare($0, existingFiles: options.existingFiles)
        }
        maxFileSize = options.maxFileSize.flatMap { $0 > 0 ? Int(clamping: $0) : nil }
        retries = max(0, options.retries)
        retryDelay = options.retryDelay
        self.descriptorShortage = descriptorShortage
    }

    /// Where the job's body goes, or why it goes nowhere.
    func destination(for job: FetchJob) -> BodyDestination {
        guard let output else { return .write(BodySink(limit: maxFileSize)) }
        return output.destination(for: job, limit: maxFileSize)
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
