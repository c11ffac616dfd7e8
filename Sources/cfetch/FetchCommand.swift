import ArgumentParser
import FetchBench
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch [fetch]`: fetch the URLs in LIST files or stdin.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch URLs given as arguments or in LIST files (or stdin), one record per URL.",
        discussion: """
            Examples:
              cfetch https://example.org/              one URL, as curl takes it
              cfetch urls.txt                          text report on a terminal
              cfetch https://a.example/ more.txt -     URLs, a file and stdin, indexed in that order
              cfetch -j 50 --format jsonl urls.txt | jq -c 'select(.ok | not)'
              cat urls.txt | cfetch --strategy blocking -j 8 --format csv > out.csv
              cfetch -L -m 10 --retry 2 -o pages/ urls.txt
              cfetch -o pages/ --skip-existing urls.txt   resume: URLs already saved are skipped
              cfetch -X PUT -d @body.txt -u alice:secret https://api.example/items/1
              cfetch --json '{"q":1}' -b cookies.txt -c cookies.txt urls.txt
              cfetch -j 200 --per-host 2 --host-rate 1/s --jitter --adaptive --robots --retry 3 urls.txt
                                                       polite on the open web

            Politeness: between the input and the workers a frontier hands out the next URL whose host (scheme + host + port) is under its limits (--per-host, --rate, --host-rate, --adaptive, --robots); the others wait in their host's queue while other hosts go on. A 429 or 503 with Retry-After pauses its whole host, and the retry waits for it. The record's host_wait says how long a URL waited for its host; the summary names the hosts that pushed back.

            Requests: -X, -d, --data-binary, --json, -I, -u, -b and -c mean what they mean in curl. A body implies POST, which a 301, 302 or 303 turns into a GET with -L (307 and 308 keep it and its body); another method set with -X is kept, as in curl (-X POST with a body is the implied POST). Bodies and cookie files are read once, at start-up, and every request of the run sends the same body. -u's password is never printed (records, messages, the summary, traces); unlike curl, USER alone is refused rather than prompted for. With -b FILE or -c FILE the run has one cookie store, shared by every transfer (a cookie one response sets is sent by later requests to its host), and -c writes it once the run ends, interrupted or not. cfetch bench does not pass these options on.

            Option values are taken as curl takes them: attached to a short option or separate (-j8 -m5, -j 8 -m 5); times in seconds, with fractions; -m 0 and --connect-timeout 0 mean no limit of our own; --max-redirs -1 means unlimited; --max-filesize takes k, M and G suffixes. A value outside an option's range is a one-line usage error (exit 2) that names the range.

            Records (jsonl keys, csv columns): \(RecordField.keys.joined(separator: ", ")).

            Exit status: 0 all URLs ok, 1 some failed, 2 usage error, 23 records could not be written to stdout (one line on stderr says how many were, even with -s), 130 interrupted (SIGINT), 143 terminated (SIGTERM). Either signal stops the run cleanly: every URL read gets a record (cancelled if it had not started) and the summary says how many input lines were not read; -s silences its notice; a second signal quits at once.
            """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var transfer: TransferOptions
    @OptionGroup(title: "Politeness") var politeness: PolitenessOptions
    @OptionGroup(title: "Request") var request: RequestOptions

    @Flag(name: .customLong("list-strategies"), help: "Print the strategy names, one per line, and exit.")
    var listStrategies = false

    @Option(
        name: .long,
        help: ArgumentHelp("Also write a Chrome trace (Perfetto) of every transfer.", valueName: "file.json"))
    var trace: String?

    @Argument(
        help: ArgumentHelp(
            "http(s) URLs, and files with one URL per line; - is stdin (the default when no argument is given and "
                + "stdin is not a terminal). Records are indexed in argument order.",
            valueName: "URL|LIST"))
    var lists: [String] = []

    func run() throws {
        if listStrategies {
            print(StrategyKind.allCases.map(\.rawValue).joined(separator: "\n"))
            return
        }
        // First, before anything may block (a body read from stdin, a slow start).
        request.hidePasswordFromProcessList()
        let sources = try openSources()
        var session = RunSession(
            configuration: try configuration(), format: runOptions.outputFormat(), silent: runOptions.silent)
        session.fields = try runOptions.chosenFields()
        let traceWriter = try trace.map { (path) throws(SystemCallError) in try ChromeTraceWriter(path: path) }
        if let traceWriter {
            traceWriter.addProcess(id: 1, name: runOptions.strategy.rawValue)
            session.observers = [{ traceWriter.add($0, process: 1) }]
        }
        let status = try session.run(sources: sources)
        try traceWriter?.finish()
        throw ExitCode(status)
    }

    private func configuration() throws -> RunConfiguration {
        var options = transfer.fetchOptions
        options.politeness = politeness.politeness
        if request.readsStandardInput, lists.isEmpty || lists.contains("-") {
            throw UsageError("@-: stdin carries the URL list here; give the URLs as arguments or LIST files")
        }
        options.request = try request.httpRequestOptions()
        return runOptions.configuration(options: options)
    }

    private func openSources() throws -> [InputSource] {
        if lists.isEmpty {
            guard isatty(STDIN_FILENO) == 0 else {
                throw UsageError(
                    "no URLs: give URLs or a LIST file, or pipe URLs to stdin (try 'cfetch demo' for an offline run)")
            }
            return [.standardInput]
        }
        // In argument order, so the indexes follow it: a URL is a list of one.
        return try lists.map { (argument) throws(InputError) in
            Self.isURL(argument) ? InputSource.lines([argument]) : try InputSource.file(argument)
        }
    }

    /// An argument that starts as an http(s) URL is one (as curl takes its arguments);
    /// anything else names a list file. A file whose name starts with `http://` can still
    /// be read as `./http:…`.
    static func isURL(_ argument: String) -> Bool {
        let lowered = argument.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
