import Foundation
import PackagePlugin

/// Compiles the default theme, the starter site of `forge new`, and the version and git
/// revision into the `ForgeEmbedded` target, so that one `forge` binary works anywhere.
///
/// `Themes/default/` and `Starter/` stay the one source: the target reaches them through two
/// symbolic links (`Sources/ForgeEmbedded/default-theme`, `…/starter`), which makes their files
/// part of the target, so SwiftPM plans again when a file is added or removed and reruns the
/// command when one changes. `embed.sh` writes the Swift (base64 string literals: they compile
/// in a moment, where a `[UInt8]` literal of the same bytes takes the type checker minutes).
@main
struct EmbedForgeFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let module = target.sourceModule else { return [] }
        let package = context.package.directoryURL
        let script = package.appending(path: "Plugins/EmbedForgeFiles/embed.sh")
        let shell = URL(fileURLWithPath: "/bin/sh")
        let embedded = module.sourceFiles.map(\.url).filter { !$0.path.hasSuffix(".swift") }
        let filesOutput = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFileTable.swift")
        let infoOutput = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        var environment: [String: String] = [:]
        for name in ["FORGE_REVISION", "FORGE_REPOSITORY"] {
            if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { environment[name] = value }
        }
        return [
            .buildCommand(displayName: "Embedding the default theme and the starter site",
                          executable: shell,
                          arguments: [script.path, "files", filesOutput.path,
                                      package.appending(path: "Themes/default").path, package.appending(path: "Starter").path],
                          inputFiles: [script] + embedded, outputFiles: [filesOutput]),
            .buildCommand(displayName: "Recording the version and git revision",
                          executable: shell,
                          arguments: [script.path, "info", infoOutput.path, package.path],
                          environment: environment,
                          inputFiles: [script, package.appending(path: "VERSION")] + gitInputs(package),
                          outputFiles: [infoOutput]),
        ]
    }

    /// The files that change whenever the checked-out commit or the origin remote does: `HEAD`,
    /// its reflog and the config (in a worktree, `.git` is a file naming the real folder, and
    /// `commondir` the shared one). None in a tarball without `.git`.
    private func gitInputs(_ package: URL) -> [URL] {
        let dotGit = package.appending(path: ".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return [] }
        var gitDirectory = dotGit
        if !isDirectory.boolValue {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir: ") }) else { return [] }
            let path = String(line.dropFirst("gitdir: ".count))
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        var common = gitDirectory
        if let text = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDirectory.appending(path: path)
        }
        return [gitDirectory.appending(path: "HEAD"), gitDirectory.appending(path: "logs/HEAD"), common.appending(path: "config")]
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
