/// `index.html`: the dashboard with its summary cards and the two dialogs.
struct HomePage {
    let site: Site
    let assets: AssetCatalog
    let usage: UsagePresenter

    func render(with theme: Theme) throws(TemplateError) -> OutputFile {
        var context = PageContext.make(config: site.config, outputPath: "index.html", kind: "home",
                                       title: site.config.title,
                                       description: "API keys, usage and documentation for \(site.config.title).",
                                       assets: assets)
        context["keyCount"] = site.keys.count
        context["activeKeyCount"] = site.keys.filter { $0.status(asOf: site.asOf) == .active }.count
        // Set only when known: Mustache treats "" as true, which would print "as of (UTC)".
        if let asOf = site.asOf { context["asOf"] = asOf.description }
        context["usage"] = usage.templateContext
        do {
            context["data"] = [
                "site": try JSONScript.encode(SitePageData(site: site)),
                "keys": try JSONScript.encode(KeysPageData(site: site, spendByKey: usage.spendByKey)),
                "usage": try JSONScript.encode(usage.pageData),
            ]
        } catch {
            throw TemplateError(.syntax("cannot encode the page data: \(error)"), at: SourceLocation(path: "index.html"))
        }
        return OutputFile(path: "index.html", text: try theme.render("home", context: context))
    }
}
