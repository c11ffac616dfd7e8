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
              cfetch --keep-order -w '%{http_code} %{time_total} %{url}\\n' urls.txt
                                                       curl's -w, one line per URL, in list order
              cfetch -o pages/ --skip-existing urls.txt   resume: URLs already saved are skipped
              cfetch -j 200 --per-host 2 --host-rate 1/s --jitter --adaptive --robots --retry 3 urls.txt
                                                       polite on the open web

            Politeness: between the input and the workers a frontier hands out the next URL whose host (scheme + host + port) is under its limits (--per-host, --rate, --host-rate, --adaptive, --robots); the others wait in their host's queue while other hosts go on. A 429 or 503 with Retry-After pauses its whole host, and the retry waits for it. The record's host_wait says how long a URL waited for its host; the summary names the hosts that pushed back.

            Option values are taken as curl takes them: attached to a short option or separate (-j8 -m5, -j 8 -m 5); times in seconds, with fractions; -m 0 and --connect-timeout 0 mean no limit of our own; --max-redirs -1 means unlimited; --max-filesize takes k, M and G suffixes. A value outside an option's range is a one-line usage error (exit 2) that names the range.

            Records (jsonl keys, csv columns): \(RecordField.keys.joined(separator: ", ")).

            Write-out (-w, curl's template language): per record, to stdout, instead of the format, with no newline unless the template has one: cfetch -w '%{http_code} %{time_total} %{url}\\n' urls.txt. %{name} is a variable (names compare without case), %% a percent sign, \\n \\t \\r a newline, tab and carriage return, \\\\ one backslash. curl's variables, with curl's meanings: url, urlnum (the record's index), http_code (000 when no response), size_download, time_namelookup, time_connect, time_appconnect, time_starttransfer, time_total (seconds, six decimals), num_redirects, url_effective, content_type, errormsg, exitcode (what curl --fail would exit with for the URL: 0 ok, curl's own code when curl failed it, 22 an HTTP status of 400 or above, 63 too-large, 23 output, 42 cancelled, 3 invalid-url, 1 unsupported-scheme, 8 a response without a status, 9 robots), json (the record as one JSON object); onerror (the rest only for a record that is not ok), stdout and stderr (where the rest goes); and every record field by its key (worker, strategy, queued, error, …; null is written as nothing). An unknown variable is a usage error (exit 2) that lists them all; curl would warn and write nothing for it.

            --keep-order writes records in the order the URLs were read, whatever order they finish in, with every format and -w; with a slow URL first, the workers go on with the next max(1024, 8 × -j) URLs and then wait for it. --fail-early stops the run at the first URL that fails, as Ctrl-C does, and the summary names it: "stopped at the first failure (--fail-early): URL".

            Exit status: 0 all URLs ok, 1 some failed (or --fail-early stopped the run), 2 usage error, 23 records could not be written to stdout (one line on stderr says how many were, even with -s), 130 interrupted (SIGINT), 143 terminated (SIGTERM). Either signal stops the run cleanly: every URL read gets a record (cancelled if it had not started) and the summary says how many input lines were not read; -s silences its notice; a second signal quits at once.
            """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup var transfer: TransferOptions
    @OptionGroup(title: "Politeness") var politeness: PolitenessOptions

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

    func validate() throws {
        try output.check(against: runOptions)
    }

    func run() throws {
        if listStrategies {
            print(StrategyKind.allCases.map(\.rawValue).joined(separator: "\n"))
            return
        }
        let sources = try openSources()
        var session = RunSession(
            configuration: configuration, format: runOptions.outputFormat(), silent: runOptions.silent)
        session.fields = try runOptions.chosenFields()
        session.writeOut = try output.template()
        let traceWriter = try trace.map { (path) throws(SystemCallError) in try ChromeTraceWriter(path: path) }
        if let traceWriter {
            traceWriter.addProcess(id: 1, name: runOptions.strategy.rawValue)
            session.observers = [{ traceWriter.add($0, process: 1) }]
        }
        let status = try session.run(sources: sources)
        try traceWriter?.finish()
        throw ExitCode(status)
    }

    private var configuration: RunConfiguration {
        var options = transfer.fetchOptions
        options.politeness = politeness.politeness
        var configuration = runOptions.configuration(options: options)
        configuration.keepOrder = output.keepOrder
        configuration.failEarly = output.failEarly
        return configuration
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
