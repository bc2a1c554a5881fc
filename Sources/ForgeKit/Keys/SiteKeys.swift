import Foundation

/// What the `forge keys` commands need of a site: `site.yaml` and the keys (`keys.yaml` and the
/// key files), read with the same checks as a build (links out of `Content/` stop everything
/// before a byte is read) but without usage, plans or docs, so they answer at once on a site
/// with a million usage records.
public struct SiteKeys: Sendable {
    public let config: SiteConfig
    public let keys: [APIKey]
    public let contentDirectory: URL
    /// How messages name the content folder (`Content`).
    public let displayDirectory: String

    /// The site's keys, or nil with the problems in `diagnostics` (every one, located).
    public static func load(contentDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> SiteKeys? {
        guard FileManager.default.fileExists(atPath: contentDirectory.path) else {
            diagnostics.report(.missingFile("there is no content folder here; run forge keys where Content/ is, or name it with "
                + "--content DIR"),
                               at: SourceLocation(path: displayDirectory))
            return nil
        }
        let unsafe = SafePath.dataFileProblems(contentDirectory: contentDirectory, displayDirectory: displayDirectory)
        for problem in unsafe { diagnostics.report(problem.reason, at: SourceLocation(path: problem.displayPath)) }
        guard unsafe.isEmpty else { return nil }
        let config = SiteConfigLoader.load(contentDirectory: contentDirectory, displayDirectory: displayDirectory,
            diagnostics: &diagnostics)
        let (keys, _) = KeysLoader.load(dataDirectory: contentDirectory.appendingPathComponent("data"),
            displayDirectory: displayDirectory + "/data",
                                        siteScopes: config?.scopes ?? [], diagnostics: &diagnostics)
        diagnostics.secretRedactor = SecretScanner(keys: keys)
        guard let config, !diagnostics.hasErrors else { return nil }
        return SiteKeys(config: config, keys: keys, contentDirectory: contentDirectory, displayDirectory: displayDirectory)
    }

    init(config: SiteConfig, keys: [APIKey], contentDirectory: URL, displayDirectory: String) {
        self.config = config
        self.keys = keys
        self.contentDirectory = contentDirectory
        self.displayDirectory = displayDirectory
    }

    /// `Content/data/keys`
    var keysFolder: URL { contentDirectory.appendingPathComponent("data").appendingPathComponent(KeyFilesLoader.folderName) }

    /// The file a message path names (`Content/data/keys.yaml` → `<content>/data/keys.yaml`),
    /// when it is inside the content folder.
    func url(ofDisplayPath path: String) -> URL? {
        let prefix = displayDirectory + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let relative = String(path.dropFirst(prefix.count))
        guard !relative.split(separator: "/").contains("..") else { return nil }
        return contentDirectory.appendingPathComponent(relative)
    }

    /// Whether `relativePath` (as `url(ofDisplayPath:)` takes it) is `data/keys.yaml` (or `.yml`,
    /// `.json`): a list of keys rather than a key file.
    func isKeysList(_ displayPath: String) -> Bool {
        DataFile.extensions.map { "\(displayDirectory)/data/keys.\($0)" }.contains(displayPath)
    }
}
