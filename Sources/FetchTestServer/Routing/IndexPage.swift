/// The plain-text body of `/`: what a person running `cfetch serve` can ask for.
enum IndexPage {
    static let text: String =
        """
        cfetch test server

        GET /                         this list
        GET /bytes/N                  N bytes of application/octet-stream (N <= 10 GiB)
        GET /delay/MS                 200 after MS milliseconds (MS <= 600000)
        GET /status/CODE              respond with status CODE (200-599)
        GET /redirect/N               302 chain: /redirect/N-1 ... /redirect/0 answers "done"
        GET /redirect-loop            302 to itself, forever
        GET /redirect-to?url=URL      302 to the percent-encoded URL (&status=301|302|303|307|308)
        GET /drip?bytes=N&ms=M        N bytes spread over M milliseconds (defaults 10, 1000)
        GET /reset                    part of a body, then a TCP reset
        GET /truncated                Content-Length 10000 but only 1000 bytes, then close
        GET /slow-headers/MS          status line now, the rest of the headers after MS ms
        GET /headers                  the request headers as a JSON object
        GET /chunked/N                N bytes, chunked (no Content-Length)
        GET /close-delimited/N        N bytes, no Content-Length, no chunking: the close ends the body
        GET /retry-after/CODE/S       CODE (429 or 503), Retry-After: S seconds (?form=date: as an HTTP-date)
        GET /robots.txt               this port's robots.txt as the test set it (404 until then)
        ANY /echo                     the request as JSON: method, target, headers, body (text and
                                      base64), cookies; every endpoint takes any method but CONNECT
        GET /set-cookie/NAME/VALUE    200 with Set-Cookie: NAME=VALUE; Path=/
        GET /basic-auth/USER/PASS     200 with those basic credentials, else 401 (WWW-Authenticate)

        Throttling rules, per port (each port is a host); PATH is any endpoint above, served when
        the rule lets the request through; S = 0 sends no Retry-After:

        GET /limit/N/S/PATH           429, Retry-After: S, while more than N requests are in flight
                                      on this port, this one included (N <= 1000000, S <= 86400)
        GET /first/CODE/S/PATH        CODE (429 or 503), Retry-After: S, for the first request of
                                      this exact target (path and query) on this port; PATH after

        Faults (exact bytes, below the HTTP encoder):

        """ + "\n" + ResponseFault.allCases.map(faultLine).joined() + "\n"

    private static func faultLine(_ fault: ResponseFault) -> String {
        let path = "/fault/" + fault.rawValue
        return "GET " + path + String(repeating: " ", count: max(1, 30 - path.count)) + fault.summary + "\n"
    }
}
