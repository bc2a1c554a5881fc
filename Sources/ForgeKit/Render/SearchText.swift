import Foundation

/// What the search knows of one page: its title, words that count like headings (an
/// operation's id, a doc's description), and its text in sections (a heading with an `id`
/// starts one), each a list of passages (paragraphs, list items, table cells, code lines).
struct SearchDocument: Sendable {
    struct Section: Sendable, Equatable {
        /// The heading's `id` (for a link to it), `""` before the first heading.
        var id: String
        var heading: String
        var passages: [String]
    }

    /// From the site root: `docs/guides/intro.html`, `api/forge/operations/createKey.html`.
    var url: String
    var title: String
    var keywords: [String] = []
    var sections: [Section]
}

/// The text of rendered HTML for the search, and the words of a text as the search sees them.
enum SearchText {
    /// Passages longer than this are cut (a long code block becomes several passages).
    static let passageLimit = 600

    /// Sections of `html` (cmark's output or a page fragment): text without markup, entities
    /// decoded, cut into passages at block elements. Skips `<nav>`, `<script>`, `<style>`,
    /// `<button>`, and the marks around text (heading anchors, footnote numbers and back-links).
    static func sections(fromHTML html: String) -> [SearchDocument.Section] {
        var sections = [SearchDocument.Section(id: "", heading: "", passages: [])]
        var text: [UInt8] = []
        var inHeading = false
        var headingID = ""
        var skipDepth = 0
        var skipTag: UInt64 = 0
        let bytes = Array(html.utf8)
        var index = 0

        func flush() {
            var passage = collapse(text)
            text.removeAll(keepingCapacity: true)
            guard !passage.isEmpty else { return }
            if inHeading {
                sections[sections.count - 1].heading += (sections[sections.count - 1].heading.isEmpty ? "" : " ") + passage
                return
            }
            while passage.utf8.count > passageLimit {
                let bytes = Array(passage.utf8)
                let cut = RenderedMarkdown.trimmedExcerpt(bytes, limit: passageLimit)
                let kept = cut.hasSuffix("…") ? String(cut.dropLast()) : cut
                sections[sections.count - 1].passages.append(kept)
                // The cut is at a scalar boundary: the rest starts after the kept bytes.
                var rest = bytes[min(bytes.count, kept.utf8.count)...].drop { $0 == 0x20 }
                while rest.last == 0x20 { rest = rest.dropLast() }
                passage = String(decoding: rest, as: UTF8.self)
            }
            if !passage.isEmpty { sections[sections.count - 1].passages.append(passage) }
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                let tag = Tag(bytes[(index + 1)..<end])
                index = end + 1
                if skipDepth > 0 {
                    if tag.name == skipTag { skipDepth += tag.isClosing ? -1 : 1 }
                    continue
                }
                let kind = tag.kind
                if !tag.isClosing, kind == .skipped || (kind.mayHaveSkippedClass && tag.attribute("class").map(SearchText.isSkippedClass) == true) {
                    skipTag = tag.name
                    skipDepth = 1
                    continue
                }
                if kind == .heading {
                    flush()
                    if tag.isClosing {
                        inHeading = false
                    } else {
                        inHeading = true
                        headingID = tag.attribute("id") ?? ""
                        if !headingID.isEmpty || sections[sections.count - 1].passages.count > 0 || !sections[sections.count - 1].heading.isEmpty {
                            sections.append(SearchDocument.Section(id: headingID, heading: "", passages: []))
                        }
                    }
                } else if !tag.isClosing, tag.name == Tag.li, let id = tag.attribute("id"), id.hasPrefix("fn-") {
                    // A footnote (cmark-gfm's `<li id="fn-…">`): a result found in it links to it.
                    flush()
                    sections.append(SearchDocument.Section(id: id, heading: "", passages: []))
                } else if kind == .block || kind == .blockWithClass {
                    flush()
                } else if kind == .space {
                    text.append(0x20)
                }
                continue
            }
            // Text: up to the next tag or entity in one piece (skipped text: to the next tag).
            var next = index + 1
            while next < bytes.count, bytes[next] != UInt8(ascii: "<"), skipDepth > 0 || bytes[next] != UInt8(ascii: "&") { next += 1 }
            if skipDepth > 0 {
                index = next
                continue
            }
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: index) {
                text.append(contentsOf: decoded.utf8)
                index += length
                continue
            }
            text.append(contentsOf: bytes[index..<next])
            index = next
        }
        flush()
        return sections.filter { !$0.heading.isEmpty || !$0.passages.isEmpty }
    }


    /// Heading anchors ("#"), footnote marks and back-links, a code block's label and button.
    static let skippedClasses: Set<String> = ["heading-anchor", "footnote-ref", "footnote-backref", "code-block__bar", "visually-hidden"]

    static func isSkippedClass(_ value: String) -> Bool {
        value.split(separator: " ").contains { SearchText.skippedClasses.contains(String($0)) }
    }

    /// White space runs as one space, trimmed.
    static func collapse(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20) }
                space = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and numeric references.
    static func entity(_ bytes: [UInt8], at index: Int) -> (String, Int)? {
        var end = index + 1
        while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        let length = end - index + 1
        switch name {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        case "nbsp": return (" ", length)
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), length)
        }
    }

    /// A tag's name and attributes, from the bytes between `<` and `>`. The name is packed
    /// into an integer (its first seven bytes and its length): this runs for every tag of every
    /// page, and comparing strings there was a tenth of the index's cost.
    struct Tag {
        var name: UInt64
        var isClosing: Bool
        private var rest: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) {
            var start = bytes.startIndex
            isClosing = start < bytes.endIndex && bytes[start] == UInt8(ascii: "/")
            if isClosing { start += 1 }
            var end = start
            while end < bytes.endIndex, CodeScanner.isLetter(bytes[end]) || CodeScanner.isDigit(bytes[end]) { end += 1 }
            name = Tag.pack(bytes[start..<end])
            rest = bytes[end...]
        }

        /// cmark and the templates write tag names in lower case.
        static func pack<C: Collection<UInt8>>(_ name: C) -> UInt64 {
            var value = UInt64(min(name.count, 255))
            for (offset, byte) in name.prefix(7).enumerated() { value |= UInt64(byte) << (8 * UInt64(offset + 1)) }
            return value
        }

        static let li = pack(Array("li".utf8))

        enum Kind {
            /// Left out with everything in it: `nav`, `script`, `style`, `button`, `template`.
            case skipped
            case heading
            /// Ends a passage.
            case block
            /// Ends a passage, unless a class leaves it out (`div`, `p`, `section`).
            case blockWithClass
            /// A word break: `br`, table cells.
            case space
            /// Inline; `a`, `sup`, `span` may carry a class that leaves them out.
            case inlineWithClass
            case inline

            /// Only these look at `class` (attributes cost a scan).
            var mayHaveSkippedClass: Bool { self == .blockWithClass || self == .inlineWithClass || self == .heading }
        }

        static let kinds: [UInt64: Kind] = {
            var kinds: [UInt64: Kind] = [:]
            func add(_ kind: Kind, _ names: [String]) { for name in names { kinds[pack(Array(name.utf8))] = kind } }
            add(.skipped, ["nav", "script", "style", "button", "template"])
            add(.heading, ["h1", "h2", "h3", "h4", "h5", "h6"])
            add(.blockWithClass, ["div", "p", "section"])
            add(.block, ["li", "pre", "tr", "dt", "dd", "blockquote", "summary", "details", "table", "ul", "ol", "dl",
                         "figure", "figcaption", "caption", "article", "header", "footer"])
            add(.space, ["br", "td", "th"])
            add(.inlineWithClass, ["a", "sup", "span"])
            return kinds
        }()

        var kind: Kind { Tag.kinds[name] ?? .inline }

        /// The value of `name="…"`, if the tag has it.
        func attribute(_ attribute: String) -> String? {
            let needle = Array((" " + attribute + "=\"").utf8)
            guard rest.count >= needle.count else { return nil }
            var index = rest.startIndex
            while index + needle.count <= rest.endIndex {
                if rest[index] == needle[0], rest[index..<(index + needle.count)].elementsEqual(needle) {
                    let start = index + needle.count
                    guard let end = rest[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                    return String(decoding: rest[start..<end], as: UTF8.self)
                }
                index += 1
            }
            return nil
        }
    }
}

extension SearchText {
    /// The longest word the index keeps (longer ones are data: hashes, base64).
    static let wordLimit = 60

    /// The words of `text` as the search matches them, in order: lower case, accents and other
    /// marks removed after compatibility decomposition (NFKD: "Ü" is "u", "ﬁ" is "fi"), final
    /// sigma as sigma; a word is a run of letters, digits and `_`. search.js does the same in
    /// the browser; Tests/js/search-vectors.json holds the cases both must agree on.
    static func words(in text: String, _ body: (String) -> Void) {
        var ascii: [UInt8] = []
        var utf8 = text
        utf8.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                // A chunk between ASCII separators: ASCII-only chunks are words as they are.
                var end = index
                var isASCII = true
                while end < count {
                    let byte = bytes[end]
                    if byte < 0x80 {
                        if !(CodeScanner.isLetter(byte) || CodeScanner.isDigit(byte) || byte == UInt8(ascii: "_")) { break }
                    } else {
                        isASCII = false
                    }
                    end += 1
                }
                if end > index {
                    if isASCII {
                        ascii.removeAll(keepingCapacity: true)
                        for byte in bytes[index..<end] { ascii.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
                        body(String(decoding: ascii, as: UTF8.self))
                    } else {
                        let chunk = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                        for word in normalizedWords(chunk) { body(word) }
                    }
                }
                index = max(end, index) + 1
            }
        }
    }

    static func words(in text: String) -> [String] {
        var all: [String] = []
        words(in: text) { all.append($0) }
        return all
    }

    /// The slow path, for text with letters beyond ASCII.
    static func normalizedWords(_ chunk: String) -> [String] {
        var folded = String.UnicodeScalarView()
        for scalar in chunk.decomposedStringWithCompatibilityMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.append(scalar)
        }
        let lower = String(folded).lowercased().replacingOccurrences(of: "ς", with: "σ")
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in lower.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `\p{L}`, `\p{N}` or `_`, as JavaScript's regular expressions count them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
