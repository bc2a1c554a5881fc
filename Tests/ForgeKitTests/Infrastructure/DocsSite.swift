import Foundation
import Testing
@testable import ForgeKit

/// A docs folder written from `files`, loaded and rendered with the repository's default
/// theme, as `forge build` would: the output files (the search index's included) by path, and
/// the load's diagnostics.
struct DocsSite {
    let set: DocSet
    let diagnostics: Diagnostics
    let output: DocsRenderer.Output
    let files: [String: String]

    init(_ docs: [String: String], includeDrafts: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryDirectory()
        try folder.write(docs)
        var diagnostics = Diagnostics()
        set = DocsLoader.load(directory: folder.url, displayDirectory: "Content/docs", includeDrafts: includeDrafts, diagnostics: &diagnostics)
        self.diagnostics = diagnostics
        let theme = try Theme.load(themesDirectory: ForgeProcess.repository.appendingPathComponent("Themes"), displayDirectory: "Themes", name: "default")
        let config = SiteConfig(title: "NexusAI Forge", organization: "Example Labs")
        // As SiteBuilder does: the search index first, for its path.
        let search = SearchIndex(documents: set.docs.map(DocsRenderer.searchDocument)).output()
        output = try DocsRenderer(docs: set, config: config, assets: AssetCatalog(theme: theme), searchIndex: search.manifestPath).render(with: theme)
        var files: [String: String] = [:]
        for file in output.files + search.files { files[file.path] = String(decoding: file.bytes, as: UTF8.self) }
        self.files = files
    }

    subscript(path: String) -> String { files[path] ?? "" }

    /// The lines of `path` between the line containing `start` and the next containing `end`.
    func section(_ path: String, from start: String, to end: String) -> String {
        let lines = self[path].split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { $0.contains(start) }),
              let last = lines[first...].firstIndex(where: { $0.contains(end) }) else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}
