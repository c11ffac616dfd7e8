import FetchKit

#if canImport(Glibc)
import Glibc
#endif

/// How one tool runs the benchmark's list: its command line, and the input files written
/// for it once per benchmark (removed at the end, as the list's copy is).
struct ToolInvocation: Sendable {
    let tool: ExternalTool
    let argv: [String]
    /// Where the tool writes what it downloads (aria2c cannot write to /dev/null):
    /// emptied after every run, removed at the end.
    let scratchDirectory: String?
    /// The URLs in the list: what every transfer count is out of.
    let expected: Int

    /// Writes the tool's input in `directory` (registered with `files` for removal) and
    /// builds its command line.
    init(
        tool: ExternalTool, executable: String, list: ToolList, concurrency: Int, options: ExternalToolOptions,
        directory: String, files: inout [TemporaryListFile], cancellation: BenchCancellation
    ) throws(SystemCallError) {
        self.tool = tool
        expected = list.urls.count
        let stem = "\(directory)/cfetch-bench-\(getpid())-\(tool.rawValue)"
        let parallel = String(min(concurrency, tool.concurrencyLimit ?? concurrency))
        switch tool {
        case .curl:
            let config = list.urls.map { "url = \"\(Self.quoted($0))\"\noutput = \"/dev/null\"" }
            let file = try TemporaryListFile(lines: config, path: stem + ".cfg", cancellation: cancellation)
            files.append(file)
            argv =
                [
                    executable, "-s", "--no-progress-meter", "--parallel", "--parallel-immediate", "--parallel-max",
                    parallel, "-w", "%{http_code}\\n", "-K", file.path,
                ] + (options.insecure ? ["-k"] : []) + (options.followRedirects ? ["-L"] : [])
            scratchDirectory = nil
        case .wget2:
            let file = try TemporaryListFile(lines: list.urls, path: stem + ".txt", cancellation: cancellation)
            files.append(file)
            argv =
                [
                    executable, "--no-config", "--no-robots", "--no-hsts", "--no-hpkp", "--no-ocsp", "--tries=1", "-q",
                    "--max-threads=\(parallel)", "-i", file.path, "-O", "/dev/null", "--stats-site=csv:/dev/stdout",
                ] + (options.insecure ? ["--no-check-certificate"] : [])
                + (options.followRedirects ? [] : ["--max-redirect=0"])
            scratchDirectory = nil
        case .aria2c:
            // Each URL to a file named by its index, so two URLs never share a file.
            let input = list.urls.enumerated().map { "\($1)\n  out=\($0)" }
            let file = try TemporaryListFile(lines: input, path: stem + ".txt", cancellation: cancellation)
            files.append(file)
            let scratch = "\(Self.scratchParent(directory))/cfetch-bench-\(getpid())-aria2c.d"
            scratchDirectory = scratch
            argv =
                [
                    executable, "--no-conf=true", "-i", file.path, "-d", scratch, "-j", parallel, "--split=1",
                    "--max-tries=1", "--allow-overwrite=true", "--auto-file-renaming=false", "--file-allocation=none",
                    "--remote-time=false", "--conditional-get=false", "--console-log-level=error",
                    "--summary-interval=0", "--show-console-readout=false",
                    // It reports only the last 1,000 results unless told otherwise.
                    "--max-download-result=\(list.urls.count)",
                ] + (options.insecure ? ["--check-certificate=false"] : [])
        case .h2load:
            let file = try TemporaryListFile(lines: list.urls, path: stem + ".txt", cancellation: cancellation)
            files.append(file)
            let plain = list.commonOrigin?.scheme == "http"
            argv =
                [executable] + (plain ? ["--h1"] : [])
                + [
                    "-n", String(list.urls.count), "-c", String(min(concurrency, max(1, list.urls.count))), "-i",
                    file.path,
                ]
            scratchDirectory = nil
        }
    }

    /// Where aria2c's downloads go: memory (`/dev/shm`) when the machine has it, so that
    /// what is measured is the tool and not the disk (on a disk, creating and syncing a
    /// file per URL took it ten times as long); else `directory`.
    static func scratchParent(_ directory: String) -> String {
        access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : directory
    }

    /// Why this tool cannot run this list, if it cannot.
    static func refusal(_ tool: ExternalTool, list: ToolList) -> String? {
        if list.urls.isEmpty { return "the list has no URL" }
        if tool == .h2load && list.commonOrigin == nil {
            return "h2load needs every URL on one origin (scheme, host and port)"
        }
        return nil
    }

    /// A URL inside a curl config file's double quotes: `\` and `"` escaped.
    private static func quoted(_ url: String) -> String {
        url.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
    }
}
