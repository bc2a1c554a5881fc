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
        var skipTag = ""
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
                let cut = RenderedMarkdown.trimmedExcerpt(Array(passage.utf8), limit: passageLimit)
                let kept = cut.hasSuffix("…") ? String(cut.dropLast()) : cut
                sections[sections.count - 1].passages.append(kept)
                passage = String(passage.dropFirst(kept.count)).trimmingWhitespace()
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
                if !tag.isClosing, SearchText.skipped.contains(tag.name) || tag.attribute("class").map(SearchText.isSkippedClass) == true {
                    skipTag = tag.name
                    skipDepth = 1
                    continue
                }
                if tag.isHeading {
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
                } else if !tag.isClosing, tag.name == "li", let id = tag.attribute("id"), id.hasPrefix("fn-") {
                    // A footnote (cmark-gfm's `<li id="fn-…">`): a result found in it links to it.
                    flush()
                    sections.append(SearchDocument.Section(id: id, heading: "", passages: []))
                } else if SearchText.blocks.contains(tag.name) {
                    flush()
                } else if tag.name == "br" || tag.name == "td" || tag.name == "th" {
                    text.append(0x20)
                }
                continue
            }
            if skipDepth > 0 {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: index) {
                text.append(contentsOf: decoded.utf8)
                index += length
                continue
            }
            text.append(byte)
            index += 1
        }
        flush()
        return sections.filter { !$0.heading.isEmpty || !$0.passages.isEmpty }
    }

    static let skipped: Set<String> = ["nav", "script", "style", "button", "template"]
    static let blocks: Set<String> = ["p", "li", "pre", "div", "tr", "dt", "dd", "blockquote", "section", "summary",
                                      "details", "table", "ul", "ol", "dl", "figure", "figcaption", "caption", "article", "header", "footer"]

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

    /// A tag's name (lower case) and attributes, from the bytes between `<` and `>`.
    struct Tag {
        var name: String
        var isClosing: Bool
        private var rest: ArraySlice<UInt8>

        init(_ bytes: ArraySlice<UInt8>) {
            var start = bytes.startIndex
            isClosing = start < bytes.endIndex && bytes[start] == UInt8(ascii: "/")
            if isClosing { start += 1 }
            var end = start
            while end < bytes.endIndex, CodeScanner.isLetter(bytes[end]) || CodeScanner.isDigit(bytes[end]) { end += 1 }
            name = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
            rest = bytes[end...]
        }

        var isHeading: Bool {
            name.utf8.count == 2 && name.hasPrefix("h") && ("1"..."6").contains(name.dropFirst())
        }

        /// The value of `name="…"`, if the tag has it.
        func attribute(_ attribute: String) -> String? {
            let needle = Array((" " + attribute + "=\"").utf8)
            guard rest.count >= needle.count else { return nil }
            var index = rest.startIndex
            while index + needle.count <= rest.endIndex {
                if rest[index..<(index + needle.count)].elementsEqual(needle) {
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
    static func words(in text: String, _ body: (Substring) -> Void) {
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
                        let word = String(decoding: ascii, as: UTF8.self)
                        body(word[...])
                    } else {
                        let chunk = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                        for word in normalizedWords(chunk) { body(word[...]) }
                    }
                }
                index = max(end, index) + 1
            }
        }
    }

    static func words(in text: String) -> [String] {
        var all: [String] = []
        words(in: text) { all.append(String($0)) }
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
