import ArgumentParser
import FetchBench
import FetchKit
import FetchQueue

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
              cfetch urls.txt >> out.jsonl             stopped part way? this finishes it:
              cfetch --skip-done out.jsonl urls.txt >> out.jsonl
              cfetch --input-format jsonl requests.jsonl   a request object per line
              cfetch -X PUT -d @body.txt -u alice:secret https://api.example/items/1
              cfetch --json '{"q":1}' -b cookies.txt -c cookies.txt urls.txt
              cfetch -j 200 --per-host 2 --host-rate 1/s --jitter --adaptive --robots --retry 3 urls.txt
                                                       polite on the open web
              cfetch -x http://proxy.example:3128 --noproxy intranet.example urls.txt
              cfetch --resolve example.org:443:127.0.0.1 --cacert ca.pem https://example.org/

            Politeness: between the input and the workers a frontier hands out the next URL whose host (scheme + host + port) is under its limits (--per-host, --rate, --host-rate, --adaptive, --robots); the others wait in their host's queue while other hosts go on. A 429 or 503 with Retry-After pauses its whole host, and the retry waits for it. The record's host_wait says how long a URL waited for its host; the summary names the hosts that pushed back.

            Requests: -X, -d, --data-binary, --json, -I, -u, -b and -c mean what they mean in curl. A body implies POST, which a 301, 302 or 303 turns into a GET with -L (307 and 308 keep it and its body); another method set with -X is kept, as in curl (-X POST with a body is the implied POST). Bodies and cookie files are read once, at start-up, and every request of the run sends the same body. -u's password is never printed (records, messages, the summary, traces); unlike curl, USER alone is refused rather than prompted for. With -b FILE or -c FILE the run has one cookie store, shared by every transfer (a cookie one response sets is sent by later requests to its host), and -c writes it once the run ends, interrupted or not. cfetch bench does not pass these options on.

            Connections, as in curl: -x sends every request through a proxy; without it the environment's http_proxy, https_proxy (or HTTPS_PROXY), ALL_PROXY (or all_proxy) and NO_PROXY (or no_proxy) are honoured, as libcurl reads them (HTTP_PROXY in capitals is not); --noproxy replaces NO_PROXY, and -x "" turns the environment's proxy off. A proxy's password is shown as *** wherever cfetch prints it. --resolve and --connect-to change where a URL's connections go, not its name: the record keeps the URL, TLS checks the URL's host, and politeness (--per-host, --host-rate, robots.txt) counts the URL's host, so two names sent to one address are two hosts. Their syntax and the --cacert, --capath, -E and --key files are checked before the run: a bad entry or a file that cannot be read is a usage error. A server certificate the CAs do not verify, or a client certificate the server refuses, fails its URL with the error class tls.

            Resume: a run of `cfetch urls.txt >> out.jsonl` that was interrupted (Ctrl-C, a crash, a lost connection) is finished by `cfetch --skip-done out.jsonl urls.txt >> out.jsonl`: every line whose URL already has an ok record in out.jsonl is skipped (no record, its index kept), the rest are fetched and appended, so the file ends with exactly one ok record per URL. Matching is by URL (and id, with --input-format jsonl), not by position, so a reordered or grown list resumes too. --skip-done reads jsonl or csv (any field order; a half-written last line is ignored and said in one warning), and may be repeated; --skip-done-errors also skips URLs whose record failed for good. The summary says how many were skipped: "1,234 skipped (done in out.jsonl)". ids compare by their text: "7" and 7 are one id.

            JSONL input (--input-format jsonl): each line of a LIST file or stdin is {"url": "https://…", "method": "POST", "headers": {"Name": "value"}, "body": "text", "id": "a1"}; only url is required, unknown keys are ignored, and the line's method, headers and body override the command line's. id is a string or a number, copied into the record's id field as given. A line that is not a JSON object, has no url, or has a field of the wrong type gets an invalid-url record saying what is wrong, and the run goes on.

            Option values are taken as curl takes them: attached to a short option or separate (-j8 -m5, -j 8 -m 5); times in seconds, with fractions; -m 0 and --connect-timeout 0 mean no limit of our own; --max-redirs -1 means unlimited; --max-filesize takes k, M and G suffixes. A value outside an option's range is a one-line usage error (exit 2) that names the range.

            Records (jsonl keys, csv columns): \(RecordField.keys.joined(separator: ", ")).

            Write-out (-w, curl's template language): per record, to stdout, instead of the format, with no newline unless the template has one: cfetch -w '%{http_code} %{time_total} %{url}\\n' urls.txt. %{name} is a variable (names compare without case), %% a percent sign, \\n \\t \\r a newline, tab and carriage return, \\\\ one backslash. curl's variables, with curl's meanings: url, urlnum (the record's index), http_code (000 when no response), size_download, time_namelookup, time_connect, time_appconnect, time_starttransfer, time_total (seconds, six decimals), num_redirects, url_effective, content_type, errormsg, exitcode (what curl --fail would exit with for the URL: 0 ok, curl's own code when curl failed it, 22 an HTTP status of 400 or above, 63 too-large, 23 output, 42 cancelled, 3 invalid-url, 1 unsupported-scheme, 8 a response without a status, 9 robots), json (the record as one JSON object); onerror (the rest only for a record that is not ok), stdout and stderr (where the rest goes); and every record field by its key (worker, strategy, queued, error, …; null is written as nothing). An unknown variable is a usage error (exit 2) that lists them all; curl would warn and write nothing for it.

            --keep-order writes records in the order the URLs were read, whatever order they finish in, with every format and -w; with a slow URL first, the workers go on with the next max(1024, 8 × -j) URLs and then wait for it. --fail-early stops the run at the first URL that fails, as Ctrl-C does, and the summary names it: "stopped at the first failure (--fail-early): URL".

            Queue mode (--queue redis://HOST, after cfetch enqueue): the URLs come from a shared Redis stream instead of arguments and LIST files, and any number of workers on any machines drain it. Each record is written to stdout, then settled in Redis (added to the results stream KEY:results, its entry acknowledged): at-least-once, so a worker killed between the two has its URLs fetched again by the others after --claim-idle, and queue_id tells the rare repeat apart. A transient failure (what --retry retries, after this worker's own retries) is put back on the stream for another delivery; an entry delivered more than --max-deliveries times goes to KEY:dead with a poisoned record. The worker exits when the queue is drained, nothing waiting and nothing pending (--follow: it waits for more); Ctrl-C or SIGTERM leaves what it had not fetched pending for the others. A lost Redis connection is retried with back-off; a server that cannot be reached at start is a usage error (exit 2). See cfetch enqueue --help and cfetch queue --help.

            Exit status: 0 all URLs ok, 1 some failed (or --fail-early stopped the run), 2 usage error, 23 records could not be written to stdout (one line on stderr says how many were, even with -s), 130 interrupted (SIGINT), 143 terminated (SIGTERM). Either signal stops the run cleanly: every URL read gets a record (cancelled if it had not started) and the summary says how many input lines were not read; -s silences its notice; a second signal quits at once.
            """
    )

    @OptionGroup var options: FetchCommandOptions

    @Argument(
        help: ArgumentHelp(
            "http(s) URLs, and files with one URL per line; - is stdin (the default when no argument is given and "
                + "stdin is not a terminal). Records are indexed in argument order.",
            valueName: "URL|LIST"))
    var lists: [String] = []

    func run() throws {
        if options.listStrategies {
            print(StrategyKind.allCases.map(\.rawValue).joined(separator: "\n"))
            return
        }
        // First, before anything may block (a body read from stdin, a slow start).
        options.request.hidePasswordFromProcessList()
        options.queueWorker.queue.hidePasswordFromProcessList()
        if options.queueWorker.queue.url != nil { return try runQueueWorker() }
        let sources = try ListArguments.sources(lists, hint: "try 'cfetch demo' for an offline run")
        if options.request.readsStandardInput, lists.isEmpty || lists.contains("-") {
            throw UsageError("@-: stdin carries the URL list here; give the URLs as arguments or LIST files")
        }
        var configuration = try options.configuration()
        configuration.done = try options.input.doneSet()
        configuration.shard = try options.input.inputShard()
        try run(configuration: configuration, input: .sources(sources), queueWorker: nil)
    }

    /// Runs `input` as the options say (format, fields, -w, --trace), and ends with the
    /// run's exit status.
    private func run(configuration: RunConfiguration, input: RunInput, queueWorker: QueueWorker?) throws {
        let runOptions = options.runOptions
        var session = RunSession(
            configuration: configuration, format: runOptions.outputFormat(), silent: runOptions.silent)
        session.fields = try runOptions.chosenFields()
        session.writeOut = try options.output.template()
        session.queueWorker = queueWorker
        let traceWriter = try options.trace.map { (path) throws(SystemCallError) in try ChromeTraceWriter(path: path) }
        if let traceWriter {
            traceWriter.addProcess(id: 1, name: runOptions.strategy.rawValue)
            session.observers = [{ traceWriter.add($0, process: 1) }]
        }
        let status = try session.run(input: input)
        try traceWriter?.finish()
        throw ExitCode(status)
    }

    /// `--queue`: one of the workers draining the stream; the run's input is the stream.
    private func runQueueWorker() throws {
        guard lists.isEmpty else {
            throw UsageError(
                "--queue takes the URLs from the queue: give no URL or LIST (put them there with cfetch enqueue)")
        }
        var configuration = try options.configuration()
        guard let settings = try options.queueWorker.settings(transfer: configuration.options) else { return }
        // What a worker claims and has not started is work the others cannot take, so the
        // read-ahead follows -j; but a queue of only -j ran dry while Redis ran a settle
        // script, and 100,000 URLs took 1.74 times a plain run's wall time instead of 1.5.
        configuration.readAhead = QueueWorkerSettings.readAheadPerWorker * configuration.concurrency
        let worker: QueueWorker
        do {
            worker = try QueueWorker(settings: settings)
        } catch {
            throw UsageError("cannot use the queue: \(error)")
        }
        try run(configuration: configuration, input: .producer(worker), queueWorker: worker)
    }
}
