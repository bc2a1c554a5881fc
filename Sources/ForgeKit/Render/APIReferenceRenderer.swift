/// The API reference pages of every spec in `Content/api/`: `api/index.html` lists the APIs;
/// under `api/<slug>/` each has an overview (servers, authentication, tags), a page per tag
/// listing its operations, a page per operation, a list of its schemas and a page per schema.
///
/// Layouts `api-index`, `api-overview`, `api-tag`, `api-operation`, `api-schemas` and
/// `api-schema` give the frame; the schema tables and examples are HTML made here
/// (`APISchemaHTML`, `APIExample`), as a doc's content is HTML made by cmark. The navigation
/// partial (`_partials/api-nav`) is rendered once per folder and tag, then pages render on
/// every core; files come out in a fixed order.
public struct APIReferenceRenderer: Sendable {
    public let references: [APIReference]
    public let config: SiteConfig
    public let assets: AssetCatalog
    /// The search manifest's path from the site root (set once the index is made, which needs
    /// `searchDocuments()` first).
    public var searchIndex: String
    public let hasDocs: Bool
    let markdown = APIMarkdown()

    public init(references: [APIReference], config: SiteConfig, assets: AssetCatalog, searchIndex: String = "", hasDocs: Bool) {
        self.references = references
        self.config = config
        self.assets = assets
        self.searchIndex = searchIndex
        self.hasDocs = hasDocs
    }

    public static let indexPath = "api/index.html"
    public static let title = "API reference"

    public struct Output: Sendable {
        public var files: [OutputFile]
        public var pageCount: Int
        /// Pages whose links need no second check (every link is made from the spec's own
        /// names; description links that could not resolve were dropped).
        public var checkedAtSource: Set<String>
    }

    enum Page: Sendable {
        case index
        case overview(Int)
        case tag(Int, Int)
        case operation(Int, Int)
        case schemas(Int)
        case schema(Int, Int)
    }

    public func render(with theme: Theme) throws(TemplateError) -> Output {
        guard !references.isEmpty else { return Output(files: [], pageCount: 0, checkedAtSource: []) }
        var pages: [Page] = [.index]
        for (r, reference) in references.enumerated() {
            pages.append(.overview(r))
            pages += reference.tags.indices.map { .tag(r, $0) }
            pages += reference.operations.indices.map { .operation(r, $0) }
            if !reference.schemas.isEmpty { pages.append(.schemas(r)) }
            pages += reference.schemas.indices.map { .schema(r, $0) }
        }

        let navigation = APINavigation(references: references, hasDocs: hasDocs)
        var keys: [APINavigation.Key] = []
        var seen: Set<APINavigation.Key> = []
        for page in pages {
            let key = navigation.key(for: page)
            if seen.insert(key).inserted { keys.append(key) }
        }
        let renderedNavigation = try DocsRenderer.collect(keys.concurrentMap { key -> Result<String, TemplateError> in
            Result { () throws(TemplateError) -> String in
                try theme.render(APINavigation.partial, context: navigation.context(for: key))
            }
        })
        let navigationHTML = Dictionary(uniqueKeysWithValues: zip(keys, renderedNavigation))

        let renderer = self
        let files = try DocsRenderer.collect(pages.concurrentMap { page -> Result<OutputFile, TemplateError> in
            Result { () throws(TemplateError) -> OutputFile in
                let (path, layout) = renderer.output(of: page)
                let nav = DocsNavigation.markingCurrent(navigationHTML[navigation.key(for: page)] ?? "", href: DocPath.fileName(of: path))
                let docs = DocContext.DocsValues(searchIndex: renderer.searchIndex, navHTML: nav)
                let context = renderer.context(for: page, path: path, docs: docs)
                return OutputFile(path: path, bytes: try theme.renderBytes(layout, context: context))
            }
        })
        return Output(files: files, pageCount: files.count, checkedAtSource: Set(files.map(\.path)))
    }

    /// The page's output path and layout.
    func output(of page: Page) -> (String, String) {
        switch page {
        case .index: return (APIReferenceRenderer.indexPath, "api-index")
        case .overview(let r): return (references[r].overviewPath, "api-overview")
        case .tag(let r, let t): return (references[r].path(ofTag: t), "api-tag")
        case .operation(let r, let o): return (references[r].path(ofOperation: o), "api-operation")
        case .schemas(let r): return (references[r].schemasPath, "api-schemas")
        case .schema(let r, let s): return (references[r].path(ofSchema: s), "api-schema")
        }
    }

    /// The page's context: the frame, and what its kind adds.
    func context(for page: Page, path: String, docs: DocContext.DocsValues) -> MergedContext<PageContext, APIPageContent> {
        switch page {
        case .index: return indexContext(path: path, docs: docs)
        case .overview(let r): return overviewContext(references[r], path: path, docs: docs)
        case .tag(let r, let t): return tagContext(references[r], tag: t, path: path, docs: docs)
        case .operation(let r, let o): return operationContext(references[r], operation: o, path: path, docs: docs)
        case .schemas(let r): return schemasContext(references[r], path: path, docs: docs)
        case .schema(let r, let s): return schemaContext(references[r], schema: s, path: path, docs: docs)
        }
    }

    /// The API reference's entry page and title, for the docs navigation and the dashboard.
    public static func entry(for references: [APIReference]) -> (title: String, outputPath: String)? {
        references.isEmpty ? nil : (title, indexPath)
    }
}
