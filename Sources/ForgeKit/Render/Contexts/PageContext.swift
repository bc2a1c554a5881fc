/// What every page's template sees (`baseof`): where the site's root is, the site, the page and
/// the assets. A page kind adds its own values beside these (`with(_:)`).
struct PageContext: Encodable {
    /// `""` for `index.html`, `"../"` for `docs/x.html`: every link is relative to the page.
    var root: String
    var site: SiteValues
    var page: PageValues
    /// `asset.css.base`, `asset.js.dialog`: fingerprinted paths from the root.
    var asset: AssetFolder

    struct SiteValues: Encodable {
        var title: String
        /// `<html lang>`.
        var lang: String
        /// Whether the site has a docs section to link to.
        var hasDocs: Bool
        var organization: String?
    }

    struct PageValues: Encodable {
        var title: String
        /// `home`, `doc`, `docs-index`, `404`, `api-…`: the layout.
        var kind: String
        var path: String
        var isHome: Bool
        var isDocs: Bool
        /// nil when empty: Mustache treats "" as true and would write an empty meta tag.
        var description: String?
        /// The absolute URL, when `base_url` is absolute.
        var canonical: String?
        /// What `<title>` shows: "Errors · NexusAI Forge", or the site title alone on home.
        var docTitle: String
    }

    /// - Parameter hasDocs: whether the site has a docs section to link to.
    /// - Parameter root: overrides the relative root (404.html uses the base URL's path,
    ///   because GitHub Pages serves it at any depth).
    init(config: SiteConfig, outputPath: String, kind: String, title: String, description: String? = nil,
         assets: AssetCatalog, root: String? = nil, hasDocs: Bool = false) {
        self.root = root ?? PageContext.relativeRoot(for: outputPath)
        site = SiteValues(title: config.title, lang: config.language, hasDocs: hasDocs, organization: config.organization)
        let canonicalPath = outputPath == "index.html" ? "" : outputPath
        page = PageValues(title: title, kind: kind, path: outputPath, isHome: kind == "home", isDocs: kind == "doc" || kind == "docs-index",
                          description: description.flatMap { $0.isEmpty ? nil : $0 },
                          canonical: config.baseURL.absoluteURL(for: canonicalPath),
                          docTitle: title == config.title ? title : "\(title) · \(config.title)")
        asset = assets.templateValue
    }

    /// The page's context: this frame and the values its kind adds.
    func with<Content: Encodable>(_ content: Content) -> MergedContext<PageContext, Content> {
        MergedContext(self, content)
    }

    /// `""` for `index.html`, `"../"` for `docs/x.html`, `"../../"` for `docs/a/x.html`.
    static func relativeRoot(for outputPath: String) -> String {
        let depth = outputPath.split(separator: "/", omittingEmptySubsequences: true).count - 1
        return String(repeating: "../", count: max(0, depth))
    }
}

/// A page with no values of its own beyond the frame (404).
struct NoContent: Encodable {}
