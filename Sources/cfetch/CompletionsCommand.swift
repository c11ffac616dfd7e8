import ArgumentParser

/// `cfetch completions SHELL`: the completion script for bash, zsh or fish, generated from
/// the same parser that reads the command line, so it never lags behind an option.
///
/// argument-parser has a hidden `--generate-completion-script`; this is the documented way
/// to reach it, and what `make install` writes into the shells' completion directories.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            Load it for the current shell, or install it where the shell looks (make install does this for all three):
              source <(cfetch completions bash)
              cfetch completions bash > /usr/local/share/bash-completion/completions/cfetch
              cfetch completions zsh > "${fpath[1]}/_cfetch"
              cfetch completions fish > ~/.config/fish/completions/cfetch.fish
            """
    )

    @Argument(help: ArgumentHelp("bash, zsh or fish.", valueName: "shell"))
    var shell: CompletionShellName

    func run() throws {
        print(CompletionRoot.completionScript(for: shell.completionShell), terminator: "")
    }
}

/// What the shell sees as `cfetch`: the root command with the default command's options and
/// arguments at its top level, as the parser accepts them (`cfetch -j 8 list.txt`).
///
/// argument-parser writes a root's completions from the root's own options only, so
/// `cfetch --ret<TAB>` would offer nothing although `cfetch --retry 3` works; this type
/// exists only to generate the scripts, and takes the options from `FetchCommand`'s own type.
private struct CompletionRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CFetch.configuration.commandName,
        subcommands: CFetch.configuration.subcommands
    )

    @OptionGroup var fetch: FetchCommandOptions
}

/// The shells argument-parser writes completion scripts for.
enum CompletionShellName: String, CaseIterable, ExpressibleByArgument {
    case bash, zsh, fish

    var completionShell: CompletionShell {
        switch self {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
    }
}
