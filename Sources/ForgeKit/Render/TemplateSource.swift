/// One Mustache template read into a tree of tags, each with its file, line and column.
///
/// swift-mustache parses and renders the templates, but keeps no positions and renders a
/// missing value as nothing. This tree is what `TemplateCheck` walks to name the tag that asks
/// for a missing value, and its parser explains a syntax error in words, where the library
/// says `expectedSectionEnd`. It accepts the same language (sections, inverted sections,
/// partials, parents with blocks, comments, set delimiters, pragmas); text is dropped.
struct TemplateSource: Sendable {
    /// A tag as written: `{{#doc.prev}}` at line 41, column 1.
    struct Tag: Sendable {
        /// Where a name is looked up (swift-mustache's rules).
        enum Scope: Sendable {
            /// `.`: the innermost context itself.
            case current
            /// A transform alone, `first()`: the position in a list.
            case position
            /// `.title`: the innermost context only, no climbing.
            case innermost
            /// `title`, `site.title`: the first context up the stack that has the first name.
            case stack
        }

        var name: String
        /// `{{#first(items)}}` has the transform `first`, outermost first (swift-mustache's order).
        var transforms: [String]
        /// The tag as written, for messages (`{{site.titel}}`).
        var text: String
        var location: SourceLocation
        /// `site.title` → `["site", "title"]`, split once here rather than on every page.
        let components: [String]
        let scope: Scope

        init(name: String, transforms: [String], text: String, location: SourceLocation) {
            self.name = name
            self.transforms = transforms
            self.text = text
            self.location = location
            self.components = name.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
            if name == "." {
                scope = .current
            } else if name.isEmpty {
                scope = .position
            } else if name.hasPrefix(".") {
                scope = .innermost
            } else {
                scope = .stack
            }
        }
    }

    indirect enum Node: Sendable {
        /// `{{x}}`, `{{{x}}}`, `{{&x}}`
        case value(Tag)
        /// `{{#x}}…{{/x}}`, or `{{^x}}…{{/x}}` when inverted
        case section(Tag, inverted: Bool, body: [Node])
        /// `{{>name}}`; `{{>*name}}` takes the partial's name from the value `name`
        case partial(Tag, dynamic: Bool)
        /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: the partial `name` with blocks replaced
        case parent(Tag, blocks: [String: [Node]])
        /// `{{$name}}default{{/name}}` in a template that a parent fills
        case block(Tag, defaultBody: [Node])
    }

    let path: String
    let nodes: [Node]
    private let text: String

    init(text: String, path: String) throws(TemplateError) {
        var parser = Parser(text: text, path: path)
        self.path = path
        self.text = text
        self.nodes = try parser.parse()
    }

    /// Where `literal` first appears in the template's text.
    func location(of literal: String) -> SourceLocation? {
        guard let range = text.range(of: literal) else { return nil }
        let before = text.unicodeScalars[..<range.lowerBound]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.reversed().prefix { $0 != "\n" }.count + 1
        return SourceLocation(path: path, line: line, column: column)
    }

    /// Line `number` (1-based) of the template, for the excerpt under a message.
    func line(_ number: Int) -> String? {
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard number >= 1, number <= lines.count else { return nil }
        var line = String.UnicodeScalarView(lines[number - 1])
        if line.last == "\r" { line.removeLast() }
        return String(line)
    }
}

extension TemplateSource {
    /// A hand-written scanner over Unicode scalars (columns count scalars, as everywhere in
    /// Forge's messages). Open sections live on a stack; the error names the tag to fix.
    struct Parser {
        private struct Frame {
            enum Kind { case root, section(inverted: Bool), parent, blockDefinition, block }
            var kind: Kind
            var tag: Tag?
            var nodes: [Node] = []
            var blocks: [String: [Node]] = [:]
        }

        private let scalars: [Unicode.Scalar]
        private let path: String
        private var position = 0
        private var startDelimiter: [Unicode.Scalar] = ["{", "{"]
        private var endDelimiter: [Unicode.Scalar] = ["}", "}"]
        /// Offsets where lines start, for line and column of any offset.
        private let lineStarts: [Int]

        init(text: String, path: String) {
            self.scalars = Array(text.unicodeScalars)
            self.path = path
            var starts = [0]
            for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
            self.lineStarts = starts
        }

        mutating func parse() throws(TemplateError) -> [Node] {
            var stack = [Frame(kind: .root)]
            while let start = find(startDelimiter, from: position) {
                let location = self.location(of: start)
                position = start + startDelimiter.count
                guard let end = find(endDelimiter, from: position) else {
                    throw error("the tag opened here is never closed with \(string(endDelimiter))", at: location)
                }
                var inner = string(scalars[position..<end])
                position = end + endDelimiter.count
                let sigil = inner.unicodeScalars.first.map(Character.init)
                if sigil == "{" {
                    // {{{name}}}: the third brace comes after the end delimiter.
                    guard position < scalars.count, scalars[position] == "}" else {
                        throw error("{{{\(String(inner.dropFirst()))}} must end with }}}", at: location)
                    }
                    position += 1
                    inner += "}"
                }
                let written = string(startDelimiter) + inner + string(endDelimiter)
                switch sigil {
                case "!":
                    continue
                case "=":
                    try setDelimiters(inner, written: written, at: location)
                case "%":
                    try checkPragma(inner, written: written, at: location)
                case "#", "^":
                    let tag = try nameTag(inner.dropFirst(), written: written, at: location)
                    if case .parent = stack[stack.count - 1].kind { throw onlyBlocksInParent(stack[stack.count - 1], found: written,
                        at: location) }
                    stack.append(Frame(kind: .section(inverted: sigil == "^"), tag: tag))
                case "$":
                    let tag = try nameTag(inner.dropFirst(), written: written, at: location)
                    guard tag.transforms.isEmpty else { throw error("a block \(written) cannot have a transform", at: location) }
                    if case .parent = stack[stack.count - 1].kind {
                        stack.append(Frame(kind: .blockDefinition, tag: tag))
                    } else {
                        stack.append(Frame(kind: .block, tag: tag))
                    }
                case "<":
                    let tag = try partialTag(inner.dropFirst(), written: written, at: location)
                    if case .parent = stack[stack.count - 1].kind { throw onlyBlocksInParent(stack[stack.count - 1], found: written,
                        at: location) }
                    stack.append(Frame(kind: .parent, tag: tag))
                case ">":
                    var name = inner.dropFirst().drop(while: \.isWhitespace)
                    let dynamic = name.first == "*"
                    if dynamic { name = name.dropFirst() }
                    let tag = try partialTag(name, written: written, at: location)
                    if case .parent = stack[stack.count - 1].kind { throw onlyBlocksInParent(stack[stack.count - 1], found: written,
                        at: location) }
                    stack[stack.count - 1].nodes.append(.partial(tag, dynamic: dynamic))
                case "/":
                    let closing = try nameTag(inner.dropFirst(), written: written, at: location)
                    let frame = stack.removeLast()
                    guard let opening = frame.tag else {
                        throw error("\(written) closes a section that was never opened", at: location)
                    }
                    guard opening.name == closing.name, opening.transforms == closing.transforms else {
                        if stack.contains(where: { $0.tag?.name == closing.name }) {
                            throw error("\(written) comes before the end of \(opening.text) opened at line " +
                                "\(opening.location.line ?? 0): close that first with \(closingText(opening))", at: location)
                        }
                        throw error("\(written) does not close the open section \(opening.text) opened at line " +
                            "\(opening.location.line ?? 0) (expected \(closingText(opening)))", at: location)
                    }
                    try close(frame, tag: opening, into: &stack)
                default:
                    let tag = try nameTag(sigil == "&" || sigil == "{" ? inner.dropFirst().prefix(while: { $0 != "}" }) : inner[...],
                        written: written, at: location)
                    if case .parent = stack[stack.count - 1].kind { throw onlyBlocksInParent(stack[stack.count - 1], found: written,
                        at: location) }
                    stack[stack.count - 1].nodes.append(.value(tag))
                }
            }
            if let unclosed = stack.last?.tag {
                throw error("the section \(unclosed.text) opened at line \(unclosed.location.line ?? 0) is never closed (expected " +
                    "\(closingText(unclosed)) before the end of the file)", at: unclosed.location)
            }
            return stack[0].nodes
        }

        private func close(_ frame: Frame, tag: Tag, into stack: inout [Frame]) throws(TemplateError) {
            let node: Node
            switch frame.kind {
            case .root:
                return
            case .section(let inverted):
                node = .section(tag, inverted: inverted, body: frame.nodes)
            case .parent:
                node = .parent(tag, blocks: frame.blocks)
            case .blockDefinition:
                stack[stack.count - 1].blocks[tag.name] = frame.nodes
                return
            case .block:
                node = .block(tag, defaultBody: frame.nodes)
            }
            stack[stack.count - 1].nodes.append(node)
        }

        // MARK: Tags

        /// A value or section name (`site.title`, `.`, `first(items)`), as swift-mustache reads it.
        private func nameTag(_ inner: Substring, written: String, at location: SourceLocation) throws(TemplateError) -> Tag {
            let text = inner.trimmingWhitespace
            guard !text.isEmpty else {
                throw error("\(written) is empty: a tag needs the name of a value", at: location)
            }
            guard text.unicodeScalars.allSatisfy({ Parser.nameCharacters.contains($0) || $0 == "(" || $0 == ")" }) else {
                throw error("\(written) is not a name: a tag holds one name of letters, digits, \".\", \"-\" and \"_\", found \"\(text)\"",
                    at: location)
            }
            // first(second(name)): transforms outermost first, then the name.
            var transforms: [String] = []
            var rest = Substring(text)
            while let paren = rest.firstIndex(of: "(") {
                transforms.append(String(rest[..<paren]))
                rest = rest[rest.index(after: paren)...]
            }
            let closing = rest.drop(while: { $0 != ")" })
            let name = String(rest.prefix(while: { $0 != ")" }))
            guard closing.count == transforms.count, closing.allSatisfy({ $0 == ")" }), !name.contains("(") else {
                throw error("\(written) is not a name or a transform like first(items)", at: location)
            }
            return Tag(name: name, transforms: transforms, text: written, location: location)
        }

        private func partialTag(_ inner: Substring, written: String, at location: SourceLocation) throws(TemplateError) -> Tag {
            let name = inner.trimmingWhitespace
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ Parser.nameCharacters.contains($0) || $0 == "/" }) else {
                throw error("\(written) does not name a template: names are letters, digits, \"/\", \".\", \"-\" and \"_\"", at: location)
            }
            return Tag(name: name, transforms: [], text: written, location: location)
        }

        private mutating func setDelimiters(_ inner: String, written: String, at location: SourceLocation) throws(TemplateError) {
            let body = inner.dropFirst()
            guard body.hasSuffix("=") else { throw error("\(written) must end with = to set delimiters, as in {{=<% %>=}}", at: location) }
            let parts = body.dropLast().split(whereSeparator: \.isWhitespace)
            guard parts.count == 2 else { throw error("\(written) must name two delimiters, as in {{=<% %>=}}", at: location) }
            startDelimiter = Array(parts[0].unicodeScalars)
            endDelimiter = Array(parts[1].unicodeScalars)
        }

        private func checkPragma(_ inner: String, written: String, at location: SourceLocation) throws(TemplateError) {
            let parts = inner.dropFirst().split(separator: ":").map(\.trimmingWhitespace)
            guard parts.count == 2, parts[0] == "CONTENT_TYPE", ["HTML", "TEXT"].contains(parts[1]) else {
                throw error("\(written) is not a pragma this theme language knows (only {{%CONTENT_TYPE:HTML}} and " +
                    "{{%CONTENT_TYPE:TEXT}})", at: location)
            }
        }

        private func onlyBlocksInParent(_ frame: Frame, found written: String, at location: SourceLocation) -> TemplateError {
            let parent = frame.tag?.text ?? "{{<…}}"
            return error("\(written) cannot stand inside \(parent): a parent holds only blocks such as {{$main}}…{{/main}}", at: location)
        }

        private func closingText(_ tag: Tag) -> String {
            let name = tag.transforms.reduce(tag.name) { inner, transform in "\(transform)(\(inner))" }
            return string(startDelimiter) + "/" + (tag.transforms.isEmpty ? tag.name : name) + string(endDelimiter)
        }

        // MARK: Scanning

        private func find(_ needle: [Unicode.Scalar], from start: Int) -> Int? {
            guard let first = needle.first, start <= scalars.count - needle.count else { return nil }
            var index = start
            while index <= scalars.count - needle.count {
                if scalars[index] == first, scalars[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }

        private func location(of offset: Int) -> SourceLocation {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return SourceLocation(path: path, line: low + 1, column: offset - lineStarts[low] + 1)
        }

        private func line(_ number: Int?) -> String? {
            guard let number, number >= 1, number <= lineStarts.count else { return nil }
            let start = lineStarts[number - 1]
            var end = start
            while end < scalars.count, scalars[end] != "\n", scalars[end] != "\r" { end += 1 }
            return string(scalars[start..<end])
        }

        private func error(_ problem: String, at location: SourceLocation) -> TemplateError {
            TemplateError(.syntax(problem), at: location, sourceLine: line(location.line))
        }

        private func string<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }

        static let nameCharacters: Set<Unicode.Scalar> =
            Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*".unicodeScalars)
    }
}

private extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
