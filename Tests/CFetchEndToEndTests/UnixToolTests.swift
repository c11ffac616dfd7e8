import Foundation
import Testing

/// cfetch as a well-behaved Unix tool: completion scripts written by the parser (offering
/// the default command's options at the top level, as the parser accepts them), and
/// `make install` putting the binary, the man page and the completions in place.
@Suite("Completions, man page and make install")
struct UnixToolTests {
    /// The top of the source tree (this file is Tests/CFetchEndToEndTests/UnixToolTests.swift).
    static let sourceRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// What bash's completion offers for the words of `line` (the last one being completed).
    static func bashCompletions(script: String, _ words: [String]) async throws -> [String] {
        let quoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let program = """
            shopt -s extglob
            source /dev/stdin
            COMP_WORDS=(\(quoted)); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
            _cfetch cfetch "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await ChildProcess.run(
            "/bin/bash", ["-c", program], stdin: .data(Data(script.utf8)), timeout: .seconds(20))
        #expect(result.exited(0), "\(result)")
        return result.stdoutLines.filter { !$0.isEmpty }
    }

    @Test("bash completion offers the default command's options at the top level, and each subcommand's own")
    func bashCompletion() async throws {
        let generated = try await CFetchBinary.run(["completions", "bash"])
        #expect(generated.exited(0), "\(generated)")
        let script = generated.stdoutText
        #expect(
            try await Self.bashCompletions(script: script, ["cfetch", "--retry-ma"]).sorted() == [
                "--retry-max-delay", "--retry-max-time",
            ])
        #expect(try await Self.bashCompletions(script: script, ["cfetch", "fetch", "--per-h"]) == ["--per-host"])
        #expect(try await Self.bashCompletions(script: script, ["cfetch", "--strategy", "g"]) == ["green"])
        #expect(
            try await Self.bashCompletions(script: script, ["cfetch", "bench", "--rep"]).sorted() == [
                "--repeat", "--report",
            ])
        #expect(try await Self.bashCompletions(script: script, ["cfetch", "completions", "z"]) == ["zsh"])
        #expect(try await Self.bashCompletions(script: script, ["cfetch", "se"]) == ["serve"])
    }

    @Test("every long option of cfetch fetch --help is completed at the top level (bash) and in every shell's script")
    func completionsCoverEveryFetchOption() async throws {
        let help = try await CFetchBinary.run(["fetch", "--help"])
        #expect(help.exited(0), "\(help)")
        // The option lines of the help: "  -j, --concurrency <n>   …" or "  --per-host <N>   …".
        let optionLine = /^  (?:-\S, )?(--[a-z0-9.-]+)/
        let options = Set(
            help.stdoutLines.compactMap { line in line.firstMatch(of: optionLine).map { String($0.1) } }
                .filter { $0 != "--version" && $0 != "--help" })
        #expect(options.count > 30, "\(options)")
        let bash = try await CFetchBinary.run(["completions", "bash"])
        let root =
            bash.stdoutText.components(separatedBy: "\n_cfetch() {").dropFirst().first?
            .components(separatedBy: "\n}\n").first ?? ""
        let missingAtTop = options.filter { !root.contains($0) }
        #expect(missingAtTop.isEmpty, "cfetch --<TAB> does not offer \(missingAtTop.sorted())")
        for shell in ["bash", "zsh", "fish"] {
            let script = try await CFetchBinary.run(["completions", shell])
            #expect(script.exited(0), "\(script)")
            // fish names long options without their dashes ('retry=', 'j/concurrency=').
            let missing = options.filter { option in
                let name = option.dropFirst(2)
                return !script.stdoutText.contains(option) && !script.stdoutText.contains("'\(name)")
                    && !script.stdoutText.contains("/\(name)")
            }
            #expect(missing.isEmpty, "\(shell) completion lacks \(missing.sorted())")
        }
    }

    @Test("cfetch --help lists the common fetch options, each of them an option cfetch fetch takes")
    func rootHelpListsCommonOptions() async throws {
        let root = try await CFetchBinary.run(["--help"])
        let fetch = try await CFetchBinary.run(["fetch", "--help"])
        #expect(root.exited(0) && fetch.exited(0))
        let section = try #require(
            root.stdoutText.components(separatedBy: "Common options").dropFirst().first?
                .components(separatedBy: "\n\n").first, "\(root.stdoutText)")
        let named = section.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map(String.init).filter { $0.hasPrefix("-") && $0.count > 1 }
        #expect(named.count > 50, "\(named)")
        let fetchOptions = Set(
            fetch.stdoutLines.flatMap { line in
                line.matches(of: /(?:^|\s|, )(--?[A-Za-z0-9][A-Za-z0-9.-]*)/).map { String($0.1) }
            })
        let unknown = named.filter { !fetchOptions.contains($0) }
        #expect(unknown.isEmpty, "the root help names options fetch does not take: \(unknown)")
    }

    @Test("an unknown shell is a usage error")
    func unknownShell() async throws {
        let result = try await CFetchBinary.run(["completions", "tcsh"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stdoutText.isEmpty)
    }

    @Test("make install-files puts the stripped binary, the man page and three completions under PREFIX")
    func install() async throws {
        let binary = try CFetchBinary.path()
        try await withTemporaryDirectory { directory in
            let prefix = directory.file("prefix")
            let make = try await ChildProcess.run(
                "/usr/bin/env",
                ["make", "-s", "-C", Self.sourceRoot, "install-files", "BINARY=\(binary)", "PREFIX=\(prefix)"],
                timeout: .seconds(120))
            #expect(make.exited(0), "\(make)")
            let installed = [
                "bin/cfetch", "share/man/man1/cfetch.1", "share/bash-completion/completions/cfetch",
                "share/zsh/site-functions/_cfetch", "share/fish/vendor_completions.d/cfetch.fish",
            ]
            for path in installed {
                let size = (try? FileManager.default.attributesOfItem(atPath: prefix + "/" + path)[.size] as? Int) ?? 0
                #expect(size > 1000, "\(path) is missing or nearly empty")
            }
            let version = try await ChildProcess.run(prefix + "/bin/cfetch", ["--version"])
            #expect(version.exited(0) && version.stdoutText.hasPrefix("cfetch "), "\(version)")
            let bash = try await ChildProcess.run(
                "/bin/bash", ["-n", prefix + "/share/bash-completion/completions/cfetch"])
            #expect(bash.exited(0), "\(bash)")
            let manual = try String(contentsOfFile: prefix + "/share/man/man1/cfetch.1", encoding: .utf8)
            #expect(manual.contains(".Dt CFETCH 1") && manual.contains("--per-host"))
        }
    }
}
