/// Everything a transport needs to turn a job into a transfer, shared by the engine and
/// the blocking strategy's threads: the curl options, where bodies go, the retry policy,
/// and whom to tell how each attempt went (the frontier, when the run has one).
final class TransferPlan: Sendable {
    let template: RequestTemplate
    let output: OutputDirectory?
    let retry: RetryPolicy
    let descriptorShortage: DescriptorShortage
    /// Learns how each attempt went and books retries under the host's limits; nil when
    /// the run has no frontier.
    let hosts: (any HostFeedback)?
    /// `--max-filesize` in bytes; nil for no limit.
    let maxFileSize: Int?

    init(
        options: FetchOptions, descriptorShortage: DescriptorShortage = DescriptorShortage(),
        hosts: (any HostFeedback)? = nil
    ) throws {
        try CurlGlobal.initialize()
        template = try RequestTemplate(options: options)
        output = try options.outputDirectory.map {
            try OutputDirectory.prepare($0, existingFiles: options.existingFiles)
        }
        maxFileSize = options.maxFileSize.flatMap { $0 > 0 ? Int(clamping: $0) : nil }
        retry = RetryPolicy(options: options)
        self.descriptorShortage = descriptorShortage
        self.hosts = hosts
    }

    /// Where the job's body goes, or why it goes nowhere.
    func destination(for job: FetchJob) -> BodyDestination {
        guard let output else { return .write(BodySink(limit: maxFileSize)) }
        return output.destination(for: job, limit: maxFileSize)
    }
}
