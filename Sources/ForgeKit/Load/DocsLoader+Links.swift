extension DocsLoader {
    /// Reports links to docs that do not exist or were left out (drafts), to headings a page
    /// does not have, links that leave the docs, and links that cmark removed as unsafe. A link
    /// to a doc that could not be read is not reported again: that doc has its own error.
    ///
    /// Linear in the size of the docs however the links are laid out: one line of 8,000 broken
    /// links once took 49 s, because every warning searched the whole line for its link and
    /// copied the line (issue 7).
    static func checkLinks(_ loaded: [Loaded], published: [Doc], drafts: Set<String>, sitePages: Set<String> = ["index.html"],
                           displayDirectory: String, diagnostics: inout Diagnostics) {
        var anchorsByPath: [String: Set<String>] = [:]
        for doc in published { anchorsByPath[doc.sourcePath] = Set(doc.content.headings.map(\.id)) }

        func hasAnchor(_ fragment: String?, in path: String) -> Bool {
            guard let fragment, !fragment.isEmpty else { return true }
            // Footnotes: cmark-gfm writes `fn-<label>` and `fnref-<label>[-n]`.
            if fragment.hasPrefix("fn-") || fragment.hasPrefix("fnref-") { return true }
            return anchorsByPath[path]?.contains(fragment) ?? false
        }

        for item in loaded {
            guard let doc = item.doc, let source = item.source else { continue }
            var lines: LineIndex?
            for (link, resolution) in item.links {
                var problem: ContentError.Reason?
                switch resolution {
                case .missing:
                    problem = .brokenLink(target: link.destination)
                case .doc(let target, let fragment, _):
                    if anchorsByPath[target] == nil {
                        if drafts.contains(target) {
                            problem = .brokenLink(target: link.destination, why: .draft(path: "\(displayDirectory)/\(target)"))
                        }
                    } else if !hasAnchor(fragment, in: target) {
                        problem = .brokenLink(target: link.destination,
                            why: .noHeading(file: DocPath.fileName(of: target), id: fragment ?? ""))
                    }
                case .samePage(let fragment):
                    if !hasAnchor(fragment, in: doc.sourcePath) {
                        problem = .brokenLink(target: link.destination, why: .noHeading(file: nil, id: fragment))
                    }
                case .external:
                    if isRemovedAsUnsafe(link.destination) {
                        problem = .unsafeLinkRemoved(target: link.destination)
                    }
                case .outside(let target):
                    if target == nil {
                        problem = .brokenLink(target: link.destination, why: .leavesSite)
                    } else if let target, !sitePages.contains(target) {
                        problem = .brokenLink(target: link.destination, why: .leavesDocs(to: target))
                    }
                case .folder, .asset:
                    break
                }
                guard let problem else { continue }
                let line = item.bodyFirstLine - 1 + link.line
                if lines == nil { lines = LineIndex(source.text) }
                let column = lines?.column(of: link, onLine: line) ?? link.byteColumn
                diagnostics.report(ContentError(problem, at: source.location(line: line, column: column), severity: .warning,
                                                sourceLine: lines?.line(line)))
            }
        }
    }

    /// cmark-gfm's safe mode empties these (`_scan_dangerous_url`): the author should know.
    static func isRemovedAsUnsafe(_ destination: String) -> Bool {
        let lower = destination.prefix(24).lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
        }
        return false
    }

    /// The lines of a doc, found once on its UTF-8 bytes when it has a problem to show, and the
    /// columns of links on them. Links come in document order, so the last line's text and a
    /// cursor on it are kept: many links on one line cost one pass over it, not one each.
    struct LineIndex {
        let bytes: [UInt8]
        /// Offsets where each line starts.
        let starts: [Int]
        private var cachedLine: (number: Int, text: String?)?
        /// On the cached line: a byte offset already counted and its 1-based scalar column.
        private var cursor: (offset: Int, column: Int) = (0, 1)

        /// The longest destination searched for on the line, and how far past the link's start.
        static let searchLimit = 4_096

        init(_ text: String) {
            bytes = Array(text.utf8)
            var starts = [0]
            var offset = 0
            while let newline = bytes[offset...].firstIndex(of: 0x0A) {
                starts.append(newline + 1)
                offset = newline + 1
            }
            self.starts = starts
        }

        /// Line `number` (1-based) without its line break.
        mutating func line(_ number: Int) -> String? {
            if let cached = cachedLine, cached.number == number { return cached.text }
            let text = range(of: number).map { String(decoding: bytes[$0], as: UTF8.self) }
            cachedLine = (number, text)
            cursor = (0, 1)
            return text
        }

        func range(of number: Int) -> Range<Int>? {
            guard number >= 1, number <= starts.count else { return nil }
            let start = starts[number - 1]
            var end = number < starts.count ? starts[number] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return start..<max(start, end)
        }

        /// The column (in Unicode scalars) to point at: where the destination is written after
        /// the link's start, else cmark's byte column converted. cmark's own column is off on
        /// indented continuation lines, and points at `[` rather than at what is broken.
        mutating func column(of link: RenderedMarkdown.Link, onLine number: Int) -> Int {
            _ = line(number)
            guard let range = range(of: number) else { return link.byteColumn }
            let linkStart = min(range.upperBound, range.lowerBound + max(0, link.byteColumn - 1))
            var target = linkStart
            let needle = Array(link.destination.utf8)
            if !needle.isEmpty, needle.count <= LineIndex.searchLimit {
                let searchEnd = min(range.upperBound, linkStart + LineIndex.searchLimit + needle.count)
                var position = linkStart
                while position + needle.count <= searchEnd {
                    if bytes[position] == needle[0], bytes[position..<(position + needle.count)].elementsEqual(needle) {
                        target = position
                        break
                    }
                    position += 1
                }
            }
            return scalarColumn(ofByte: target - range.lowerBound, lineStart: range.lowerBound)
        }

        /// Counts scalars from the cursor (or from the line's start when going back).
        private mutating func scalarColumn(ofByte offset: Int, lineStart: Int) -> Int {
            if offset < cursor.offset { cursor = (0, 1) }
            var column = cursor.column
            for index in (lineStart + cursor.offset)..<(lineStart + offset) where bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            cursor = (offset, column)
            return column
        }
    }
}
