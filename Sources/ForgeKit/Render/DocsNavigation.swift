/// The navigation around one doc page, kept small whatever the size of the docs: the top-level
/// entries, the current folder's entries (each list windowed around the current page when it
/// is long, with a link to the full listing), breadcrumbs, and previous/next in reading order.
/// Never the whole tree: 1,500 pages × the whole tree would be hundreds of megabytes.
struct DocsNavigation: Sendable {
    /// The most entries a navigation list shows; longer lists show a window around the
    /// current page and say how many are left out.
    static let listLimit = 25

    struct Item: Sendable {
        var title: String
        /// From the site root: `docs/guides/intro.html`.
        var url: String
        var isSection: Bool
        /// The doc, for doc entries (and a section's index doc).
        var doc: Int?
        var folder: String?
    }

    let set: DocSet
    /// Folder → section.
    let sections: [String: DocSection]
    /// Folder → its entries as navigation items.
    let items: [String: [Item]]
    /// Top-level entries.
    let top: [Item]

    init(_ set: DocSet) {
        self.set = set
        var sections: [String: DocSection] = [:]
        var items: [String: [Item]] = [:]
        for section in set.root.allSections {
            sections[section.folder] = section
            items[section.folder] = section.entries.map { entry in
                switch entry {
                case .doc(let index):
                    let doc = set.docs[index]
                    return Item(title: doc.title, url: doc.outputPath, isSection: false, doc: index, folder: nil)
                case .section(let child):
                    return Item(title: child.title, url: child.outputPath, isSection: true, doc: child.indexDoc, folder: child.folder)
                }
            }
        }
        self.sections = sections
        self.items = items
        self.top = items[""] ?? []
    }

    /// The folder whose entries a doc's navigation shows: its own folder, or for an
    /// `index.md` the folder it is the page of.
    func folder(of index: Int) -> String { set.docs[index].folder }

    /// `[Docs, Guides, Advanced]` above a page in `guides/advanced`; an index page stops
    /// above its own folder, which it is.
    func breadcrumbs(folder: String, isSectionPage: Bool) -> [Item] {
        var trail: [Item] = [Item(title: set.root.title, url: set.root.outputPath, isSection: true, doc: set.root.indexDoc, folder: "")]
        var ancestors = DocPath.ancestors(of: folder)
        if isSectionPage {
            if ancestors.isEmpty { return [] }
            ancestors.removeLast()
        }
        for ancestor in ancestors {
            guard let section = sections[ancestor] else { continue }
            trail.append(Item(title: section.title, url: section.outputPath, isSection: true, doc: section.indexDoc, folder: ancestor))
        }
        return trail
    }

    /// The top-level entry that holds `folder` (a folder or, at the top, nothing).
    static func topFolder(of folder: String) -> String? {
        folder.split(separator: "/").first.map(String.init)
    }

    /// A list of entries, windowed around `current` when it is longer than `listLimit`.
    struct Window {
        var items: ArraySlice<Item>
        var hiddenBefore: Int
        var hiddenAfter: Int
    }

    static func window(_ items: [Item], around current: Int?) -> Window {
        let limit = listLimit
        guard items.count > limit else { return Window(items: items[...], hiddenBefore: 0, hiddenAfter: 0) }
        let center = current ?? 0
        let start = min(max(0, center - limit / 2), items.count - limit)
        return Window(items: items[start..<(start + limit)], hiddenBefore: start, hiddenAfter: items.count - start - limit)
    }
}
