/// A period view as the theme renders it (HTML), turned into a tree that `usage-dialog.js` builds
/// with `createElement`, `setAttribute` and `textContent` — never `innerHTML`, even for markup the
/// build wrote itself.
///
/// A node is a string (text) or `[tag, {attributes}, ...children]`. Only the markup a view needs
/// passes: the elements in `allowed` and attributes that cannot run or load anything (no `on…`,
/// `style`, `href`, `src`), so a mistake in a theme fails the build here instead of reaching the
/// page. The HTML must be well-formed: every element closed (void elements aside) in order.
enum UsageViewTree {
    struct Failure: Error, Equatable {
        var message: String
        /// Byte offset in the HTML.
        var offset: Int
    }

    indirect enum Node: Equatable {
        case text(String)
        case element(tag: String, attributes: [(String, String)], children: [Node])

        static func == (a: Node, b: Node) -> Bool { a.json == b.json }
    }

    static let allowed: Set<String> = [
        "a", "abbr", "b", "br", "caption", "code", "dd", "details", "div", "dl", "dt", "em", "figcaption", "figure",
        "h3", "h4", "h5", "i", "li", "meter", "ol", "p", "progress", "section", "small", "span", "strong", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "svg", "title", "desc", "g", "defs", "pattern", "path", "rect", "circle", "line", "polyline", "text", "tspan",
    ]
    static let void: Set<String> = ["br", "wbr", "img", "hr", "input", "col", "source", "area"]

    /// The JSON array of the nodes `html` holds.
    static func json(fromHTML html: String) throws(Failure) -> String {
        "[" + (try parse(html)).map(\.json).joined(separator: ",") + "]"
    }

    static func parse(_ html: String) throws(Failure) -> [Node] {
        let bytes = Array(html.utf8)
        var stack: [(tag: String, attributes: [(String, String)], children: [Node], offset: Int)] = [("", [], [], 0)]
        var index = 0
        func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                let text = try decode(bytes[start..<index], at: start)
                if !text.isEmpty { stack[stack.count - 1].children.append(.text(collapse(text))) }
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index) else { throw fail("a comment is never closed") }
                index = end + 3
                continue
            }
            let closing = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")
            let tagStart = index
            index += closing ? 2 : 1
            let name = readName(bytes, &index)
            guard !name.isEmpty else { throw fail("a \"<\" that starts no tag; write it as &lt;") }
            if closing {
                skipSpace(bytes, &index)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("</\(name) is not closed with >") }
                index += 1
                guard stack.count > 1, let open = stack.last, open.tag == name else {
                    throw Failure(message: "</\(name)> closes nothing open" + (stack.count > 1
                        ? " (<\(stack[stack.count - 1].tag)> is open)" : ""), offset: tagStart)
                }
                stack.removeLast()
                stack[stack.count - 1].children.append(.element(tag: open.tag, attributes: open.attributes, children: open.children))
                continue
            }
            guard allowed.contains(name) || void.contains(name) else {
                throw Failure(message: "<\(name)> is not allowed in a period view (it is rebuilt by script from data)", offset: tagStart)
            }
            var attributes: [(String, String)] = []
            var selfClosing = false
            while true {
                skipSpace(bytes, &index)
                guard index < bytes.count else { throw fail("<\(name) is never closed with >") }
                if bytes[index] == UInt8(ascii: ">") { index += 1; break }
                if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") {
                    index += 2
                    selfClosing = true
                    break
                }
                let attributeStart = index
                let attribute = readName(bytes, &index)
                guard !attribute.isEmpty else { throw fail("<\(name)> has a malformed attribute") }
                let lower = attribute.lowercased()
                guard !lower.hasPrefix("on"),
                    !["style", "href", "xlink:href", "src", "srcdoc", "action", "formaction"].contains(lower) else {
                    throw Failure(message: "the attribute \(attribute) is not allowed in a period view", offset: attributeStart)
                }
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                        throw fail("the value of \(attribute) must be quoted")
                    }
                    let quote = bytes[index]
                    index += 1
                    let start = index
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    guard index < bytes.count else { throw fail("the value of \(attribute) is never closed") }
                    value = try decode(bytes[start..<index], at: start)
                    index += 1
                }
                attributes.append((attribute, value))
            }
            if selfClosing || void.contains(name) {
                stack[stack.count - 1].children.append(.element(tag: name, attributes: attributes, children: []))
            } else {
                stack.append((name, attributes, [], tagStart))
            }
        }
        guard stack.count == 1 else {
            throw Failure(message: "<\(stack[stack.count - 1].tag)> is never closed", offset: stack[stack.count - 1].offset)
        }
        // White space around the view is the template's line breaks, not content.
        var nodes = stack[0].children
        while case .text(let text)? = nodes.first, text == " " { nodes.removeFirst() }
        while case .text(let text)? = nodes.last, text == " " { nodes.removeLast() }
        return nodes
    }

    /// Runs of white space as one space, as HTML would render them.
    private static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                if !space { out += " " }
                space = true
            } else {
                out.unicodeScalars.append(scalar)
                space = false
            }
        }
        return out
    }

    private static func readName(_ bytes: [UInt8], _ index: inout Int) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isName = (byte | 0x20 >= 97 && byte | 0x20 <= 122) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ":")
            guard isName else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func skipSpace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, [0x20, 0x0A, 0x09, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Text with the character references Mustache and `htmlEscaped` write (and numeric ones).
    private static func decode(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                throw Failure(message: "a bare & in text; write it as &amp;", offset: offset)
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            case "nbsp": out += "\u{00A0}"
            default:
                let digits = name.dropFirst()
                let value = name.hasPrefix("#x") || name.hasPrefix("#X") ? UInt32(digits.dropFirst(), radix: 16)
                    : name.hasPrefix("#") ? UInt32(digits) : nil
                guard let value, let scalar = Unicode.Scalar(value) else {
                    throw Failure(message: "unknown character reference &\(name);", offset: offset)
                }
                out.unicodeScalars.append(scalar)
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}

extension UsageViewTree.Node {
    var json: String {
        switch self {
        case .text(let text):
            return UsageViewTree.quoted(text)
        case .element(let tag, let attributes, let children):
            let attributeJSON = "{" + attributes.map { UsageViewTree.quoted($0.0) + ":" + UsageViewTree.quoted($0.1) }
                .joined(separator: ",") + "}"
            return "[" + ([UsageViewTree.quoted(tag), attributeJSON] + children.map(\.json)).joined(separator: ",") + "]"
        }
    }
}

extension UsageViewTree {
    /// A JSON string, safe inside a classic script (`<`, U+2028 and U+2029 escaped).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
