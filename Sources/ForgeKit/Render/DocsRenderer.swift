/// The documentation section of the site: one page per doc (`doc` layout), a listing page
/// (`docs-index` layout) for every folder without an `index.md` — `docs/index.html` lists all
/// docs by section — and the docs folder's other files copied as they are. The search index
/// (docs and API reference together) is made before, from `searchDocuments`.
///
/// The navigation partial is rendered once per folder (see `DocsNavigation`), then pages are
/// rendered on every core; the files come out in a fixed order.
public struct DocsRenderer: Sendable {
    public let docs: DocSet
    public let config: SiteConfig
    public let assets: AssetCatalog
    /// The search manifest's path from the site root (`SearchIndex.Output.manifestPath`).
    public let searchIndex: String
    /// The API reference's entry page and title, for the navigation; nil without one.
    public let api: (title: String, outputPath: String)?

    public init(docs: DocSet, config: SiteConfig, assets: AssetCatalog, searchIndex: String = "", api: (title: String, outputPath: String)? = nil) {
        self.docs = docs
        self.config = config
        self.assets = assets
        self.searchIndex = searchIndex
        self.api = api
    }

    public struct Output: Sendable {
        public var files: [OutputFile]
        /// Pages whose content links need no second check: doc pages (their Markdown links were
        /// checked at the source, with path:line:col) and generated listings (built from the
        /// docs themselves). The output link check still checks the theme's frame around them.
        public var checkedAtSource: Set<String>
        public var pageCount: Int
    }

    enum Page: Sendable {
        case doc(Int)
        /// A generated listing for a folder without `index.md`.
        case listing(DocSection)
    }

    static let navigationPartial = "_partials/docs-nav"

    public func render(with theme: Theme) throws(TemplateError) -> Output {
        guard !docs.isEmpty else { return Output(files: [], checkedAtSource: [], pageCount: 0) }
        let navigation = DocsNavigation(docs, api: api)

        var pages: [Page] = docs.docs.indices.map { .doc($0) }
        for section in docs.root.allSections where section.indexDoc == nil {
            pages.append(.listing(section))
        }

        // The navigation of every folder (and block of a long folder), once each.
        var keys: [DocsNavigation.NavKey] = []
        var seen: Set<DocsNavigation.NavKey> = []
        for page in pages {
            let key = navigationKey(page, navigation)
            if seen.insert(key).inserted { keys.append(key) }
        }
        let renderedNavigation = try DocsRenderer.collect(keys.concurrentMap { key -> Result<String, TemplateError> in
            let root = PageContext.relativeRoot(for: DocsNavigation.directory(ofFolder: key.folder) + "/index.html")
            return Result { () throws(TemplateError) -> String in
                try theme.render(DocsRenderer.navigationPartial, context: navigation.context(for: key, root: root))
            }
        })
        let navigationHTML = Dictionary(uniqueKeysWithValues: zip(keys, renderedNavigation))

        let renderer = self
        var files = try DocsRenderer.collect(pages.concurrentMap { page -> Result<OutputFile, TemplateError> in
            Result { () throws(TemplateError) -> OutputFile in
                let nav = navigationHTML[renderer.navigationKey(page, navigation)] ?? ""
                return try renderer.render(page, navigation: navigation, navigationHTML: nav, searchIndex: renderer.searchIndex, theme: theme)
            }
        })
        for asset in docs.assets {
            files.append(OutputFile(path: asset.outputPath, bytes: asset.bytes))
        }
        let listings = pages.compactMap { page -> String? in
            if case .listing(let section) = page { return section.outputPath }
            return nil
        }
        return Output(files: files, checkedAtSource: Set(docs.docs.map(\.outputPath) + listings), pageCount: pages.count)
    }

    func navigationKey(_ page: Page, _ navigation: DocsNavigation) -> DocsNavigation.NavKey {
        switch page {
        case .doc(let index): return navigation.key(forDoc: index)
        case .listing(let section): return navigation.key(forFolder: section.folder)
        }
    }

    func render(_ page: Page, navigation: DocsNavigation, navigationHTML: String, searchIndex: String, theme: Theme) throws(TemplateError) -> OutputFile {
        switch page {
        case .doc(let index):
            let doc = docs.docs[index]
            let nav = DocsNavigation.markingCurrent(navigationHTML, href: DocPath.fileName(of: doc.outputPath))
            let context = docContext(index, navigation: navigation, navigationHTML: nav, searchIndex: searchIndex)
            return OutputFile(path: doc.outputPath, text: try theme.render("doc", context: context))
        case .listing(let section):
            let nav = DocsNavigation.markingCurrent(navigationHTML, href: "index.html")
            let context = listingContext(section, navigation: navigation, navigationHTML: nav, searchIndex: searchIndex)
            return OutputFile(path: section.outputPath, text: try theme.render("docs-index", context: context))
        }
    }

    /// What the search knows of each doc, in reading order: title, description (counted like
    /// a heading), and the text of its sections, footnotes and code included.
    static func searchDocuments(_ docs: DocSet) -> [SearchDocument] {
        docs.docs.concurrentMap { doc in
            var sections = SearchText.sections(fromHTML: doc.content.html)
            if let description = doc.description, !description.isEmpty {
                if sections.first?.id == "", sections.first?.heading.isEmpty == true {
                    sections[0].passages.insert(description, at: 0)
                } else {
                    sections.insert(SearchDocument.Section(id: "", heading: "", passages: [description]), at: 0)
                }
            }
            var keywords = doc.description.map { [$0] } ?? []
            // The Markdown's own h1, lifted into the page header, when it says more than the title.
            if doc.content.titleHTML != nil, let heading = doc.content.headings.first?.text, heading != doc.title { keywords.append(heading) }
            return SearchDocument(url: doc.outputPath, title: doc.title, keywords: keywords, sections: sections)
        }
    }

    /// The values in order, or the first error.
    static func collect<T>(_ results: [Result<T, TemplateError>]) throws(TemplateError) -> [T] {
        var values: [T] = []
        values.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            }
        }
        return values
    }
}
