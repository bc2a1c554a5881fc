import ArgumentParser
import Foundation
import ForgeEmbedded

/// The `forge` command: a thin shell over ForgeKit (all logic lives in the library).
///
/// `build` is the default, so `forge` alone builds the site, as `hugo` does. A first word that
/// names no command is reported as such (with the top-level help), not parsed as an argument of
/// `build`. Exit statuses are in `ExitStatus`.
@main
struct Forge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forge",
        abstract: "Build a static API-keys, usage and docs dashboard from YAML and Markdown.",
        discussion: """
            Run from a folder that holds Content/ (forge new makes one). Exit status: 0 success, \
            1 errors in the content or theme, 2 a wrong command line, 3 output refused or not written.
            """,
        version: Forge.versionText,
        subcommands: [Build.self, Check.self, Serve.self, New.self, ThemeCommand.self, KeysCommand.self],
        defaultSubcommand: Build.self
    )

    /// `forge 0.2.0 (3f1c2a9b8d7e)`, or `forge 0.2.0 (unknown revision)` when built from a tarball.
    static var versionText: String {
        "forge \(ForgeEmbedded.version) (\(ForgeEmbedded.revision ?? "unknown revision"))"
    }

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) {
            FileHandle.standardError.write(Data("error: unknown command \"\(first)\"\n\n\(helpMessage())\n".utf8))
            Foundation.exit(ExitStatus.usageError.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withStatusFor: error)
        }
    }

    /// The words a command line may start with: every subcommand, and `help`.
    static var commandNames: Set<String> {
        Set(configuration.subcommands.map { $0._commandName } + ["help"])
    }

    /// argument-parser's messages, with its validation status (64) reported as a usage error (2).
    static func exit(withStatusFor error: Error) -> Never {
        let status = exitCode(for: error)
        let message = fullMessage(for: error)
        if status == .success {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        Foundation.exit(status == .validationFailure ? ExitStatus.usageError.rawValue : status.rawValue)
    }
}
