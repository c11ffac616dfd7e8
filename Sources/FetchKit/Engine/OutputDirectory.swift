#if canImport(Glibc)
import Glibc
#endif

/// `-o DIR`: one file per URL, named from its index and a sanitised URL, created inside
/// DIR only, and over an existing file only with `--overwrite`.
struct OutputDirectory: Sendable {
    let path: String
    let existingFiles: ExistingFilePolicy

    /// The file name for a job: `000042-example.com_a_b.html` — no `/`, so never outside
    /// DIR, and no user-info, so no password lands in a file name.
    static func fileName(for job: FetchJob) -> String {
        var name = ""
        for scalar in hostAndPath(of: job.url).unicodeScalars {
            if name.utf8.count >= 120 { break }
            let keep =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "-_.".unicodeScalars.contains(scalar))
            name.unicodeScalars.append(keep ? scalar : "_")
        }
        let index = String(job.index)
        let padded = String(repeating: "0", count: max(0, 6 - index.count)) + index
        return "\(padded)-\(name)"
    }

    /// The URL without its scheme and user-info: `u:p@host/a` → `host/a`.
    private static func hostAndPath(of url: String) -> Substring {
        var rest = Substring(url)
        if let schemeEnd = rest.firstRange(of: "://") { rest = rest[schemeEnd.upperBound...] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        return rest
    }

    /// Where the job's body goes: its `.part` file, opened (and emptied, if a run before
    /// left one), or the skip or refusal its existing final file calls for.
    func destination(for job: FetchJob, limit: Int?) -> BodyDestination {
        let file = "\(path)/\(Self.fileName(for: job))"
        var info = stat()
        if existingFiles != .overwrite, lstat(file, &info) == 0 {
            if existingFiles == .skip { return .skip(path: file) }
            return .refuse(Self.cannotSave(file, reason: "it exists", exists: true))
        }
        let part = file + ".part"
        let fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            return .refuse(Self.cannotSave(file, reason: String(cString: strerror(errno)), exists: false))
        }
        let body = BodyFile(fd: fd, partPath: part, finalPath: file, replacesExisting: existingFiles == .overwrite)
        return .write(BodySink(file: body, limit: limit))
    }

    /// The `output` problem of a body that cannot be saved under `file`.
    static func cannotSave(_ file: String, reason: String, exists: Bool) -> URLProblem {
        let advice = exists ? " (use --skip-existing or --overwrite)" : ""
        return URLProblem(errorClass: .output, message: "cannot save \(file): \(reason)\(advice)")
    }

    /// Creates the directory (and its parents) if needed. Throws a `SystemCallError` when
    /// it cannot, a `UsageError` when the path is there but not a writable directory.
    static func prepare(_ path: String, existingFiles: ExistingFilePolicy) throws -> OutputDirectory {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw SystemCallError(call: "mkdir", errno: errno, context: "cannot create output directory \(path)")
            }
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw UsageError("output path \(path) is not a directory")
        }
        guard access(path, W_OK) == 0 else {
            throw UsageError("output directory \(path) is not writable")
        }
        return OutputDirectory(path: path, existingFiles: existingFiles)
    }
}
