import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// What the LIST arguments of `cfetch fetch` and `cfetch enqueue` name, in argument order
/// so that the indexes follow it: an argument that starts as an http(s) URL is a list of
/// that one URL (as curl takes its arguments); anything else names a list file. With no
/// argument the list is stdin, unless stdin is a terminal.
enum ListArguments {
    /// The sources `lists` names. A file that cannot be opened is an `InputError`; no
    /// argument with stdin a terminal is a usage error ending with `hint`, if any.
    static func sources(_ lists: [String], hint: String? = nil) throws -> [InputSource] {
        if lists.isEmpty {
            guard isatty(STDIN_FILENO) == 0 else {
                throw UsageError(
                    "no URLs: give URLs or a LIST file, or pipe URLs to stdin" + (hint.map { " (\($0))" } ?? ""))
            }
            return [.standardInput]
        }
        return try lists.map { (argument) throws(InputError) in
            isURL(argument) ? InputSource.lines([argument]) : try InputSource.file(argument)
        }
    }

    /// Whether `argument` is a URL rather than a file name. A file whose name starts with
    /// `http://` can still be read as `./http:…`.
    static func isURL(_ argument: String) -> Bool {
        let lowered = argument.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
