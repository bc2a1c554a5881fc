/// The template context every page starts from: where the root is, the site, the page, the assets.
public enum PageContext {
    /// `""` for `index.html`, `"../"` for `docs/x.html`, `"../../"` for `docs/a/x.html`.
    public static func relativeRoot(for outputPath: String) -> String {
        let depth = outputPath.split(separator: "/", omittingEmptySubsequences: true).count - 1
        return String(repeating: "../", count: max(0, depth))
    }

    /// - Parameter hasDocs: whether the site has a docs section to link to.
    /// - Parameter root: overrides the relative root (404.html uses the base URL's path,
    ///   because GitHub Pages serves it at any depth).
    public static func make(config: SiteConfig, outputPath: String, kind: String, title: String,
                            description: String? = nil, assets: AssetCatalog, root: String? = nil,
                            hasDocs: Bool = false) -> [String: Any] {
        var site: [String: Any] = ["title": config.title, "lang": config.language, "hasDocs": hasDocs]
        if let organization = config.organization { site["organization"] = organization }
        var page: [String: Any] = [
            "title": title,
            "kind": kind,
            "path": outputPath,
            "isHome": kind == "home",
            "isDocs": kind == "doc" || kind == "docs-index",
        ]
        if let description, !description.isEmpty { page["description"] = description }
        let canonicalPath = outputPath == "index.html" ? "" : outputPath
        if let canonical = config.baseURL.absoluteURL(for: canonicalPath) { page["canonical"] = canonical }
        // `docTitle` is what <title> shows: "Errors · NexusAI Forge", or the site title alone on home.
        page["docTitle"] = title == config.title ? title : "\(title) · \(config.title)"
        return [
            "root": root ?? relativeRoot(for: outputPath),
            "site": site,
            "page": page,
            "asset": assets.templateValue,
        ]
    }
}
