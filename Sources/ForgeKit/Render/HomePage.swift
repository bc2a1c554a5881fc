/// `index.html`: the dashboard with its summary cards and the two dialogs.
struct HomePage {
    let site: Site
    let assets: AssetCatalog
    let usage: UsagePresenter
    let docs: DocSet
    /// The API reference's entry page, linked from the dashboard; nil without one.
    var api: (title: String, outputPath: String)? = nil

    func render(with theme: Theme) throws(TemplateError) -> OutputFile {
        let frame = PageContext(config: site.config, outputPath: "index.html", kind: "home", title: site.config.title,
                                description: "API keys, usage and documentation for \(site.config.title).",
                                assets: assets, hasDocs: !docs.isEmpty)
        let data: HomeContext.PageData
        do {
            data = HomeContext.PageData(site: try JSONScript.encode(SitePageData(site: site)),
                                        keys: try JSONScript.encode(KeysPageData(site: site, spendByKey: usage.spendByKey, usage: usage)),
                                        usage: try JSONScript.encode(usage.pageData))
        } catch {
            throw TemplateError(.encoding("\(error)"), at: SourceLocation(path: "index.html"))
        }
        let context = HomeContext(
            docs: docLinks,
            api: api.map { HomeContext.Link(title: $0.title, url: $0.outputPath) },
            keyCount: site.keys.count,
            activeKeyCount: site.keys.filter { $0.status(asOf: site.asOf) == .active }.count,
            asOf: site.asOf.map(\.description),
            usage: usage.templateContext,
            data: data)
        return OutputFile(path: "index.html", text: try theme.render("home", context: frame.with(context)))
    }

    /// The top level of the docs, for the dashboard's Documentation cards: at most
    /// `maximumDocLinks`, so a site with thousands of docs keeps a light dashboard.
    var docLinks: [HomeContext.DocLink] {
        docs.root.entries.prefix(HomePage.maximumDocLinks).map { entry in
            switch entry {
            case .doc(let index):
                let doc = docs.docs[index]
                return HomeContext.DocLink(title: doc.title, url: doc.outputPath,
                    description: doc.description.flatMap { $0.isEmpty ? nil : $0 })
            case .section(let section):
                let count = section.docCount
                return HomeContext.DocLink(title: section.title, url: section.outputPath, description: count == 1
                    ? "1 page" : "\(count) pages")
            }
        }
    }

    static let maximumDocLinks = 12
}
