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
    ///
    /// One pass over the bytes; white space is collapsed as text is appended (not in a second
    /// pass), and a passage becomes a `String` once. This runs over every page of the site.
    static func sections(fromHTML html: String) -> [SearchDocument.Section] {
        var html = html
        return html.withUTF8 { sections(fromHTML: $0) }
    }

    static func sections(fromHTML bytes: UnsafeBufferPointer<UInt8>) -> [SearchDocument.Section] {
        var sections = [SearchDocument.Section(id: "", heading: "", passages: [])]
        var text = PassageText()
        var inHeading = false
        var skipDepth = 0
        var skipTag: UInt64 = 0
        let count = bytes.count
        guard let base = bytes.baseAddress, count > 0 else { return [] }
        var index = 0

        func flush() {
            guard !text.bytes.isEmpty else {
                text.reset()
                return
            }
            var passage = String(decoding: text.bytes, as: UTF8.self)
            text.reset()
            let last = sections.count - 1
            if inHeading {
                sections[last].heading += (sections[last].heading.isEmpty ? "" : " ") + passage
                return
            }
            while passage.utf8.count > passageLimit {
                let bytes = Array(passage.utf8)
                let cut = RenderedMarkdown.trimmedExcerpt(bytes, limit: passageLimit)
                let kept = cut.hasSuffix("…") ? String(cut.dropLast()) : cut
                sections[last].passages.append(kept)
                // The cut is at a scalar boundary: the rest starts after the kept bytes.
                var rest = bytes[min(bytes.count, kept.utf8.count)...].drop { $0 == 0x20 }
                while rest.last == 0x20 { rest = rest.dropLast() }
                passage = String(decoding: rest, as: UTF8.self)
            }
            if !passage.isEmpty { sections[last].passages.append(passage) }
        }

        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "<") {
                guard let hit = memchr(base + index, 0x3E, count - index) else { break }
                let end = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                let tag = Tag(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
                index = end + 1
                if skipDepth > 0 {
                    if tag.name == skipTag { skipDepth += tag.isClosing ? -1 : 1 }
                    continue
                }
                let kind = tag.kind
                if !tag.isClosing, kind == .skipped || (kind.mayHaveSkippedClass && tag.hasSkippedClass) {
                    skipTag = tag.name
                    skipDepth = 1
                    continue
                }
                switch kind {
                case .heading:
                    flush()
                    if tag.isClosing {
                        inHeading = false
                    } else {
                        inHeading = true
                        let headingID = tag.attribute("id") ?? ""
                        let last = sections[sections.count - 1]
                        if !headingID.isEmpty || !last.passages.isEmpty || !last.heading.isEmpty {
                            sections.append(SearchDocument.Section(id: headingID, heading: "", passages: []))
                        }
                    }
                case .block, .blockWithClass:
                    // A footnote (cmark-gfm's `<li id="fn-…">`): a result found in it links to it.
                    if !tag.isClosing, tag.name == Tag.li, let id = tag.attribute("id"), id.hasPrefix("fn-") {
                        flush()
                        sections.append(SearchDocument.Section(id: id, heading: "", passages: []))
                    } else {
                        flush()
                    }
                case .space:
                    text.appendSpace()
                default:
                    break
                }
                continue
            }
            // Text: up to the next tag or entity in one piece (skipped text: to the next tag).
            var next = index + 1
            if skipDepth > 0 {
                if let hit = memchr(base + next, 0x3C, count - next) {
                    next = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                } else {
                    next = count
                }
                index = next
                continue
            }
            while next < count, base[next] != UInt8(ascii: "<"), base[next] != UInt8(ascii: "&") { next += 1 }
            if byte == UInt8(ascii: "&"), let (decoded, length) = entity(bytes, at: index) {
                text.append(decoded)
                index += length
                continue
            }
            text.append(UnsafeBufferPointer(rebasing: bytes[index..<next]))
            index = next
        }
        flush()
        return sections.filter { !$0.heading.isEmpty || !$0.passages.isEmpty }
    }

    /// A passage's text as it is gathered: runs of white space written as one space, none at
    /// the start or the end.
    struct PassageText {
        private(set) var bytes: [UInt8] = []
        private var space = false

        init() { bytes.reserveCapacity(1024) }

        mutating func reset() {
            bytes.removeAll(keepingCapacity: true)
            space = false
        }

        mutating func appendSpace() {
            if !bytes.isEmpty { space = true }
        }

        mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
            for byte in run {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    if !bytes.isEmpty { space = true }
                } else {
                    if space { bytes.append(0x20) }
                    space = false
                    bytes.append(byte)
                }
            }
        }

        mutating func append(_ decoded: String) {
            var decoded = decoded
            decoded.withUTF8 { append($0) }
        }
    }

    /// Heading anchors ("#"), footnote marks and back-links, a code block's label and button.
    static let skippedClasses: Set<String> = ["heading-anchor", "footnote-ref", "footnote-backref", "code-block__bar", "visually-hidden"]

    static let skippedClassBytes: [[UInt8]] = skippedClasses.map { Array($0.utf8) }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&nbsp;` and numeric references.
    static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (String, Int)? {
        var end = index + 1
        while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
        let length = end - index + 1
        func isName(_ literal: StaticString) -> Bool {
            name.elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        }
        if isName("amp") { return ("&", length) }
        if isName("lt") { return ("<", length) }
        if isName("gt") { return (">", length) }
        if isName("quot") { return ("\"", length) }
        if isName("apos") { return ("'", length) }
        if isName("nbsp") { return (" ", length) }
        guard name.first == UInt8(ascii: "#") else { return nil }
        let digits = String(decoding: name.dropFirst(), as: UTF8.self)
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return (String(Character(scalar)), length)
    }

    /// A tag's name and attributes, from the bytes between `<` and `>`. The name is packed
    /// into an integer (its first seven bytes and its length): this runs for every tag of every
    /// page, and comparing strings there was a tenth of the index's cost.
    struct Tag {
        var name: UInt64
        var isClosing: Bool
        private var rest: UnsafeBufferPointer<UInt8>

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var start = 0
            isClosing = start < bytes.count && bytes[start] == UInt8(ascii: "/")
            if isClosing { start += 1 }
            var end = start
            while end < bytes.count, CodeScanner.isLetter(bytes[end]) || CodeScanner.isDigit(bytes[end]) { end += 1 }
            name = Tag.pack(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            rest = UnsafeBufferPointer(rebasing: bytes[end...])
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
        func attribute(_ attribute: StaticString) -> String? {
            attributeBytes(attribute).map { String(decoding: $0, as: UTF8.self) }
        }

        /// The bytes of `name="…"`'s value: the first ` name="` and up to the next `"` (nil
        /// without one).
        func attributeBytes(_ attribute: StaticString) -> UnsafeBufferPointer<UInt8>? {
            let name = UnsafeBufferPointer(start: attribute.utf8Start, count: attribute.utf8CodeUnitCount)
            let needle = name.count + 3
            guard rest.count >= needle else { return nil }
            var index = 0
            while index + needle <= rest.count {
                if rest[index] == 0x20, rest[index + needle - 2] == UInt8(ascii: "="), rest[index + needle - 1] == UInt8(ascii: "\""),
                   UnsafeBufferPointer(rebasing: rest[(index + 1)..<(index + 1 + name.count)]).elementsEqual(name) {
                    let start = index + needle
                    var end = start
                    while end < rest.count, rest[end] != UInt8(ascii: "\"") { end += 1 }
                    guard end < rest.count else { return nil }
                    return UnsafeBufferPointer(rebasing: rest[start..<end])
                }
                index += 1
            }
            return nil
        }

        /// `class="…"` names one of `skippedClasses`.
        var hasSkippedClass: Bool {
            guard let value = attributeBytes("class") else { return false }
            var start = 0
            while start < value.count {
                var end = start
                while end < value.count, value[end] != 0x20 { end += 1 }
                if end > start {
                    let word = UnsafeBufferPointer(rebasing: value[start..<end])
                    if SearchText.skippedClassBytes.contains(where: { $0.elementsEqual(word) }) { return true }
                }
                start = end + 1
            }
            return false
        }
    }
}
