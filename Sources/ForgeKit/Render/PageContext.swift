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
        let site: [String: Any] = ["title": config.title, "lang": config.language, "hasDocs": hasDocs,
                                   "organization": config.organization.orTemplateNull]
        var page: [String: Any] = [
            "title": title,
            "kind": kind,
            "path": outputPath,
            "isHome": kind == "home",
            "isDocs": kind == "doc" || kind == "docs-index",
        ]
        page["description"] = description.flatMap { $0.isEmpty ? nil : $0 }.orTemplateNull
        let canonicalPath = outputPath == "index.html" ? "" : outputPath
        page["canonical"] = config.baseURL.absoluteURL(for: canonicalPath).orTemplateNull
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
