/// `index.html`: the dashboard with its summary cards and the two dialogs.
struct HomePage {
    let site: Site
    let assets: AssetCatalog
    let usage: UsagePresenter
    let docs: DocSet
    /// The API reference's entry page, linked from the dashboard; nil without one.
    var api: (title: String, outputPath: String)? = nil

    func render(with theme: Theme) throws(TemplateError) -> OutputFile {
        var context = PageContext.make(config: site.config, outputPath: "index.html", kind: "home",
                                       title: site.config.title,
                                       description: "API keys, usage and documentation for \(site.config.title).",
                                       assets: assets, hasDocs: !docs.isEmpty)
        context["docs"] = docLinks
        context["api"] = api.map { ["title": $0.title, "url": $0.outputPath] }.orTemplateNull
        context["keyCount"] = site.keys.count
        context["activeKeyCount"] = site.keys.filter { $0.status(asOf: site.asOf) == .active }.count
        // Null when unknown: Mustache treats "" as true, which would print "as of (UTC)".
        context["asOf"] = site.asOf.map(\.description).orTemplateNull
        context["usage"] = usage.templateContext
        do {
            context["data"] = [
                "site": try JSONScript.encode(SitePageData(site: site)),
                "keys": try JSONScript.encode(KeysPageData(site: site, spendByKey: usage.spendByKey, usage: usage)),
                "usage": try JSONScript.encode(usage.pageData),
            ]
        } catch {
            throw TemplateError(.encoding("\(error)"), at: SourceLocation(path: "index.html"))
        }
        return OutputFile(path: "index.html", text: try theme.render("home", context: context))
    }

    /// The top level of the docs, for the dashboard's Documentation cards: at most
    /// `maximumDocLinks`, so a site with thousands of docs keeps a light dashboard.
    var docLinks: [[String: Any]] {
        var links: [[String: Any]] = []
        for entry in docs.root.entries.prefix(HomePage.maximumDocLinks) {
            var link: [String: Any]
            switch entry {
            case .doc(let index):
                let doc = docs.docs[index]
                link = ["title": doc.title, "url": doc.outputPath]
                // Null when empty: Mustache treats "" as true and would print an empty <p>.
                link["description"] = doc.description.flatMap { $0.isEmpty ? nil : $0 }.orTemplateNull
            case .section(let section):
                let count = section.docCount
                link = ["title": section.title, "url": section.outputPath,
                        "description": count == 1 ? "1 page" : "\(count) pages"]
            }
            links.append(link)
        }
        return links
    }

    static let maximumDocLinks = 12
}
