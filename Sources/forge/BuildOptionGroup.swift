import ArgumentParser
import Foundation
import ForgeKit

/// The options shared by `build` and `check` (PRODUCT.md §4).
struct BuildOptionGroup: ParsableArguments {
    @Option(help: "The content folder (site.yaml, data/, docs/).")
    var content = "Content"

    @Option(help: "The themes folder (optional: the default theme is built in).")
    var themes = "Themes"

    @Option(help: "The theme to use, overriding `theme:` in site.yaml.")
    var theme: String?

    @Option(help: "The output folder; replaced atomically on success.")
    var output = "Output"

    @Option(name: .customLong("base-url"), help: "Where the site is published (\"/\", \"/repo/\" or https://…), overriding site.yaml.")
    var baseURL: String?

    @Option(name: .customLong("as-of"), help: "\"Today\" for the dashboard (YYYY-MM-DD, UTC), overriding as_of and SOURCE_DATE_EPOCH.")
    var asOf: String?

    @Flag(help: "Include docs marked `draft: true`.")
    var drafts = false

    @Flag(help: "Treat warnings (such as broken links) as errors.")
    var strict = false

    @Option(help: "How to print problems: text, json, or github (workflow annotations).")
    var format: DiagnosticFormat = .text

    @Flag(name: .shortAndLong, help: "Print errors only: no warnings, no summary.")
    var quiet = false

    /// Mistakes in the command line itself are usage errors (exit 2), found before any file is read.
    func validate() throws {
        if let asOf, Day(parsing: asOf) == nil {
            throw ValidationError("--as-of must be a UTC day written YYYY-MM-DD, found \"\(asOf)\"")
        }
        if let baseURL, case .failure(let problem) = BaseURL.parse(baseURL) {
            throw ValidationError("--base-url \"\(TerminalText.visible(baseURL))\" \(problem)")
        }
        if let theme {
            let folder = themes.hasPrefix("/") ? URL(fileURLWithPath: themes)
                : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(themes)
            if let problem = Theme.problem(withName: theme, themesDirectory: folder.standardizedFileURL, displayDirectory: themes) {
                throw ValidationError("--theme: \(problem)")
            }
        }
    }

    func buildOptions() -> BuildOptions {
        BuildOptions(content: content, themes: themes, output: output, theme: theme, baseURL: baseURL.flatMap { BaseURL($0) },
                     asOf: asOf.flatMap { Day(parsing: $0) }, includeDrafts: drafts, strict: strict,
                     sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
