import ArgumentParser
import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// What each request sends, with curl's letters and meanings: the method, the body, basic
/// auth and cookies.
struct RequestOptions: ParsableArguments {
    @Option(
        name: [.customShort("X", allowingJoined: true), .customLong("request")],
        help: ArgumentHelp(
            "Send this method instead of the implied one (GET; POST with a body; HEAD with -I), kept across "
                + "redirects (-L) as in curl. -X POST with a body is the implied POST, which a 301, 302 or 303 "
                + "turns into a GET (curl would keep it).",
            valueName: "METHOD"))
    var method: String?

    @Option(
        name: [.customShort("d", allowingJoined: true), .customLong("data")],
        help: ArgumentHelp(
            "POST this body, as curl's -d (repeatable: joined with &). @FILE reads a file as curl does, without "
                + "its newlines; @- reads stdin when the URLs do not come from it.",
            valueName: "DATA|@FILE"))
    var data: [String] = []

    @Option(
        name: .customLong("data-binary"),
        help: ArgumentHelp(
            "POST this body exactly (repeatable: joined with &); @FILE is read once at start-up, as it is, and "
                + "sent by every request.",
            valueName: "DATA|@FILE"))
    var dataBinary: [String] = []

    @Option(
        name: .customLong("json"),
        help: ArgumentHelp(
            "POST this JSON body (repeatable: concatenated) with Content-Type and Accept application/json, "
                + "unless -H names them.",
            valueName: "DATA|@FILE"))
    var json: [String] = []

    @Flag(name: [.customShort("I"), .customLong("head")], help: "Send HEAD: the response's head only, no body.")
    var head = false

    @Option(
        name: [.customShort("u", allowingJoined: true), .customLong("user")],
        help: ArgumentHelp(
            "HTTP basic auth, sent to each URL's own host (not to another host a redirect leads to). The "
                + "password is never printed; cfetch does not prompt for one.",
            valueName: "USER:PASSWORD"))
    var user: String?

    @Option(
        name: [.customShort("b", allowingJoined: true), .customLong("cookie")],
        help: ArgumentHelp(
            "Cookies, as curl's -b (repeatable): NAME=VALUE[; N2=V2] is sent as given with every request; "
                + "anything else is a cookie file (Netscape/curl jar format) read at start-up into the run's "
                + "cookie store, which every transfer then uses and adds to.",
            valueName: "DATA|FILE"))
    var cookie: [String] = []

    @Option(
        name: [.customShort("c", allowingJoined: true), .customLong("cookie-jar")],
        help: ArgumentHelp(
            "Write every cookie of the run's store to FILE when the run ends (also when interrupted), in curl's "
                + "jar format (curl -b FILE reads it). One store is shared by every transfer: a cookie one "
                + "response sets is sent by later requests to its host.",
            valueName: "FILE"))
    var cookieJar: String?

    func validate() throws {
        let bodies = [("-d/--data", !data.isEmpty), ("--data-binary", !dataBinary.isEmpty), ("--json", !json.isEmpty)]
            .filter(\.1).map(\.0)
        if head || method == "HEAD", let first = bodies.first {
            throw ValidationError("\(head ? "-I/--head" : "-X HEAD") sends no body: it cannot be used with \(first)")
        }
        if head, let method, method != "HEAD" {
            throw ValidationError("-I/--head and -X \(method) ask for two methods: give one")
        }
        if bodies.count > 1 {
            throw ValidationError("\(bodies[0]) and \(bodies[1]) cannot be used together: give the body one way")
        }
        if let method,
            method.isEmpty || method.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } ?? true })
        {
            throw ValidationError("-X/--request needs a method name (letters, no spaces), as in -X PUT")
        }
        if let user, !user.contains(":") {
            throw ValidationError("-u/--user needs USER:PASSWORD (cfetch does not prompt for a password)")
        }
        if cookie.contains("-") { throw ValidationError("-b -: cookies are not read from stdin; name a file") }
        if cookieJar?.isEmpty == true { throw ValidationError("-c/--cookie-jar needs a file") }
    }

    /// `-u`'s password, overwritten in the process's argument list (see `PasswordArgument`).
    func hidePasswordFromProcessList() {
        guard let user, let colon = user.firstIndex(of: ":") else { return }
        PasswordArgument.hide(user: String(user[..<colon]), password: String(user[user.index(after: colon)...]))
    }

    /// Whether a body is read from stdin (`@-`), which a run can allow only when its URLs
    /// do not come from there.
    var readsStandardInput: Bool {
        (data + dataBinary + json).contains("@-")
    }

    /// The run's request settings: bodies and cookie files are read here, once.
    func httpRequestOptions() throws -> HTTPRequestOptions {
        var request = HTTPRequestOptions()
        request.method = method
        request.headOnly = head
        if !data.isEmpty {
            let pieces = try data.map { try Self.content(of: $0, strippingNewlines: true) }
            request.body = RequestBody(Array(pieces.joined(separator: [UInt8(ascii: "&")])))
        } else if !dataBinary.isEmpty {
            let pieces = try dataBinary.map { try Self.content(of: $0, strippingNewlines: false) }
            request.body = RequestBody(Array(pieces.joined(separator: [UInt8(ascii: "&")])))
        } else if !json.isEmpty {
            request.body = RequestBody(
                Array(try json.map { try Self.content(of: $0, strippingNewlines: false) }.joined()))
            request.json = true
        }
        if let user, let colon = user.firstIndex(of: ":") {
            request.credentials = Credentials(
                user: String(user[..<colon]), password: String(user[user.index(after: colon)...]))
        }
        // As in curl: a value with '=' is a cookie string, anything else names a file.
        let strings = cookie.filter { $0.contains("=") }
        let files = cookie.filter { !$0.contains("=") }
        if !strings.isEmpty { request.cookieHeader = strings.joined(separator: "; ") }
        if !files.isEmpty || cookieJar != nil {
            request.cookies = try CookieShare(cookieFiles: files, jarPath: cookieJar)
        }
        return request
    }

    /// A body argument's bytes: the text itself, or a file's (`@FILE`, `@-` for stdin),
    /// without CR and LF when curl's -d would strip them.
    private static func content(of argument: String, strippingNewlines: Bool) throws -> [UInt8] {
        guard argument.hasPrefix("@") else { return Array(argument.utf8) }
        let path = String(argument.dropFirst())
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(path: path, errno: errno) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = readSome(fd, into: &buffer)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(path: path == "-" ? "stdin" : path, errno: errno)
            }
            bytes += buffer[..<count]
        }
        return strippingNewlines ? Self.asCurlReadsText(bytes) : bytes
    }

    /// A file as curl's -d @FILE reads it: `fgets` into 256 bytes, each piece cut at its
    /// first CR, LF or NUL. So newlines go, and so does the rest of a line after a CR or NUL.
    static func asCurlReadsText(_ bytes: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && end - start < 255 {
                end += 1
                if bytes[end - 1] == UInt8(ascii: "\n") { break }
            }
            let cut = bytes[start..<end].firstIndex { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") || $0 == 0 }
            text += bytes[start..<(cut ?? end)]
            start = end
        }
        return text
    }
}
