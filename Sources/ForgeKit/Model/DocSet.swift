/// All docs of the site in reading order, their folder tree, and the other files of the docs
/// folder (images), which are copied as they are.
public struct DocSet: Sendable {
    /// A file below the docs folder that is not Markdown.
    public struct Asset: Sendable, Hashable {
        /// `docs/img/chart.png`.
        public var outputPath: String
        public var bytes: [UInt8]

        public init(outputPath: String, bytes: [UInt8]) {
            self.outputPath = outputPath
            self.bytes = bytes
        }
    }

    /// Reading order: the order of the navigation, of previous/next and of the docs index.
    /// Each folder's `index.md` comes first, then its entries by weight, title and path.
    public var docs: [Doc]
    public var root: DocSection
    public var assets: [Asset]

    public init(docs: [Doc] = [], root: DocSection = DocSection(folder: "", title: "Documentation", indexDoc: nil, entries: []),
        assets: [Asset] = []) {
        self.docs = docs
        self.root = root
        self.assets = assets
    }

    public var isEmpty: Bool { docs.isEmpty }

    /// Arranges `docs` (in any order) into sections and reading order.
    public init(arranging unordered: [Doc], assets: [Asset] = []) {
        // Docs are moved by their index in `unordered` and copied once, into `ordered`.
        var byFolder: [String: [Int]] = [:]
        var folders: Set<String> = [""]
        for (position, doc) in unordered.enumerated() {
            byFolder[doc.folder, default: []].append(position)
            folders.formUnion(DocPath.ancestors(of: doc.folder))
        }
        var subfolders: [String: [String]] = [:]
        for folder in folders where !folder.isEmpty {
            subfolders[DocPath.folder(of: folder), default: []].append(folder)
        }
        var ordered: [Doc] = []
        ordered.reserveCapacity(unordered.count)

        func section(_ folder: String) -> DocSection {
            let here = byFolder[folder] ?? []
            let index = here.first { unordered[$0].isIndex }
            var indexPosition: Int?
            if let index {
                indexPosition = ordered.count
                ordered.append(unordered[index])
            }
            // Entries: the folder's docs and its direct subfolders, sorted together.
            enum Pending { case doc(Int), folder(String) }
            var pending: [(SortKey, Pending)] = here.filter { !unordered[$0].isIndex }.map { position in
                (SortKey(weight: unordered[position].weight, title: unordered[position].title, path: unordered[position].sourcePath),
                    .doc(position))
            }
            for child in subfolders[folder] ?? [] {
                let childIndex = byFolder[child]?.first { unordered[$0].isIndex }
                let key = SortKey(weight: childIndex.flatMap { unordered[$0].weight },
                                  title: childIndex.map { unordered[$0].title } ?? DocPath.humanize(DocPath.fileName(of: child)),
                                  path: child + "/")
                pending.append((key, .folder(child)))
            }
            pending.sort { $0.0 < $1.0 }
            var entries: [DocSection.Entry] = []
            for (_, item) in pending {
                switch item {
                case .doc(let position):
                    entries.append(.doc(ordered.count))
                    ordered.append(unordered[position])
                case .folder(let child):
                    entries.append(.section(section(child)))
                }
            }
            let title = index.map { unordered[$0].title }
                ?? (folder.isEmpty ? "Documentation" : DocPath.humanize(DocPath.fileName(of: folder)))
            return DocSection(folder: folder, title: title, indexDoc: indexPosition, entries: entries)
        }

        let root = section("")
        self.init(docs: ordered, root: root, assets: assets)
    }

    /// Docs and folders share one order, so a weight (a folder's from its `index.md`) can put
    /// a folder before the docs beside it.
    struct SortKey: Comparable {
        let weight: Int?
        let title: String
        let path: String
        /// The title lowercased, as scalars: sorting compares it often, so it is made once.
        private let folded: [Unicode.Scalar]

        init(weight: Int?, title: String, path: String) {
            self.weight = weight
            self.title = title
            self.path = path
            folded = Array(title.lowercased().unicodeScalars)
        }

        /// Weighted entries first (lowest weight first), then by title without regard to case
        /// and with numbers in numeric order ("Part 2" before "Part 10"), then by path, so
        /// the order never depends on the file system or the locale.
        static func < (a: SortKey, b: SortKey) -> Bool {
            let aw = a.weight ?? Int.max, bw = b.weight ?? Int.max
            if aw != bw { return aw < bw }
            let byTitle = naturalOrder(a.folded, b.folded)
            if byTitle != 0 { return byTitle < 0 }
            if a.title != b.title { return a.title.utf8.lexicographicallyPrecedes(b.title.utf8) }
            return a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
        }

        /// -1, 0 or 1: runs of ASCII digits compare by value, everything else by scalar.
        static func naturalOrder(_ a: String, _ b: String) -> Int {
            naturalOrder(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }

        static func naturalOrder(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar]) -> Int {
            var i = 0, j = 0
            func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
            while i < x.count, j < y.count {
                if isDigit(x[i]), isDigit(y[j]) {
                    var iEnd = i, jEnd = j
                    while iEnd < x.count, isDigit(x[iEnd]) { iEnd += 1 }
                    while jEnd < y.count, isDigit(y[jEnd]) { jEnd += 1 }
                    // Compare without leading zeros: longer is larger, else digit by digit.
                    var iStart = i, jStart = j
                    while iStart < iEnd - 1, x[iStart] == "0" { iStart += 1 }
                    while jStart < jEnd - 1, y[jStart] == "0" { jStart += 1 }
                    let lengthA = iEnd - iStart, lengthB = jEnd - jStart
                    if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
                    for k in 0..<lengthA where x[iStart + k] != y[jStart + k] {
                        return x[iStart + k].value < y[jStart + k].value ? -1 : 1
                    }
                    i = iEnd
                    j = jEnd
                } else {
                    if x[i] != y[j] { return x[i].value < y[j].value ? -1 : 1 }
                    i += 1
                    j += 1
                }
            }
            if x.count - i != y.count - j { return x.count - i < y.count - j ? -1 : 1 }
            return 0
        }
    }
}
