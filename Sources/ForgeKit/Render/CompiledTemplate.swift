import Foundation
import Mustache

/// A template as swift-mustache parsed it, rendered here straight into bytes (issue 11).
///
/// swift-mustache stays the parser (its whitespace rules for standalone tags, partial
/// indentation, parents and blocks are the language), but its renderer looks every name up
/// through a chain of dynamic casts and builds the page by concatenating strings, escaping
/// character by character: a third of a docs build. This renderer walks the same tokens
/// (read once per theme through `Mirror`, as the library keeps them internal) with the same
/// rules — the lookup up the context stack, sections, inverted sections, partials with their
/// indentation, parents with blocks — into one byte buffer, escaping by bytes.
///
/// It covers the language Forge's themes use. A theme with a construct it does not cover
/// (transforms such as `first(items)`, dynamic partials `{{>*name}}`, the content-type pragma)
/// is rendered by swift-mustache as before: `compile` returns nil for it.
///
/// One deliberate difference: swift-mustache escapes by `Character`, so a `"` or `<` followed
/// by a combining mark (one grapheme) went out unescaped — a way out of an attribute value.
/// Escaping bytes has no such gap; every other output is the library's, byte for byte (tests
/// render every golden site both ways).
struct CompiledTemplate: Sendable {
    /// How a name is looked up (swift-mustache's rules).
    struct Path: Sendable {
        enum Scope: Sendable {
            /// `.`: the innermost context.
            case current
            /// `.title`: from the innermost context only.
            case innermost
            /// `title`, `site.title`: the first context up the stack that has the first name.
            case stack
        }

        let scope: Scope
        let names: [String]

        init(_ name: String) {
            names = name.split(separator: ".").map(String.init)
            scope = name == "." ? .current : name.first == "." ? .innermost : .stack
        }
    }

    indirect enum Token: Sendable {
        case text([UInt8])
        case value(Path, escaped: Bool)
        case section(Path, CompiledTemplate, inverted: Bool)
        /// `{{>name}}`, and `{{<name}}…{{/name}}` with the blocks it fills.
        case partial(String, indentation: String?, overrides: [String: CompiledTemplate]?)
        /// `{{$name}}default{{/name}}`
        case block(String, CompiledTemplate, indentation: String?)
    }

    let tokens: [Token]

    /// Every template of a library, compiled; nil when any uses what this renderer does not cover.
    static func compile(_ templates: [String: MustacheTemplate]) -> [String: CompiledTemplate]? {
        var compiled: [String: CompiledTemplate] = [:]
        for (name, template) in templates {
            guard let one = CompiledTemplate(template) else { return nil }
            compiled[name] = one
        }
        return compiled
    }

    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return nil
        }
        var compiled: [Token] = []
        compiled.reserveCapacity(tokens.count)
        for token in tokens {
            // Texts stay apart as the library has them (a line each): a partial's indentation
            // goes before each token that starts a line.
            guard let one = CompiledTemplate.token(token) else { return nil }
            compiled.append(one)
        }
        self.tokens = compiled
    }

    /// One of swift-mustache's tokens (`MustacheTemplate.Token`, read through `Mirror`).
    private static func token(_ token: Any) -> Token? {
        guard let (kind, payload) = Mirror(reflecting: token).children.first.flatMap({ child in child.label.map { ($0, child.value) } })
        else { return nil }
        let fields = Dictionary(Mirror(reflecting: payload).children.compactMap { child in child.label.map { ($0, child.value) } },
                                uniquingKeysWith: { first, _ in first })
        switch kind {
        case "text":
            guard let text = payload as? String else { return nil }
            return .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty
            else { return nil }
            return .value(Path(name), escaped: kind == "variable")
        case "section", "invertedSection":
            guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String], transforms.isEmpty,
                  let body = fields["template"] as? MustacheTemplate, let compiled = CompiledTemplate(body) else { return nil }
            return .section(Path(name), compiled, inverted: kind == "invertedSection")
        case "partial":
            guard let name = fields[".0"] as? String, let indentation = optional(fields["indentation"], as: String.self),
                  let inherits = optional(fields["inherits"], as: [String: MustacheTemplate].self) else { return nil }
            var overrides: [String: CompiledTemplate]?
            if let inherits {
                overrides = [:]
                for (block, body) in inherits {
                    guard let compiled = CompiledTemplate(body) else { return nil }
                    overrides?[block] = compiled
                }
            }
            return .partial(name, indentation: indentation, overrides: overrides)
        case "blockExpansion":
            guard let name = fields["name"] as? String, let body = fields["default"] as? MustacheTemplate,
                  let compiled = CompiledTemplate(body), let indentation = optional(fields["indentation"], as: String.self)
            else { return nil }
            return .block(name, compiled, indentation: indentation)
        default:
            // dynamicNamePartial, contentType, blockDefinition outside a parent: not covered.
            return nil
        }
    }

    /// An optional field: `.some(nil)` when it is nil, `.some(value)`, or nil when it is not a `T?`.
    private static func optional<T>(_ value: Any?, as type: T.Type) -> T?? {
        guard let value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return nil }
        guard let wrapped = mirror.children.first?.value else { return .some(nil) }
        guard let typed = wrapped as? T else { return nil }
        return .some(typed)
    }
}

/// Renders compiled templates: what `MustacheLibrary.render(_:withTemplate:)` returns, as bytes.
struct CompiledLibrary: Sendable {
    let templates: [String: CompiledTemplate]

    private struct Context {
        var stack: [Any]
        /// Prefixed to each line a partial or block renders after its first (empty: none).
        var indentation: [UInt8] = []
        var inherited: [String: CompiledTemplate]?
        /// Partials and parents entered.
        var depth = 0
        /// A name that nothing on the stack has, a missing partial, or partials nested past
        /// `TemplateCheck.maximumDepth`: what `TemplateCheck` reports, in its words.
        var sawProblem = false
    }

    /// A page's bytes, and whether the render met what `TemplateCheck` reports as an error.
    struct Page {
        var bytes: [UInt8]
        var needsCheck: Bool
    }

    func render(_ object: Any, withTemplate name: String) -> Page? {
        guard let template = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        var context = Context(stack: [object])
        render(template, into: &out, context: &context)
        return Page(bytes: out, needsCheck: context.sawProblem)
    }

    private func render(_ template: CompiledTemplate, into out: inout [UInt8], context: inout Context) {
        guard !context.indentation.isEmpty else {
            for token in template.tokens { render(token, into: &out, context: &context) }
            return
        }
        // swift-mustache indents a token's output when this template's output so far ends a
        // line (its last Character is "\n": not "\r\n", one Character).
        let start = out.count
        for token in template.tokens {
            let before = out.count
            let atLineStart = before > start && out[before - 1] == 0x0A && !(before - 1 > start && out[before - 2] == 0x0D)
            render(token, into: &out, context: &context)
            if atLineStart, out.count > before { out.insert(contentsOf: context.indentation, at: before) }
        }
    }

    private func render(_ token: CompiledTemplate.Token, into out: inout [UInt8], context: inout Context) {
        switch token {
        case .text(let bytes):
            out.append(contentsOf: bytes)

        case .value(let path, let escaped):
            guard let value = lookUp(path, in: &context) else { return }
            if let string = value as? String {
                append(string, escaped: escaped, to: &out)
            } else {
                append(String(describing: CompiledLibrary.unwrapOptional(value)), escaped: escaped, to: &out)
            }

        case .section(let path, let body, let inverted):
            let value = lookUp(path, in: &context)
            if let list = value as? [Any] {
                if inverted {
                    guard list.isEmpty else { return }
                    context.stack.append(list)
                    render(body, into: &out, context: &context)
                    context.stack.removeLast()
                } else {
                    for element in list {
                        context.stack.append(element)
                        render(body, into: &out, context: &context)
                        context.stack.removeLast()
                    }
                }
            } else if let flag = value as? Bool {
                if flag != inverted { render(body, into: &out, context: &context) }
            } else if let value {
                guard !inverted else { return }
                context.stack.append(value)
                render(body, into: &out, context: &context)
                context.stack.removeLast()
            } else if inverted {
                render(body, into: &out, context: &context)
            }

        case .partial(let name, let indentation, let overrides):
            guard let template = templates[name], context.depth < TemplateCheck.maximumDepth else {
                context.sawProblem = true
                return
            }
            let saved = (context.indentation, context.inherited)
            context.depth += 1
            defer { context.depth -= 1 }
            if let indentation { context.indentation += indentation.utf8 }
            if let overrides {
                // The outer parent's blocks win over the inner one's (swift-mustache's merge).
                context.inherited = context.inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            render(template, into: &out, context: &context)
            (context.indentation, context.inherited) = saved

        case .block(let name, let defaultBody, let indentation):
            let saved = context.indentation
            if let indentation { context.indentation += indentation.utf8 }
            render(context.inherited?[name] ?? defaultBody, into: &out, context: &context)
            context.indentation = saved
        }
    }

    // MARK: - Names

    /// The value `path` names, as swift-mustache finds it; nil for a missing name and for null.
    /// A name missing where `TemplateCheck` would say so is noted in `context`.
    private func lookUp(_ path: CompiledTemplate.Path, in context: inout Context) -> Any? {
        var found: Any?
        switch path.scope {
        case .current:
            found = context.stack.last
        case .innermost:
            found = context.stack.last.flatMap { chain(path.names[...], from: $0, context: &context) }
        case .stack:
            guard let first = path.names.first else {
                found = context.stack.last
                break
            }
            var matched = false
            for object in context.stack.reversed() {
                if let child = child(named: first, of: object) {
                    found = chain(path.names.dropFirst(), from: child, context: &context)
                    matched = true
                    break
                }
            }
            if !matched { context.sawProblem = true }
        }
        return found.flatMap(CompiledLibrary.represented)
    }

    private func chain(_ names: ArraySlice<String>, from object: Any, context: inout Context) -> Any? {
        var object = object
        for name in names {
            guard let child = child(named: name, of: object) else {
                // A null has no children, and the check lets it be (the page shows nothing).
                if CompiledLibrary.represented(object) != nil { context.sawProblem = true }
                return nil
            }
            object = child
        }
        return object
    }

    private func child(named name: String, of object: Any) -> Any? {
        if let dictionary = object as? [String: Any] { return dictionary[name] }
        guard let object = CompiledLibrary.represented(object) else { return nil }
        if let parent = object as? MustacheParent { return parent.child(named: name) }
        guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: match.value)
        guard mirror.displayStyle == .optional else { return match.value }
        return mirror.children.first?.value
    }

    /// `NSNull` stands for nothing (swift-mustache's `MustacheCustomRepresentation`).
    private static func represented(_ value: Any) -> Any? {
        if value is String || value is [Any] || value is [String: Any] || value is Bool { return value }
        if let custom = value as? MustacheCustomRepresentation { return custom.representation }
        return value
    }

    private static func unwrapOptional(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value ?? value
    }

    // MARK: - Output

    private func append(_ string: String, escaped: Bool, to out: inout [UInt8]) {
        guard escaped else {
            out.append(contentsOf: string.utf8)
            return
        }
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
    }
}
