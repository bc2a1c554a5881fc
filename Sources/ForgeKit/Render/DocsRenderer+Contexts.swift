import Foundation

/// The template contexts of the docs pages. URLs in them are relative to the page.
extension DocsRenderer {
    typealias DocPageContext = MergedContext<PageContext, DocContext>
    typealias ListingPageContext = MergedContext<PageContext, DocListingContext>

    func docContext(_ index: Int, navigation: DocsNavigation, navigationHTML: String, searchIndex: String) -> DocPageContext {
        let doc = docs.docs[index]
        let base = DocsNavigation.directory(ofFolder: doc.folder)
        let description = doc.description ?? DocsRenderer.summary(of: doc.content.plainText)
        let frame = PageContext(config: config, outputPath: doc.outputPath, kind: "doc", title: doc.title,
                                description: description, assets: assets, hasDocs: true)
        func link(_ target: Doc) -> DocContext.Link { DocContext.Link(title: target.title,
            url: DocPath.relative(from: base, to: target.outputPath)) }
        // The Markdown's own h1 (with its markup and id) is the page's heading; else the title.
        let heading = doc.content.titleHTML == nil ? nil : doc.content.headings.first
        let toc = DocsRenderer.tableOfContents(doc.content.headings)
        // One entry alone is no table of contents, unless it has entries under it.
        let hasToc = toc.count >= 2 || toc.first?.hasChildren == true
        let crumbs = breadcrumbs(navigation.breadcrumbs(folder: doc.folder, isSectionPage: doc.isIndex), base: base)
        let entries = doc.isIndex ? navigation.items[doc.folder] ?? [] : []
        let page = DocContext.DocValues(
            title: doc.title,
            isDraft: doc.isDraft,
            content: doc.content.html,
            description: doc.description,
            titleHTML: heading == nil ? nil : doc.content.titleHTML,
            titleID: heading.map(\.id),
            hasToc: hasToc,
            toc: hasToc ? toc : [],
            hasBreadcrumbs: !crumbs.isEmpty,
            breadcrumbs: crumbs,
            prev: index > 0 ? link(docs.docs[index - 1]) : nil,
            next: index + 1 < docs.docs.count ? link(docs.docs[index + 1]) : nil,
            hasPager: docs.docs.count > 1,
            hasListing: !entries.isEmpty,
            listing: entries.map { listingItem($0, base: base) })
        return frame.with(DocContext(docs: DocContext.DocsValues(searchIndex: searchIndex, navHTML: navigationHTML), doc: page))
    }

    func listingContext(_ section: DocSection, navigation: DocsNavigation, navigationHTML: String,
        searchIndex: String) -> ListingPageContext {
        let base = DocsNavigation.directory(ofFolder: section.folder)
        let frame = PageContext(config: config, outputPath: section.outputPath, kind: "docs-index", title: section.title,
                                description: "\(section.docCount) pages of documentation for \(config.title).",
                                assets: assets, hasDocs: true)
        let groups = section.allSections.enumerated().map { offset, child in
            let entries = (navigation.items[child.folder] ?? []).filter { !$0.isSection }
            return DocListingContext.Group(
                heading: offset > 0 ? DocContext.Link(title: child.title, url: DocPath.relative(from: base, to: child.outputPath)) : nil,
                hasPages: !entries.isEmpty,
                pages: entries.map { listingItem($0, base: base) })
        }
        let crumbs = breadcrumbs(navigation.breadcrumbs(folder: section.folder, isSectionPage: true), base: base)
        let listing = DocListingContext.ListingValues(title: section.title, count: section.docCount, isSingular: section.docCount == 1,
                                                      groups: groups, hasBreadcrumbs: !crumbs.isEmpty, breadcrumbs: crumbs)
        return frame.with(DocListingContext(docs: DocContext.DocsValues(searchIndex: searchIndex, navHTML: navigationHTML),
            listing: listing))
    }

    func breadcrumbs(_ items: [DocsNavigation.Item], base: String) -> [DocContext.Link] {
        items.map { DocContext.Link(title: $0.title, url: DocPath.relative(from: base, to: $0.outputPath)) }
    }

    func listingItem(_ item: DocsNavigation.Item, base: String) -> DocContext.ListingItem {
        let description = item.doc.flatMap { docs.docs[$0].description } ?? ""
        return DocContext.ListingItem(title: item.title, url: DocPath.relative(from: base, to: item.outputPath), isSection: item.isSection,
                                      description: description, hasDescription: !description.isEmpty)
    }

    /// Level 2 headings, each with the level 3 headings under it (a level 3 before any
    /// level 2 stands on its own).
    static func tableOfContents(_ headings: [RenderedMarkdown.Heading]) -> [DocContext.TocEntry] {
        var entries: [DocContext.TocEntry] = []
        var children: [DocContext.TocEntry] = []
        func closeEntry() {
            guard !entries.isEmpty, !children.isEmpty else { return }
            entries[entries.count - 1].children = children
            entries[entries.count - 1].hasChildren = true
            children = []
        }
        for heading in headings where heading.level == 2 || heading.level == 3 {
            let item = DocContext.TocEntry(id: heading.id, text: heading.text, children: [], hasChildren: false)
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
