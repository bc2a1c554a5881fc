import Foundation

/// What to build, from where, to where: the `forge build` options, resolved to URLs.
public struct BuildOptions: Sendable {
    public var contentDirectory: URL
    public var themesDirectory: URL
    public var outputDirectory: URL
    /// How the three folders are named in messages, as the user wrote them.
    public var contentDisplay: String
    public var themesDisplay: String
    public var outputDisplay: String
    /// `--theme`, overriding `theme:` of site.yaml.
    public var theme: String?
    /// `--base-url`, overriding `base_url:` of site.yaml; the CLI validates it (exit 2).
    public var baseURL: BaseURL?
    /// `--as-of`, overriding everything else that sets "today".
    public var asOf: Day?
    public var includeDrafts: Bool
    /// Warnings (such as broken links) fail the build.
    public var strict: Bool
    /// `SOURCE_DATE_EPOCH`, when set.
    public var sourceDateEpoch: String?
    public var workingDirectory: URL
    public var homeDirectory: URL?
    /// Pages rendered by swift-mustache rather than `CompiledLibrary` (tests hold the two to
    /// the same output).
    var rendersWithMustacheLibrary = false

    public init(content: String = "Content", themes: String = "Themes", output: String = "Output",
                theme: String? = nil, baseURL: BaseURL? = nil, asOf: Day? = nil, includeDrafts: Bool = false,
                strict: Bool = false, sourceDateEpoch: String? = nil,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                homeDirectory: URL? = BuildOptions.defaultHome) {
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
        }
        func display(_ path: String) -> String {
            var path = path
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return path
        }
        contentDirectory = resolve(content).standardizedFileURL
        themesDirectory = resolve(themes).standardizedFileURL
        outputDirectory = resolve(output).standardizedFileURL
        contentDisplay = display(content)
        themesDisplay = display(themes)
        outputDisplay = display(output)
        self.theme = theme
        self.baseURL = baseURL
        self.asOf = asOf
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.sourceDateEpoch = sourceDateEpoch
        self.workingDirectory = workingDirectory
        self.homeDirectory = homeDirectory
    }

    /// `$HOME` as the shell sees it, else the account's home folder.
    public static var defaultHome: URL? {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }
}
