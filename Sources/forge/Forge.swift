import ArgumentParser

/// The `forge` command: a thin shell over ForgeKit (all logic lives in the library).
@main
struct Forge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forge",
        abstract: "Build a static API-keys, usage and docs dashboard from YAML and Markdown.",
        subcommands: [Build.self, Check.self, Serve.self],
        defaultSubcommand: Build.self
    )
}
