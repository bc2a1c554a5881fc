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

    public init(docs: DocSet, config: SiteConfig, assets: AssetCatalog, searchIndex: String = "",
        api: (title: String, outputPath: String)? = nil) {
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

    /// - Parameter cache: under `forge serve`, the pages and navigations of the last build, reused
    ///   where nothing they show changed (`BuildCache+Pages`).
    public func render(with theme: Theme, cache: BuildCache? = nil) throws(TemplateError) -> Output {
        guard !docs.isEmpty else { return Output(files: [], checkedAtSource: [], pageCount: 0) }
        let session = cache?.pageSession(docs: docs, searchIndex: searchIndex)

        var pages: [Page] = docs.docs.indices.map { .doc($0) }
        for section in docs.root.allSections where section.indexDoc == nil {
            pages.append(.listing(section))
        }
        let paths = pages.map(outputPath(of:))
        // Under `forge serve`: each doc page's revision (nil: not known, render it), and the pages
        // the last build made that still hold, which need neither rendering nor navigation.
        let revisions = cache?.docRevisions() ?? [:]
        let pageRevisions = pages.map { page -> PageSession.Revision in
            switch page {
            case .doc(let index): return revisions[docs.docs[index].sourcePath].map { .doc($0) } ?? .unknown
            case .listing: return .listing
            }
        }
        let kept = session?.keptPages(paths, revisions: pageRevisions) ?? Array(repeating: nil, count: pages.count)
        let pending = pages.indices.filter { kept[$0] == nil }
        let navigation = DocsNavigation(docs, api: api)

        // The navigation of every folder (and block of a long folder) a page to render shows, once each.
        var keys: [DocsNavigation.NavKey] = []
        var seen: Set<DocsNavigation.NavKey> = []
        for index in pending {
            let key = navigationKey(pages[index], navigation)
            if seen.insert(key).inserted { keys.append(key) }
        }
        let renderedNavigation = try DocsRenderer.collect(keys.concurrentMap { key -> Result<BuildCache.RenderedNavigation,
            TemplateError> in
            let root = PageContext.relativeRoot(for: DocsNavigation.directory(ofFolder: key.folder) + "/index.html")
            return Result { () throws(TemplateError) -> BuildCache.RenderedNavigation in
                let context = { navigation.context(for: key, root: root) }
                let render = { (tree: TemplateTree) throws(TemplateError) -> String in
                    try theme.render(DocsRenderer.navigationPartial, tree: tree)
                }
                if let session { return try session.navigation(key, context: context, render: render) }
                return BuildCache.RenderedNavigation(generation: 0, key: [], html: try render(try TemplateTree(context())))
            }
        })
        let navigationHTML = Dictionary(uniqueKeysWithValues: zip(keys, renderedNavigation))

        let renderer = self
        let allPages = pages
        let rendered = try DocsRenderer.collect(pending.concurrentMap { index -> Result<OutputFile, TemplateError> in
            Result { () throws(TemplateError) -> OutputFile in
                let page = allPages[index]
                let nav = navigationHTML[renderer.navigationKey(page, navigation)]
                    ?? BuildCache.RenderedNavigation(generation: 0, key: [], html: "")
                let context = { renderer.context(page, navigation: navigation, searchIndex: renderer.searchIndex) }
                let render = { (context: PageValues) throws(TemplateError) -> OutputFile in
                    try renderer.render(page, context: context, navigationHTML: nav.html, theme: theme)
                }
                guard let session, pageRevisions[index] != .unknown else { return try render(context()) }
                return try session.page(paths[index], revision: pageRevisions[index], navigation: nav, context: context, render: render)
            }
        })
        var files: [OutputFile] = []
        files.reserveCapacity(pages.count + docs.assets.count)
        var next = rendered.makeIterator()
        for index in pages.indices {
            if let page = kept[index] ?? next.next() { files.append(page) }
        }
        session?.keepOnly(paths)
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

    func outputPath(of page: Page) -> String {
        switch page {
        case .doc(let index): return docs.docs[index].outputPath
        case .listing(let section): return section.outputPath
        }
    }

    /// A docs page's template context.
    enum PageValues: TemplateContext {
        case doc(DocPageContext)
        case listing(ListingPageContext)

        func encode(to encoder: Encoder) throws {
            switch self {
            case .doc(let context): try context.encode(to: encoder)
            case .listing(let context): try context.encode(to: encoder)
            }
        }

        /// The navigation, once its HTML is known (the page cache compares contexts without it).
        mutating func setNavigationHTML(_ html: String) {
            switch self {
            case .doc(var context):
                context.second.docs.navHTML = html
                self = .doc(context)
            case .listing(var context):
                context.second.docs.navHTML = html
                self = .listing(context)
            }
        }
    }

    /// The page's template context, but for the navigation (`render` adds it).
    func context(_ page: Page, navigation: DocsNavigation, searchIndex: String) -> PageValues {
        switch page {
        case .doc(let index): return .doc(docContext(index, navigation: navigation, navigationHTML: "", searchIndex: searchIndex))
        case .listing(let section): return .listing(listingContext(section, navigation: navigation, navigationHTML: "",
            searchIndex: searchIndex))
        }
    }

    /// Renders a page from its `context`, with its folder's navigation, its own link marked.
    func render(_ page: Page, context: PageValues, navigationHTML: String, theme: Theme) throws(TemplateError) -> OutputFile {
        let path = outputPath(of: page)
        var context = context
        let href: String
        switch page {
        case .doc: href = DocPath.fileName(of: path)
        case .listing: href = "index.html"
        }
        context.setNavigationHTML(DocsNavigation.markingCurrent(navigationHTML, href: href))
        switch page {
        case .doc: return OutputFile(path: path, bytes: try theme.renderBytes("doc", context: context))
        case .listing: return OutputFile(path: path, bytes: try theme.renderBytes("docs-index", context: context))
        }
    }

    /// Each doc's words for the search index, counted (`SearchIndex.output` merges them).
    static func searchPages(_ docs: [Doc]) -> [SearchIndex.PageWords] {
        // Counted as each doc was loaded (`DocsLoader.loadDoc`); only a doc made otherwise is
        // counted here.
        let counted = docs.map(\.searchWords)
        guard counted.contains(where: { $0 == nil }) else { return counted.compactMap { $0 } }
        return docs.concurrentMap { $0.searchWords ?? SearchIndex.pageWords(of: searchDocument($0)) }
    }

    /// What the search index holds of one doc, in reading order: title, description (counted
    /// like a heading), and the text of its sections, footnotes and code included.
    static func searchDocument(_ doc: Doc) -> SearchDocument {
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
        if doc.content.titleHTML != nil, let heading = doc.content.headings.first?.text,
            heading != doc.title { keywords.append(heading) }
        return SearchDocument(url: doc.outputPath, title: doc.title, keywords: keywords, sections: sections)
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
