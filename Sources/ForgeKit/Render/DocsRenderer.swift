/// The documentation section of the site: one page per doc (`doc` layout), a listing page
/// (`docs-index` layout) for every folder without an `index.md` — `docs/index.html` lists all
/// docs by section — the docs folder's other files copied as they are, and the search index.
///
/// Pages are rendered on every core; the files come out in a fixed order.
public struct DocsRenderer: Sendable {
    public let docs: DocSet
    public let config: SiteConfig
    public let assets: AssetCatalog

    public init(docs: DocSet, config: SiteConfig, assets: AssetCatalog) {
        self.docs = docs
        self.config = config
        self.assets = assets
    }

    public struct Output: Sendable {
        public var files: [OutputFile]
        /// Pages whose Markdown links were checked at their source (path:line:col), so the
        /// output link check can skip their `<a href>`s.
        public var checkedAtSource: Set<String>
        public var pageCount: Int
    }

    enum Page: Sendable {
        case doc(Int)
        /// A generated listing for a folder without `index.md`.
        case listing(DocSection)
    }

    public func render(with theme: Theme) throws(TemplateError) -> Output {
        guard !docs.isEmpty else { return Output(files: [], checkedAtSource: [], pageCount: 0) }
        let index = SearchIndex(docs: docs)
        let searchFile = index.file()
        let navigation = DocsNavigation(docs)

        var pages: [Page] = docs.docs.indices.map { .doc($0) }
        for section in docs.root.allSections where section.indexDoc == nil {
            pages.append(.listing(section))
        }
        let renderer = self
        let rendered = pages.concurrentMap { page -> Result<OutputFile, TemplateError> in
            do throws(TemplateError) {
                return .success(try renderer.render(page, navigation: navigation, searchIndex: searchFile.path, theme: theme))
            } catch {
                return .failure(error)
            }
        }
        var files: [OutputFile] = []
        files.reserveCapacity(rendered.count + docs.assets.count + 1)
        for result in rendered {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): throw error
            }
        }
        files.append(searchFile)
        for asset in docs.assets {
            files.append(OutputFile(path: asset.outputPath, bytes: asset.bytes))
        }
        return Output(files: files, checkedAtSource: Set(docs.docs.map(\.outputPath)), pageCount: pages.count)
    }

    func render(_ page: Page, navigation: DocsNavigation, searchIndex: String, theme: Theme) throws(TemplateError) -> OutputFile {
        switch page {
        case .doc(let index):
            let context = docContext(index, navigation: navigation, searchIndex: searchIndex)
            return OutputFile(path: docs.docs[index].outputPath, text: try theme.render("doc", context: context))
        case .listing(let section):
            let context = listingContext(section, navigation: navigation, searchIndex: searchIndex)
            return OutputFile(path: section.outputPath, text: try theme.render("docs-index", context: context))
        }
    }

    // MARK: - Contexts

    func docContext(_ index: Int, navigation: DocsNavigation, searchIndex: String) -> [String: Any] {
        let doc = docs.docs[index]
        let description = doc.description ?? DocsRenderer.summary(of: doc.content.plainText)
        var context = PageContext.make(config: config, outputPath: doc.outputPath, kind: "doc", title: doc.title,
                                       description: description, assets: assets, hasDocs: true)
        context["docs"] = navigationContext(navigation, pagePath: doc.outputPath, folder: doc.folder, searchIndex: searchIndex)

        var page: [String: Any] = [
            "title": doc.title,
            "isDraft": doc.isDraft,
            "content": doc.content.html,
        ]
        if let description = doc.description { page["description"] = description }
        // The Markdown's own h1 (with its markup and id) is the page's heading; else the title.
        if let titleHTML = doc.content.titleHTML, let heading = doc.content.headings.first {
            page["titleHTML"] = titleHTML
            page["titleID"] = heading.id
        }
        let toc = DocsRenderer.tableOfContents(doc.content.headings)
        // One entry alone is no table of contents, unless it has entries under it.
        if toc.count >= 2 || toc.first?["hasChildren"] as? Bool == true {
            page["hasToc"] = true
            page["toc"] = toc
        }
        let crumbs = navigation.breadcrumbs(folder: doc.folder, isSectionPage: doc.isIndex)
        page["hasBreadcrumbs"] = !crumbs.isEmpty
        page["breadcrumbs"] = crumbs.map { ["title": $0.title, "url": $0.url] }
        if index > 0 {
            page["prev"] = ["title": docs.docs[index - 1].title, "url": docs.docs[index - 1].outputPath]
        }
        if index + 1 < docs.docs.count {
            page["next"] = ["title": docs.docs[index + 1].title, "url": docs.docs[index + 1].outputPath]
        }
        page["hasPager"] = docs.docs.count > 1
        if doc.isIndex, let entries = navigation.items[doc.folder], !entries.isEmpty {
            page["hasListing"] = true
            page["listing"] = entries.map { listingItem($0) }
        }
        context["doc"] = page
        return context
    }

    func listingContext(_ section: DocSection, navigation: DocsNavigation, searchIndex: String) -> [String: Any] {
        var context = PageContext.make(config: config, outputPath: section.outputPath, kind: "docs-index", title: section.title,
                                       description: "\(section.docCount) pages of documentation for \(config.title).",
                                       assets: assets, hasDocs: true)
        context["docs"] = navigationContext(navigation, pagePath: section.outputPath, folder: section.folder, searchIndex: searchIndex)
        var groups: [[String: Any]] = []
        for (offset, child) in section.allSections.enumerated() {
            var group: [String: Any] = [:]
            if offset > 0 {
                group["heading"] = ["title": child.title, "url": child.outputPath]
            }
            let entries = (navigation.items[child.folder] ?? []).filter { !$0.isSection }
            group["hasPages"] = !entries.isEmpty
            group["pages"] = entries.map { listingItem($0) }
            groups.append(group)
        }
        var page: [String: Any] = [
            "title": section.title,
            "count": section.docCount,
            "isSingular": section.docCount == 1,
            "groups": groups,
        ]
        let crumbs = navigation.breadcrumbs(folder: section.folder, isSectionPage: true)
        page["hasBreadcrumbs"] = !crumbs.isEmpty
        page["breadcrumbs"] = crumbs.map { ["title": $0.title, "url": $0.url] }
        context["listing"] = page
        return context
    }

    func listingItem(_ item: DocsNavigation.Item) -> [String: Any] {
        // Every key present: Mustache would look a missing one up in the enclosing contexts.
        let description = item.doc.flatMap { docs.docs[$0].description } ?? ""
        return ["title": item.title, "url": item.url, "isSection": item.isSection,
                "description": description, "hasDescription": !description.isEmpty]
    }

    /// `docs` in the template: where the docs start, the search index, and the two windowed
    /// lists (top level; the current folder's entries).
    func navigationContext(_ navigation: DocsNavigation, pagePath: String, folder: String, searchIndex: String) -> [String: Any] {
        var context: [String: Any] = [
            "home": docs.root.outputPath,
            "homeTitle": docs.root.title,
            "searchIndex": searchIndex,
            "top": listContext(navigation.top, pagePath: pagePath, folder: folder),
        ]
        if !folder.isEmpty, let section = navigation.sections[folder], let entries = navigation.items[folder] {
            var list = listContext(entries, pagePath: pagePath, folder: folder)
            list["title"] = section.title
            list["url"] = section.outputPath
            list["isPage"] = section.outputPath == pagePath
            context["section"] = list
        }
        return context
    }

    func listContext(_ items: [DocsNavigation.Item], pagePath: String, folder: String) -> [String: Any] {
        func contains(_ item: DocsNavigation.Item) -> Bool {
            guard let itemFolder = item.folder else { return false }
            return folder == itemFolder || folder.hasPrefix(itemFolder + "/")
        }
        let current = items.firstIndex { $0.url == pagePath || contains($0) }
        let window = DocsNavigation.window(items, around: current)
        var context: [String: Any] = [
            "items": window.items.map { item -> [String: Any] in
                ["title": item.title, "url": item.url, "isSection": item.isSection,
                 "current": item.url == pagePath, "open": item.url != pagePath && contains(item)]
            },
        ]
        if window.hiddenBefore > 0 { context["hiddenBefore"] = window.hiddenBefore }
        if window.hiddenAfter > 0 { context["hiddenAfter"] = window.hiddenAfter }
        return context
    }

    /// Level 2 headings, each with the level 3 headings under it (a level 3 before any
    /// level 2 stands on its own).
    static func tableOfContents(_ headings: [RenderedMarkdown.Heading]) -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var children: [[String: Any]] = []
        func closeEntry() {
            guard !entries.isEmpty, !children.isEmpty else { return }
            entries[entries.count - 1]["children"] = children
            entries[entries.count - 1]["hasChildren"] = true
            children = []
        }
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let item: [String: Any] = ["id": heading.id, "text": heading.text, "children": [Any](), "hasChildren": false]
            if heading.level == 2 || entries.isEmpty {
                closeEntry()
                entries.append(item)
            } else {
                children.append(item)
            }
        }
        closeEntry()
        return entries
    }

    /// A meta description from the start of the text: at most 160 characters, at a word.
    static func summary(of text: String) -> String? {
        guard !text.isEmpty else { return nil }
        guard text.utf8.count > 160 else { return text }
        return RenderedMarkdown.trimmedExcerpt(Array(text.utf8), limit: 160)
    }
}
