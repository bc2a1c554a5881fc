/// `404.html`. GitHub Pages serves it for a missing path at any depth, so its links cannot be
/// relative: they start from the base URL's path (`/` or `/repo/`).
struct NotFoundPage {
    let site: Site
    let assets: AssetCatalog
    let hasDocs: Bool

    func render(with theme: Theme) throws(TemplateError) -> OutputFile {
        let frame = PageContext(config: site.config, outputPath: "404.html", kind: "404", title: "Page not found",
                                assets: assets, root: NotFoundPage.rootPath(of: site.config.baseURL), hasDocs: hasDocs)
        return OutputFile(path: "404.html", text: try theme.render("404", context: frame.with(NoContent())))
    }

    /// `/repo/` for `https://org.github.io/repo/`, `/` for `/`.
    static func rootPath(of baseURL: BaseURL) -> String {
        guard baseURL.isAbsolute else { return baseURL.value }
        let afterScheme = baseURL.value.drop(while: { $0 != ":" }).dropFirst(3)
        guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
        return String(afterScheme[slash...])
    }
}
