import ArgumentParser
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

@main
struct CFetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cfetch",
        abstract: "Fetch lists of URLs concurrently, with the concurrency strategy of your choice.",
        // One line per paragraph: argument-parser wraps them to the terminal itself.
        discussion: """
            cfetch takes URLs as arguments or reads them (one per line; blank lines and # comments are skipped) from LIST files or stdin, fetches them with libcurl, and writes one record per URL: text on a terminal, JSON lines when stdout is a pipe or a file. The options below are the default command's (fetch), taken here as they are; 'cfetch fetch --help' says what each one does, and names the rest.

            Examples:
              cfetch https://example.org/ https://example.com/
              cfetch urls.txt
              cfetch --json '{"q":1}' -w '%{http_code}\\n' https://api.example/q
              cfetch -j 50 --format jsonl urls.txt | jq -c 'select(.ok | not)'
              cfetch --strategy blocking -j 8 --format csv urls.txt > out.csv
              cfetch demo                   # offline, against the built-in server

            Common options (of cfetch fetch; curl's letters and meanings where curl has them):
              workers:    -j N  --strategy NAME
              input:      --input-format lines|jsonl  --skip-done FILE
                          --skip-done-errors  --shard K/N
              output:     --format text|jsonl|csv  --fields a,b,c  -w FORMAT
                          --keep-order  --fail-early  -s  --trace FILE
              request:    -X METHOD  -d DATA  --data-binary @FILE  --json DATA  -I
                          -H 'Name: value'  -A AGENT  -u USER:PASS  -b COOKIES  -c JAR
              transfer:   -L  --max-redirs N  -m SECS  --connect-timeout SECS
                          --compressed  --http1.1  --http2  --max-filesize N  -o DIR
              retries:    --retry N  --retry-delay SECS  --retry-max-delay SECS
                          --retry-max-time SECS  --retry-all-errors
              network:    -x PROXY  --noproxy HOSTS  --resolve HOST:PORT:ADDR
                          --connect-to H1:P1:H2:P2  -k  --cacert FILE  --capath DIR
                          -E CERT  --key FILE
              politeness: --per-host N  --rate R  --host-rate R  --jitter  --adaptive
                          --robots
              engine:     --loops N  --poller epoll|poll  --h2-streams N
              queue mode: --queue redis://HOST  --queue-key KEY  --consumer NAME
                          --claim-idle SECS  --max-deliveries N  --follow

            Many machines: cfetch enqueue --queue redis://HOST urls.txt puts a list on a Redis stream; cfetch fetch --queue redis://HOST on each machine drains it (at-least-once: a worker that dies has its URLs fetched by the others); cfetch queue status|results watches it and collects the records.

            Exit status: 0 all URLs ok, 1 some failed, 2 usage error, 23 records could not be written to stdout (one line on stderr says how many were, even with -s), 130 interrupted (SIGINT), 143 terminated (SIGTERM). Either signal stops the run cleanly: every URL read gets a record (cancelled if it had not started) and the summary says how many input lines were not read; -s silences its notice; a second signal quits at once.
            """,
        version: versionText,
        subcommands: [
            FetchCommand.self, EnqueueCommand.self, QueueCommand.self, BenchCommand.self, DemoCommand.self,
            ServeCommand.self, CompletionsCommand.self,
        ],
        defaultSubcommand: FetchCommand.self
    )

    /// `--version`'s line, with libcurl's own (`libcurl/7.88.1 OpenSSL/3.0.22 … OpenLDAP/2.5.13`)
    /// only when the command line asks for it: `curl_version()` asks libldap for its version,
    /// which initialises libldap (reading ldap.conf and ~/.ldaprc), 4.9 M instructions, a
    /// twelfth of a whole one-URL run. argument-parser reads this text only to print it for
    /// `--version` (`--version=x` included); any other non-empty text gives it the same flag.
    private static var versionText: String {
        let asked = CommandLine.arguments.dropFirst().contains { $0.hasPrefix("--version") }
        return asked ? "cfetch \(CFetchVersion.string) (\(CurlGlobal.version))" : "cfetch \(CFetchVersion.string)"
    }

    /// Argument-parser's own `main`, except that every error ends the process as
    /// `ProcessEnding` says: the commands throw, and only here do errors become statuses.
    static func main() {
        // Before anything opens a descriptor: none may take a closed stdout's number.
        holdStandardDescriptors()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let name = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "cfetch") }
            switch ProcessEnding.forError(error, command: name ?? "cfetch") {
            case .exit(let status, let line):
                if let line { printError(line) }
                Glibc.exit(status)
            case .argumentParser:
                exit(withError: error)
            }
        }
    }
}

/// One line on stderr, prefixed with the program's name.
func printError(_ message: String) {
    var line = "cfetch: \(message)\n"
    line.withUTF8 { _ = writeFully(2, UnsafeRawBufferPointer($0)) }
}
