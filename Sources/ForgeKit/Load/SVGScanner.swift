/// The XML reading behind `SVGCheck`: one pass over the bytes, stopping at the first problem
/// (its byte offset and sentence). Not a general XML parser: it understands exactly what an
/// inert SVG needs and refuses the rest.
struct SVGScanner {
    typealias Found = (offset: Int, text: String)

    let bytes: [UInt8]
    var index = 0
    /// Open elements: name as written, offset of `<`.
    var open: [(name: String, offset: Int)] = []
    var sawRoot = false
    /// Prefixes bound to the SVG namespace (`xmlns:svg="…/svg"`).
    var svgPrefixes: Set<String> = []
    /// The text of the `<style>` element being read, entity-decoded, with each byte's offset.
    var style: [UInt8] = []
    var styleOffsets: [Int] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func run() -> Found? {
        while index < bytes.count {
            let found: Found?
            if bytes[index] == UInt8(ascii: "<") {
                found = markup()
            } else {
                found = text()
            }
            if let found { return found }
        }
        if let last = open.last { return (last.offset, "is not well-formed XML (<\(last.name)> is never closed)") }
        if !sawRoot { return (0, "has no <svg> element") }
        return nil
    }

    // MARK: Markup

    mutating func markup() -> Found? {
        let start = index
        if starts("<!--") {
            guard let end = find("-->", from: start + 4) else { return (start, "is not well-formed XML (a comment is never closed)") }
            index = end + 3
            return nil
        }
        if starts("<![CDATA[") {
            guard let end = find("]]>", from: start + 9) else { return (start, "is not well-formed XML (a CDATA section is never closed)") }
            if inStyle { appendStyle(start + 9..<end) }
            index = end + 3
            return nil
        }
        if starts("<!") { return (start, "has a DOCTYPE (entities and outside definitions are not allowed)") }
        if starts("<?") {
            guard let end = find("?>",
                from: start + 2) else { return (start, "is not well-formed XML (a processing instruction is never closed)") }
            var nameEnd = start + 2
            while nameEnd < end, !isSpace(bytes[nameEnd]) { nameEnd += 1 }
            let target = String(decoding: bytes[(start + 2)..<nameEnd], as: UTF8.self)
            guard target == "xml", start == 0 else {
                let loads = target.lowercased() == "xml-stylesheet" ? ", which loads a style sheet or XSLT" : ""
                return (start, "has the processing instruction <?\(shown(target))?>\(loads)")
            }
            index = end + 2
            return nil
        }
        if starts("</") { return closingTag() }
        return openingTag()
    }

    mutating func closingTag() -> Found? {
        let start = index
        index += 2
        let name = readName()
        skipSpaces()
        guard index < bytes.count,
            bytes[index] == UInt8(ascii: ">") else { return (start, "is not well-formed XML (a closing tag is not closed)") }
        index += 1
        guard let top = open.last else { return (start, "is not well-formed XML (</\(shown(name))> closes nothing)") }
        guard top.name == name else { return (start, "is not well-formed XML (</\(shown(name))> closes <\(shown(top.name))>)") }
        if SVGScanner.local(name) == "style", let found = checkCSS(style, offsets: styleOffsets, isStyleSheet: true) { return found }
        if SVGScanner.local(name) == "style" {
            style.removeAll()
            styleOffsets.removeAll()
        }
        open.removeLast()
        return nil
    }

    mutating func openingTag() -> Found? {
        let start = index
        index += 1
        let name = readName()
        guard !name.isEmpty else { return (start, "is not well-formed XML (a \"<\" that starts no element)") }
        var attributes: [(name: String, offset: Int, value: String)] = []
        var closed = false
        while true {
            skipSpaces()
            guard index < bytes.count else { return (start, "is not well-formed XML (<\(shown(name))> is never closed)") }
            if starts("/>") {
                index += 2
                closed = true
                break
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            let attributeStart = index
            let attribute = readName()
            guard !attribute.isEmpty else { return (attributeStart, "is not well-formed XML (an attribute has no name)") }
            skipSpaces()
            guard index < bytes.count,
                bytes[index] == UInt8(ascii: "=") else { return (attributeStart, "is not well-formed XML (an attribute has no value)") }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                return (attributeStart, "is not well-formed XML (an attribute value must be quoted)")
            }
            let quote = bytes[index]
            guard let end = bytes[(index + 1)...].firstIndex(of: quote) else { return (attributeStart, "is not well-formed XML (an " +
                "attribute value is never closed)") }
            switch decode(index + 1..<end) {
            case .failure(let found): return (found.offset, found.text)
            case .success(let value): attributes.append((attribute, attributeStart, String(decoding: value.bytes, as: UTF8.self)))
            }
            index = end + 1
        }
        if open.isEmpty {
            if sawRoot { return (start, "is not well-formed XML (a second root element <\(shown(name))>)") }
            sawRoot = true
            guard SVGScanner.local(name) == "svg" else { return (start, "has the root element <\(shown(name))>, not <svg>") }
        }
        // Namespace declarations first: they decide what the element's own prefix means.
        for attribute in attributes where attribute.name == "xmlns" || attribute.name.hasPrefix("xmlns:") {
            let value = attribute.value.trimmingWhitespace()
            if let what = SVGCheck.activeNamespaces[value] { return (attribute.offset, "declares \(what)") }
            if value == SVGCheck.svgNamespace,
                attribute.name.hasPrefix("xmlns:") { svgPrefixes.insert(String(attribute.name.dropFirst(6))) }
        }
        if let found = checkElement(name, at: start) { return found }
        for attribute in attributes {
            if let found = checkAttribute(attribute.name, value: attribute.value, element: name, at: attribute.offset) { return found }
        }
        if !closed { open.append((name, start)) }
        return nil
    }

    func checkElement(_ name: String, at offset: Int) -> Found? {
        let local = SVGScanner.local(name)
        if local == "script" || local == "foreignobject" { return (offset, "has a <\(shown(name))> element") }
        if SVGCheck.activeElements.contains(local) { return (offset, "has a <\(shown(name))> element, which is not an SVG drawing " +
            "element") }
        let prefix = SVGScanner.prefix(name)
        if prefix.isEmpty || svgPrefixes.contains(prefix), !SVGCheck.drawingElements.contains(local) {
            return (offset, "has a <\(shown(name))> element, which is not an SVG drawing element")
        }
        return nil
    }

    func checkAttribute(_ name: String, value: String, element: String, at offset: Int) -> Found? {
        let local = SVGScanner.local(name)
        if local.hasPrefix("on") { return (offset, "has an event handler attribute (\(shown(name)))") }
        if local == "href" {
            let target = value.trimmingWhitespace()
            let lower = target.lowercased()
            let inlineImage = ["image", "feimage"].contains(SVGScanner.local(element))
                && SVGCheck.inlineImages.contains { lower.hasPrefix($0 + ";") || lower.hasPrefix($0 + ",") }
            if !target.hasPrefix("#"), !inlineImage { return (offset, "refers to \"\(shown(target))\" outside the file") }
        }
        if local == "attributename" {
            let animated = SVGScanner.local(value.trimmingWhitespace())
            if animated == "href" || animated.hasPrefix("on") { return (offset, "animates the attribute \"\(shown(value))\"") }
        }
        let bytes = Array(value.utf8)
        return checkCSS(bytes, offsets: Array(repeating: offset, count: bytes.count), isStyleSheet: false)
    }

    /// `url(…)` other than `url(#id)`, `image-set(`, backslash escapes and (in a style sheet) `@import`.
    func checkCSS(_ css: [UInt8], offsets: [Int], isStyleSheet: Bool) -> Found? {
        let lower = css.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var position = 0
        while position < lower.count {
            let rest = lower[position...]
            if rest.first == UInt8(ascii: "\\") {
                return (offsets[position], "uses a CSS backslash escape (it could spell an outside reference unseen)")
            }
            if isStyleSheet, rest.starts(with: Array("@import".utf8)) { return (offsets[position], "imports a style sheet (@import)") }
            if rest.starts(with: Array("image-set(".utf8)) { return (offsets[position], "uses image-set(), which loads images") }
            if rest.starts(with: Array("url(".utf8)) {
                let close = css[position...].firstIndex(of: UInt8(ascii: ")")) ?? css.count
                let argument = String(decoding: css[(position + 4)..<close], as: UTF8.self)
                    .trimmingWhitespace().trimmingQuotes().trimmingWhitespace()
                if !argument.hasPrefix("#") {
                    let written = String(decoding: css[position..<min(css.count, close + 1)], as: UTF8.self)
                    return (offsets[position], "refers to \"\(shown(written))\" outside the file")
                }
            }
            position += 1
        }
        return nil
    }

    // MARK: Text

    mutating func text() -> Found? {
        let start = index
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        switch decode(start..<end) {
        case .failure(let found): return (found.offset, found.text)
        case .success(let decoded):
            if open.isEmpty, decoded.bytes.contains(where: { !isSpace($0) }) {
                return (start, "is not well-formed XML (text outside the <svg> element)")
            }
            if inStyle {
                style += decoded.bytes
                styleOffsets += decoded.offsets
            }
        }
        index = end
        return nil
    }

    var inStyle: Bool { open.last.map { SVGScanner.local($0.name) == "style" } ?? false }

    mutating func appendStyle(_ range: Range<Int>) {
        style += bytes[range]
        styleOffsets += Array(range)
    }

    /// Character data with its references replaced, each byte with the offset it came from.
    func decode(_ range: Range<Int>) -> Result<(bytes: [UInt8], offsets: [Int]), SVGFound> {
        var out: [UInt8] = []
        var offsets: [Int] = []
        var position = range.lowerBound
        while position < range.upperBound {
            guard bytes[position] == UInt8(ascii: "&") else {
                if bytes[position] == UInt8(ascii: "<") { return .failure(SVGFound(position, "is not well-formed XML (a \"<\" inside a " +
                    "value)")) }
                out.append(bytes[position])
                offsets.append(position)
                position += 1
                continue
            }
            guard let semicolon = bytes[position..<range.upperBound].firstIndex(of: UInt8(ascii: ";")), semicolon - position <= 12 else {
                return .failure(SVGFound(position, "is not well-formed XML (an \"&\" that starts no reference)"))
            }
            let name = String(decoding: bytes[(position + 1)..<semicolon], as: UTF8.self)
            guard let scalar = SVGScanner.reference(name) else {
                return .failure(SVGFound(position,
                    "uses the entity &\(shown(name)); (only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed)"))
            }
            let encoded = Array(String(scalar).utf8)
            out += encoded
            offsets += Array(repeating: position, count: encoded.count)
            position = semicolon + 1
        }
        return .success((out, offsets))
    }

    static func reference(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap { $0 == 0 ? nil : Unicode.Scalar($0) }
        }
    }

    // MARK: Reading

    mutating func readName() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skipSpaces() {
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    }

    func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    func starts(_ text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    func find(_ text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        guard start <= bytes.count - needle.count else { return nil }
        var position = start
        while position <= bytes.count - needle.count {
            if bytes[position] == needle[0], bytes[position..<(position + needle.count)].elementsEqual(needle) { return position }
            position += 1
        }
        return nil
    }

    /// `xlink:href` → `href`, lowercased.
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name.lowercased() }
        return name[name.index(after: colon)...].lowercased()
    }

    static func prefix(_ name: String) -> String {
        guard let colon = name.firstIndex(of: ":") else { return "" }
        return String(name[..<colon])
    }

    /// User text inside a message: control characters shown as `?`, at most 80 characters.
    func shown(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }
        return scalars.count > 80 ? String(scalars.prefix(80)) + "…" : String(scalars)
    }
}

/// A problem found while decoding, as an `Error` so it can travel in a `Result`.
struct SVGFound: Error {
    var offset: Int
    var text: String

    init(_ offset: Int, _ text: String) {
        self.offset = offset
        self.text = text
    }
}

private extension String {
    /// Without the quotes around a CSS string: `'#a'` → `#a`.
    func trimmingQuotes() -> String {
        var text = Substring(self)
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        return String(text)
    }
}
