/// `index.html`: the dashboard with its summary cards and the two dialogs.
struct HomePage {
    let site: Site
    let assets: AssetCatalog

    func render(with theme: Theme) throws(TemplateError) -> OutputFile {
        var context = PageContext.make(config: site.config, outputPath: "index.html", kind: "home",
                                       title: site.config.title,
                                       description: "API keys, usage and documentation for \(site.config.title).",
                                       assets: assets)
        context["keyCount"] = site.keys.count
        context["activeKeyCount"] = site.keys.filter { $0.status(asOf: site.asOf) == .active }.count
        context["asOf"] = site.asOf?.description ?? ""
        do {
            context["data"] = [
                "site": try JSONScript.encode(SitePageData(site: site)),
                "keys": try JSONScript.encode(KeysPageData(site: site, spendByKey: nil)),
            ]
        } catch {
            throw TemplateError(.syntax("cannot encode the page data: \(error)"), at: SourceLocation(path: "index.html"))
        }
        return OutputFile(path: "index.html", text: try theme.render("home", context: context))
    }
}
