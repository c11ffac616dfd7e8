import ArgumentParser
import FetchKit

/// The curl options, with curl's letters where the meaning is the same.
struct TransferOptions: ParsableArguments {
    @Option(
        name: [.customShort("H", allowingJoined: true), .long],
        help: ArgumentHelp("Extra request header, as in curl (repeatable).", valueName: "Name: value"))
    var header: [String] = []

    @Option(
        name: [.customShort("A", allowingJoined: true), .customLong("user-agent")], help: "User-Agent header to send.")
    var userAgent: String?

    @Flag(name: [.customShort("L"), .customLong("location")], help: "Follow redirects.")
    var followRedirects = false

    @Option(
        name: .customLong("max-redirs"), parsing: .unconditional,
        help: "Redirects to follow at most with -L (-1: unlimited, as in curl; at most 1000000).")
    var maxRedirects = 50

    @Option(
        name: [.customShort("m", allowingJoined: true), .customLong("max-time")], parsing: .unconditional,
        help: ArgumentHelp(
            "Time limit for each transfer attempt, up to 1000000000 (0: no limit, as without -m).",
            valueName: "seconds"))
    var maxTime: Double?

    @Option(
        name: .customLong("connect-timeout"), parsing: .unconditional,
        help: ArgumentHelp(
            "Time limit for connecting, up to 1000000000 (0: no limit of our own; curl's built-in 300 s applies).",
            valueName: "seconds"))
    var connectTimeout: Double?

    @Flag(name: [.customShort("k"), .customLong("insecure")], help: "Do not verify TLS certificates.")
    var insecure = false

    @Flag(name: .customLong("http1.1"), help: "Use HTTP/1.1 only.")
    var http11 = false

    @Flag(name: .customLong("http2"), help: "Ask for HTTP/2 (also over cleartext, by upgrade).")
    var http2 = false

    @Flag(name: .customLong("compressed"), help: "Ask for a compressed response; bytes counts the decoded body.")
    var compressed = false

    @Option(
        name: .customLong("max-filesize"), parsing: .unconditional,
        help: ArgumentHelp(
            "Refuse bodies larger than this, counted as received (decoded with --compressed): bytes, "
                + "or with a K, M or G suffix as in curl, up to 1024G (0: no limit).",
            valueName: "bytes"))
    var maxFileSize: ByteSize?

    @Option(
        name: .customLong("retry"), parsing: .unconditional,
        help: ArgumentHelp(
            "Retry transient failures (timeouts, resets, 408/429/5xx) this many times (0 to 1000000), after a "
                + "back-off with full jitter; a 429 or 503 with Retry-After also pauses its host that long."))
    var retries = 0

    @Option(
        name: .customLong("retry-delay"), parsing: .unconditional,
        help: ArgumentHelp(
            "The first retry's longest wait, doubled for each next one; each wait is random between 0 and "
                + "that (default 1; 0: retry at once).",
            valueName: "seconds"))
    var retryDelay: Double?

    @Option(
        name: .customLong("retry-max-delay"), parsing: .unconditional,
        help: ArgumentHelp(
            "No retry waits longer, nor a host's Retry-After pause; a URL whose Retry-After is longer is not "
                + "retried (default 60).",
            valueName: "seconds"))
    var retryMaxDelay = FetchOptions().retryMaxDelay

    @Option(
        name: .customLong("retry-max-time"), parsing: .unconditional,
        help: ArgumentHelp(
            "No retry starts later than this after the URL's first attempt (0: no limit, the default).",
            valueName: "seconds"))
    var retryMaxTime: Double?

    @Flag(
        name: .customLong("retry-all-errors"),
        help: "With --retry: retry every failure (HTTP 4xx too), not only transient ones, as in curl.")
    var retryAllErrors = false

    @Option(
        name: [.customShort("o", allowingJoined: true), .customLong("output-dir")],
        help: ArgumentHelp(
            "Save each ok body as a file in DIR (written as NAME.part, renamed when complete; never overwriting).",
            valueName: "DIR"))
    var outputDirectory: String?

    func validate() throws {
        if http11 && http2 { throw ValidationError("--http1.1 and --http2 cannot be used together") }
        try Self.maxTimeRange.check(maxTime)
        try Self.connectTimeoutRange.check(connectTimeout)
        try Self.maxRedirectsRange.check(maxRedirects)
        try Self.retriesRange.check(retries)
        try Self.retryDelayRange.check(retryDelay)
        try Self.retryMaxDelayRange.check(retryMaxDelay)
        try Self.retryMaxTimeRange.check(retryMaxTime)
        try Self.maxFileSizeRange.check(maxFileSize)
        for value in header where !value.contains(":") && !value.hasSuffix(";") {
            throw ValidationError("header '\(value)' has no ':' (expected 'Name: value')")
        }
        if outputDirectory?.isEmpty == true { throw ValidationError("--output-dir needs a directory") }
        try validateExistingFileChoice()
    }

    static let maxTimeRange = OptionRange.seconds("--max-time", zero: "no limit")
    static let connectTimeoutRange = OptionRange.seconds("--connect-timeout", zero: "no limit of our own")
    static let maxRedirectsRange = OptionRange.integer("--max-redirs", -1...1_000_000, note: "-1: unlimited")
    static let retriesRange = OptionRange.integer("--retry", 0...1_000_000)
    static let retryDelayRange = OptionRange.seconds("--retry-delay", zero: "retry at once")
    static let retryMaxDelayRange = OptionRange.seconds("--retry-max-delay", zero: "never wait")
    static let retryMaxTimeRange = OptionRange.seconds("--retry-max-time", zero: "no limit")
    static let maxFileSizeRange = OptionRange.size(
        "--max-filesize", ByteSize(bytes: 0)...ByteSize(bytes: 1 << 40), note: "0: no limit")

    /// The same options as arguments for a child `cfetch fetch` (bench runs), except
    /// `-o`: a benchmark discards bodies.
    var childArguments: [String] {
        var arguments: [String] = []
        for value in header { arguments += ["-H", value] }
        if let userAgent { arguments += ["-A", userAgent] }
        if followRedirects { arguments += ["-L", "--max-redirs", String(maxRedirects)] }
        if let maxTime { arguments += ["--max-time", String(maxTime)] }
        if let connectTimeout { arguments += ["--connect-timeout", String(connectTimeout)] }
        if insecure { arguments.append("-k") }
        if http11 { arguments.append("--http1.1") }
        if http2 { arguments.append("--http2") }
        if compressed { arguments.append("--compressed") }
        if let maxFileSize { arguments += ["--max-filesize", String(maxFileSize.bytes)] }
        if retries > 0 { arguments += ["--retry", String(retries)] }
        if let retryDelay { arguments += ["--retry-delay", String(retryDelay)] }
        if retryMaxDelay != FetchOptions().retryMaxDelay { arguments += ["--retry-max-delay", String(retryMaxDelay)] }
        if let retryMaxTime { arguments += ["--retry-max-time", String(retryMaxTime)] }
        if retryAllErrors { arguments.append("--retry-all-errors") }
        return arguments
    }

    var fetchOptions: FetchOptions {
        var options = FetchOptions()
        options.headers = header
        if let userAgent { options.userAgent = userAgent }
        options.followRedirects = followRedirects
        options.maxRedirects = maxRedirects
        // 0 is "no limit", as in curl: the same as not setting one.
        options.maxTime = maxTime == 0 ? nil : maxTime
        options.connectTimeout = connectTimeout == 0 ? nil : connectTimeout
        options.insecure = insecure
        options.httpVersion = http11 ? .http1_1 : http2 ? .http2 : .automatic
        options.compressed = compressed
        options.maxFileSize = maxFileSize.flatMap { $0.bytes == 0 ? nil : Int64($0.bytes) }
        options.retries = retries
        options.retryDelay = retryDelay
        options.retryMaxDelay = retryMaxDelay
        options.retryMaxTime = retryMaxTime == 0 ? nil : retryMaxTime
        options.retryAllErrors = retryAllErrors
        options.outputDirectory = outputDirectory
        options.existingFiles = existingFilePolicy
        return options
    }

    // MARK: -o and files that exist (curl's --skip-existing, and replacing them)

    @Flag(
        name: .customLong("skip-existing"),
        help: "With -o: do not fetch a URL whose file exists; its record is ok, with the file's path.")
    var skipExisting = false

    @Flag(
        name: .customLong("overwrite"),
        help: "With -o: replace a URL's existing file (atomically, once its body is complete).")
    var overwrite = false

    var existingFilePolicy: ExistingFilePolicy {
        skipExisting ? .skip : overwrite ? .overwrite : .refuse
    }

    func validateExistingFileChoice() throws {
        if skipExisting && overwrite {
            throw ValidationError("--skip-existing and --overwrite cannot be used together")
        }
        if outputDirectory == nil, skipExisting || overwrite {
            throw ValidationError("\(skipExisting ? "--skip-existing" : "--overwrite") needs -o/--output-dir")
        }
    }
}
