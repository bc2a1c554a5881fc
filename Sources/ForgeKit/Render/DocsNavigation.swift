import Foundation

/// The navigation around a docs page, kept small whatever the size of the docs: the top-level
/// entries (on nested pages only while they fit in one block) and the current folder's
/// entries, each list cut into blocks of `blockSize` when it is longer (the page's block is
/// shown, with how many entries come before and after and a link to the full listing).
/// Never the whole tree: 1,500 pages × the whole tree would be hundreds of megabytes.
///
/// Every page of a folder shows the same navigation, but for which link is the page itself.
/// So the `docs-nav` partial is rendered once per folder and block (`NavKey`), and each page
/// marks its own link with `aria-current="page"` (`markingCurrent`). All URLs are relative to
/// the page's folder, which all pages of a folder share.
struct DocsNavigation: Sendable {
    static let blockSize = 25

    struct Item: Sendable {
        var title: String
        /// The page's output path: `docs/guides/intro.html`.
        var outputPath: String
        var isSection: Bool
        /// The doc, for doc entries (and a section's index doc).
        var doc: Int?
        /// The folder, for section entries.
        var folder: String?
    }

    /// One rendered navigation: the folder of the pages that show it, and which block of
    /// the long list (the folder's entries, or the top level for top-level docs).
    struct NavKey: Hashable, Sendable {
        var folder: String
        var block: Int
    }

    let set: DocSet
    /// Folder → section.
    let sections: [String: DocSection]
    /// Folder → its entries.
    let items: [String: [Item]]
    /// The top level's entries.
    let top: [Item]
    /// The API reference, linked under the docs' home in every navigation.
    let api: (title: String, outputPath: String)?

    init(_ set: DocSet, api: (title: String, outputPath: String)? = nil) {
        self.set = set
        self.api = api
        var sections: [String: DocSection] = [:]
        var items: [String: [Item]] = [:]
        for section in set.root.allSections {
            sections[section.folder] = section
            items[section.folder] = section.entries.map { entry in
                switch entry {
                case .doc(let index):
                    return Item(title: set.docs[index].title, outputPath: set.docs[index].outputPath, isSection: false, doc: index,
                        folder: nil)
                case .section(let child):
                    return Item(title: child.title, outputPath: child.outputPath, isSection: true, doc: child.indexDoc,
                        folder: child.folder)
                }
            }
        }
        self.sections = sections
        self.items = items
        self.top = items[""] ?? []
    }

    /// The navigation a doc shows.
    func key(forDoc index: Int) -> NavKey {
        let doc = set.docs[index]
        let folder = doc.folder
        if doc.isIndex { return NavKey(folder: folder, block: 0) }
        let list = folder.isEmpty ? top : (items[folder] ?? [])
        let position = list.firstIndex { $0.doc == index } ?? 0
        return NavKey(folder: folder, block: position / DocsNavigation.blockSize)
    }

    /// The navigation a folder's own page (index.md or listing) shows.
    func key(forFolder folder: String) -> NavKey { NavKey(folder: folder, block: 0) }

    /// The context of the `docs-nav` partial for `key`.
    func context(for key: NavKey, root: String) -> DocsNavContext {
        let base = DocsNavigation.directory(ofFolder: key.folder)
        let home = set.root.outputPath
        var values = DocsNavContext.Values(
            home: DocPath.relative(from: base, to: home),
            homeTitle: set.root.title,
            api: api.map { DocContext.Link(title: $0.title, url: DocPath.relative(from: base, to: $0.outputPath)) })
        // The top level: on every page while it fits in one block (most sites); past that, only
        // on top-level pages, and breadcrumbs lead up from the others.
        if key.folder.isEmpty {
            values.top = list(top, block: key.block, base: base, folder: key.folder, moreURL: DocPath.relative(from: base, to: home))
        } else if top.count <= DocsNavigation.blockSize {
            values.top = list(top, block: 0, base: base, folder: key.folder, moreURL: DocPath.relative(from: base, to: home))
        }
        if !key.folder.isEmpty, let section = sections[key.folder] {
            var sectionList = list(items[key.folder] ?? [], block: key.block, base: base, folder: key.folder,
                                   moreURL: DocPath.relative(from: base, to: section.outputPath))
            sectionList.title = section.title
            sectionList.url = DocPath.relative(from: base, to: section.outputPath)
            values.section = sectionList
        }
        return DocsNavContext(root: root, docs: values)
    }

    private func list(_ items: [Item], block: Int, base: String, folder: String, moreURL: String) -> DocsNavContext.List {
        let start = min(block * DocsNavigation.blockSize, max(0, items.count - 1))
        let end = min(items.count, start + DocsNavigation.blockSize)
        return DocsNavContext.List(
            items: items[start..<end].map { item in
                let open = item.folder.map { folder == $0 || folder.hasPrefix($0 + "/") } ?? false
                return DocsNavContext.Item(title: item.title, url: DocPath.relative(from: base, to: item.outputPath),
                    isSection: item.isSection, open: open)
            },
            moreURL: moreURL,
            hiddenBefore: start > 0 ? start : nil,
            hiddenAfter: end < items.count ? items.count - end : nil)
    }

    /// `[Docs, Guides, Advanced]` above a page in `guides/advanced`; a folder's own page stops
    /// above its folder, which it is.
    func breadcrumbs(folder: String, isSectionPage: Bool) -> [Item] {
        var ancestors = DocPath.ancestors(of: folder)
        if isSectionPage {
            if ancestors.isEmpty { return [] }
            ancestors.removeLast()
        }
        var trail = [Item(title: set.root.title, outputPath: set.root.outputPath, isSection: true, doc: set.root.indexDoc, folder: "")]
        for ancestor in ancestors {
            guard let section = sections[ancestor] else { continue }
            trail.append(Item(title: section.title, outputPath: section.outputPath, isSection: true, doc: section.indexDoc,
                folder: ancestor))
        }
        return trail
    }

    /// The output directory of a docs folder's pages: `docs/guides`.
    static func directory(ofFolder folder: String) -> String {
        folder.isEmpty ? "docs" : "docs/" + folder
    }

    /// `navigation` with ` aria-current="page"` after every `href` that is the page's own
    /// (`href` as the partial wrote it, relative to the page).
    static func markingCurrent(_ navigation: String, href: String) -> String {
        let needle = Array(("href=\"" + href.htmlEscaped + "\"").utf8)
        let mark = Array(#" aria-current="page""#.utf8)
        var utf8 = navigation
        return utf8.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 2 * mark.count)
            var copied = 0
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0], bytes[index + 1] == needle[1],
                   bytes[index..<(index + needle.count)].elementsEqual(needle) {
                    index += needle.count
                    out.append(contentsOf: bytes[copied..<index])
                    out.append(contentsOf: mark)
                    copied = index
                } else {
                    index += 1
                }
            }
            guard copied > 0 else { return navigation }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
