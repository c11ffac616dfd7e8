import ArgumentParser
import Dispatch
import FetchKit
import FetchTestServer

#if canImport(Glibc)
import Glibc
#endif

/// `cfetch serve`: the test server in the foreground, for demos and offline benchmarks.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local test server in the foreground.",
        discussion: """
            Serves these endpoints (any method but CONNECT; HEAD gets no body) until interrupted with Ctrl-C (SIGINT) or SIGTERM:

              /                      this list
              /bytes/N               N bytes of application/octet-stream
              /delay/MS              200 after MS milliseconds
              /status/CODE           a response with status CODE
              /redirect/N            a chain of N redirects ending in 200
              /redirect-loop         a redirect to itself, forever
              /redirect-to?url=URL   a redirect to the percent-encoded URL
              /drip?bytes=N&ms=M     N bytes spread over M milliseconds
              /reset                 part of a body, then a TCP reset
              /truncated             a body shorter than its Content-Length
              /slow-headers/MS       the rest of the headers after MS milliseconds
              /headers               the request headers as JSON
              /chunked/N             N bytes, chunked
              /close-delimited/N     N bytes ended by closing the connection
              /retry-after/CODE/S    429 or 503, Retry-After: S (?form=date: a date)
              /limit/N/S/PATH        429, Retry-After: S, while more than N requests are
                                     in flight on this port; PATH (any endpoint) otherwise
              /first/CODE/S/PATH     CODE (429 or 503), Retry-After: S, for the port's
                                     first request of each target; PATH afterwards
              /fault/NAME            broken on purpose (GET / says how): garbage-status,
                                     http09, bad-status-code, bad-chunk-size,
                                     duplicate-length, conflicting-length,
                                     huge-header-line, endless-headers,
                                     endless-continue, gzip-bomb, no-answer

            It listens on loopback only, unless --host says otherwise. With --listeners N
            it listens on N ports (--port, then free ones), each a host to a client, and
            prints one line per port.

            Every port is also a forward proxy for http URLs (no CONNECT): a request sent
            to it as to a proxy (GET http://any.host/PATH) is answered as PATH here, with
            Via: 1.1 cfetch-test-proxy; the host in the URL is never contacted.

            Examples:
              cfetch serve --port 8080 &
              seq 100 | sed 's|.*|http://127.0.0.1:8080/delay/200|' | cfetch -j 20
              cfetch serve --port 8080 --listeners 3   # 8080 and two free ports: 3 hosts
              cfetch -x 127.0.0.1:8080 http://made-up.invalid/bytes/10   # through it as a proxy
            """
    )

    @Option(name: .long, parsing: .unconditional, help: "The TCP port to listen on, 0 to 65535; 0 picks a free one.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on (keep the loopback default unless you mean to expose it).")
    var host: String = "127.0.0.1"

    @Option(
        name: .long,
        help: "How many ports to listen on, 1 to \(TestServer.maxListeners): --port, then free ones; each is a host."
    )
    var listeners: Int = 1

    func validate() throws {
        try OptionRange.integer("--port", 0...65535, note: "0 picks a free port").check(port)
        try OptionRange.integer("--listeners", 1...TestServer.maxListeners).check(listeners)
        guard !host.isEmpty else {
            throw ValidationError("--host must not be empty; use 127.0.0.1 for loopback.")
        }
    }

    func run() throws {
        // Printing to a closed pipe must not kill us; the server's sockets already use MSG_NOSIGNAL.
        signal(SIGPIPE, SIG_IGN)
        let stop = StopSignal(SIGINT, SIGTERM)
        // A port in use is the user's to fix, like a bad option: one line, exit 2 (`ProcessEnding`).
        let server = try TestServer.start(host: host, port: port, listeners: listeners)
        // One line per port on stdout, written at once so none is held in a buffer: scripts wait for them.
        let lines = server.ports.indices.map { "cfetch test server listening on \(server.baseURL(port: $0))\n" }
        var text = lines.joined()
        text.withUTF8 { _ = writeFully(1, UnsafeRawBufferPointer($0)) }
        stop.wait()
        try server.shutdown()
    }
}

/// Waits for a termination signal without letting it kill the process, so the server
/// can shut down cleanly and the command exit 0.
private struct StopSignal {
    private let sources: [any DispatchSourceSignal]
    private let received = DispatchSemaphore(value: 0)

    init(_ signals: Int32...) {
        let received = self.received
        sources = signals.map { number in
            // Ignored at the process level so the dispatch source, not the default action, sees it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received.signal() }
            source.resume()
            return source
        }
    }

    func wait() {
        received.wait()
        for source in sources { source.cancel() }
    }
}
