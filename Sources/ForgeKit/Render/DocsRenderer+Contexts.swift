import Foundation

/// The template contexts of the docs pages. URLs in them are relative to the page.
extension DocsRenderer {
    func docContext(_ index: Int, navigation: DocsNavigation, navigationHTML: String, searchIndex: String) -> [String: Any] {
        let doc = docs.docs[index]
        let base = DocsNavigation.directory(ofFolder: doc.folder)
        let description = doc.description ?? DocsRenderer.summary(of: doc.content.plainText)
        var context = PageContext.make(config: config, outputPath: doc.outputPath, kind: "doc", title: doc.title,
                                       description: description, assets: assets, hasDocs: true)
        context["docs"] = ["searchIndex": searchIndex, "navHTML": navigationHTML]

        var page: [String: Any] = [
            "title": doc.title,
            "isDraft": doc.isDraft,
            "content": doc.content.html,
        ]
        // Every optional key is written, null when absent: the template check knows the shape.
        page["description"] = doc.description.orTemplateNull
        // The Markdown's own h1 (with its markup and id) is the page's heading; else the title.
        let heading = doc.content.titleHTML == nil ? nil : doc.content.headings.first
        page["titleHTML"] = (heading == nil ? nil : doc.content.titleHTML).orTemplateNull
        page["titleID"] = heading.map(\.id).orTemplateNull
        let toc = DocsRenderer.tableOfContents(doc.content.headings)
        // One entry alone is no table of contents, unless it has entries under it.
        let hasToc = toc.count >= 2 || toc.first?["hasChildren"] as? Bool == true
        page["hasToc"] = hasToc
        page["toc"] = hasToc ? toc : []
        let crumbs = navigation.breadcrumbs(folder: doc.folder, isSectionPage: doc.isIndex)
        page["hasBreadcrumbs"] = !crumbs.isEmpty
        page["breadcrumbs"] = crumbs.map { ["title": $0.title, "url": DocPath.relative(from: base, to: $0.outputPath)] }
        let previous = index > 0 ? docs.docs[index - 1] : nil
        page["prev"] = previous.map { ["title": $0.title, "url": DocPath.relative(from: base, to: $0.outputPath)] }.orTemplateNull
        let next = index + 1 < docs.docs.count ? docs.docs[index + 1] : nil
        page["next"] = next.map { ["title": $0.title, "url": DocPath.relative(from: base, to: $0.outputPath)] }.orTemplateNull
        page["hasPager"] = docs.docs.count > 1
        let entries = doc.isIndex ? navigation.items[doc.folder] ?? [] : []
        page["hasListing"] = !entries.isEmpty
        page["listing"] = entries.map { listingItem($0, base: base) }
        context["doc"] = page
        return context
    }

    func listingContext(_ section: DocSection, navigation: DocsNavigation, navigationHTML: String, searchIndex: String) -> [String: Any] {
        let base = DocsNavigation.directory(ofFolder: section.folder)
        var context = PageContext.make(config: config, outputPath: section.outputPath, kind: "docs-index", title: section.title,
                                       description: "\(section.docCount) pages of documentation for \(config.title).",
                                       assets: assets, hasDocs: true)
        context["docs"] = ["searchIndex": searchIndex, "navHTML": navigationHTML]
        var groups: [[String: Any]] = []
        for (offset, child) in section.allSections.enumerated() {
            var group: [String: Any] = ["heading": NSNull()]
            if offset > 0 {
                group["heading"] = ["title": child.title, "url": DocPath.relative(from: base, to: child.outputPath)]
            }
            let entries = (navigation.items[child.folder] ?? []).filter { !$0.isSection }
            group["hasPages"] = !entries.isEmpty
            group["pages"] = entries.map { listingItem($0, base: base) }
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
        page["breadcrumbs"] = crumbs.map { ["title": $0.title, "url": DocPath.relative(from: base, to: $0.outputPath)] }
        context["listing"] = page
        return context
    }

    func listingItem(_ item: DocsNavigation.Item, base: String) -> [String: Any] {
        // Every key present: Mustache would look a missing one up in the enclosing contexts.
        let description = item.doc.flatMap { docs.docs[$0].description } ?? ""
        return ["title": item.title, "url": DocPath.relative(from: base, to: item.outputPath), "isSection": item.isSection,
                "description": description, "hasDescription": !description.isEmpty]
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
