/// A folder of docs: its own page (its `index.md`, or a generated listing) and its entries —
/// docs and subfolders — in reading order.
public struct DocSection: Sendable {
    public enum Entry: Sendable {
        /// An index into `DocSet.docs`.
        case doc(Int)
        case section(DocSection)
    }

    /// Below the docs folder: `guides`, or `""` for the top.
    public var folder: String
    public var title: String
    /// The folder's `index.md`, as an index into `DocSet.docs`.
    public var indexDoc: Int?
    public var entries: [Entry]

    public init(folder: String, title: String, indexDoc: Int?, entries: [Entry]) {
        self.folder = folder
        self.title = title
        self.indexDoc = indexDoc
        self.entries = entries
    }

    /// The section's page: `docs/guides/index.html`, from `index.md` or generated.
    public var outputPath: String {
        folder.isEmpty ? "docs/index.html" : "docs/\(folder)/index.html"
    }

    /// Every section below this one (itself first), depth first.
    public var allSections: [DocSection] {
        var result = [self]
        for case .section(let child) in entries { result += child.allSections }
        return result
    }

    /// Number of docs in this section and below, its index page included.
    public var docCount: Int {
        entries.reduce(indexDoc == nil ? 0 : 1) { count, entry in
            switch entry {
            case .doc: return count + 1
            case .section(let child): return count + child.docCount
            }
        }
    }
}
