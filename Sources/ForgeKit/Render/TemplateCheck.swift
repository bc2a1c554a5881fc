import Foundation
import Mustache

/// Checks, before a page is rendered, that every tag the render will evaluate names a value the
/// page's context has — the check swift-mustache does not make (it renders `{{site.titel}}` as
/// nothing).
///
/// It walks the template tree with the page's real context, the way swift-mustache renders:
/// the same lookup up the context stack, the same sections (lists repeat, `false`, null and
/// empty lists skip), the same partials and parent blocks. So it checks what this page shows,
/// and nothing the page skips.
///
/// What counts is the context's *shape*: a key that is present with a null value (a nil optional
/// property of a typed context, which `TemplateEncoder` writes as `NSNull`) is known, and only a
/// name that no enclosing context has at all is an error.
struct TemplateCheck {
    let templates: [String: TemplateSource]
    /// Deeper than any real page nests partials; past it, a partial is including itself.
    static let maximumDepth = 64

    func check(_ name: String, context: Any) throws(TemplateError) {
        guard let template = templates[name] else { return }
        var stack: [Any] = [context]
        try walk(template.nodes, stack: &stack, blocks: [:], depth: 0)
    }

    /// `stack` is the context stack, innermost last; every push is popped before returning.
    private func walk(_ nodes: [TemplateSource.Node], stack: inout [Any], blocks: [String: [TemplateSource.Node]],
        depth: Int) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .value(let tag):
                _ = try resolve(tag, stack: stack)

            case .section(let tag, let inverted, let body):
                let value = try resolve(tag, stack: stack)
                switch (TemplateCheck.classify(value), inverted) {
                case (.list(let elements), false):
                    for element in elements {
                        stack.append(element)
                        defer { stack.removeLast() }
                        try walk(body, stack: &stack, blocks: blocks, depth: depth)
                    }
                case (.list(let elements), true) where elements.isEmpty:
                    stack.append(elements)
                    defer { stack.removeLast() }
                    try walk(body, stack: &stack, blocks: blocks, depth: depth)
                case (.flag(let flag), _) where flag != inverted:
                    try walk(body, stack: &stack, blocks: blocks, depth: depth)
                case (.null, true):
                    try walk(body, stack: &stack, blocks: blocks, depth: depth)
                case (.object(let object), false):
                    stack.append(object)
                    defer { stack.removeLast() }
                    try walk(body, stack: &stack, blocks: blocks, depth: depth)
                default:
                    continue  // the page skips this section: nothing in it is evaluated
                }

            case .partial(let tag, let dynamic):
                var name = tag.name
                if dynamic {
                    guard let value = try resolve(tag, stack: stack) as? String else { continue }
                    name = value
                }
                try include(name, tag: tag, stack: &stack, blocks: blocks, depth: depth)

            case .parent(let tag, let overrides):
                // Blocks given further out win over the parent's own (swift-mustache's rule).
                let merged = blocks.isEmpty ? overrides : blocks.merging(overrides) { outer, _ in outer }
                try include(tag.name, tag: tag, stack: &stack, blocks: merged, depth: depth)

            case .block(let tag, let defaultBody):
                try walk(blocks[tag.name] ?? defaultBody, stack: &stack, blocks: blocks, depth: depth)
            }
        }
    }

    private func include(_ name: String, tag: TemplateSource.Tag, stack: inout [Any], blocks: [String: [TemplateSource.Node]],
        depth: Int) throws(TemplateError) {
        guard let template = templates[name] else {
            throw TemplateError(.missingPartial(tag: tag.text, name: name), at: tag.location, sourceLine: sourceLine(of: tag))
        }
        guard depth < TemplateCheck.maximumDepth else {
            throw TemplateError(.nestedTooDeep(tag: tag.text, depth: TemplateCheck.maximumDepth), at: tag.location,
                sourceLine: sourceLine(of: tag))
        }
        try walk(template.nodes, stack: &stack, blocks: blocks, depth: depth + 1)
    }

    // MARK: Lookup (as swift-mustache's MustacheTemplate.getChild)

    /// The value a tag names; nil when it is present but null. Throws when nothing has it.
    private func resolve(_ tag: TemplateSource.Tag, stack: [Any]) throws(TemplateError) -> Any? {
        guard let top = stack.last else { return nil }
        var value: Any?
        var rest = tag.components[...]
        switch tag.scope {
        case .current:
            return top
        case .position:
            return true  // `first()` and friends: the position in a list
        case .innermost:
            value = top
        case .stack:
            guard let first = rest.popFirst() else { return top }
            var found: Found?
            for frame in stack.reversed() {
                found = TemplateCheck.child(first, of: frame)
                if found != nil { break }
            }
            guard let found else {
                throw missing(tag, component: first, in: nil, known: stack.flatMap(TemplateCheck.keys))
            }
            value = found.value
        }
        for index in rest.indices {
            guard let object = value else { return nil }  // a null has no children: the page skips it
            guard let found = TemplateCheck.child(tag.components[index], of: object) else {
                let path = tag.components[..<index].joined(separator: ".")
                throw missing(tag, component: tag.components[index], in: path.isEmpty ? nil : path, known: TemplateCheck.keys(object))
            }
            value = found.value
        }
        if var result = value, !tag.transforms.isEmpty {
            for transform in tag.transforms.reversed() {
                guard let transformed = (result as? MustacheTransformable)?.transform(transform) else { return nil }
                result = transformed
            }
            value = result
        }
        return value
    }

    /// What a section does with its value, as swift-mustache's `renderSection` decides.
    private enum SectionValue {
        case null
        case list([Any])
        case flag(Bool)
        case object(Any)
    }

    private static func classify(_ value: Any?) -> SectionValue {
        guard let value else { return .null }
        if let flag = value as? Bool { return .flag(flag) }
        if value is String { return .object(value) }
        if let list = value as? [Any] { return .list(list) }
        if let sequence = value as? any MustacheSequence { return .list(anyElements(sequence)) }
        if let renderable = value as? MustacheCustomRenderable, renderable.isNull { return .null }
        return .object(value)
    }

    private static func anyElements<S: Sequence>(_ sequence: S) -> [Any] {
        sequence.map { $0 as Any }
    }

    /// A key or property that exists; `value` is nil when it holds a null.
    private struct Found {
        var value: Any?
    }

    /// The child `name` of `object` when the object has that key or property, else nil.
    private static func child(_ name: String, of object: Any) -> Found? {
        if let dictionary = object as? [String: Any] {
            guard let value = dictionary[name] else { return nil }
            return Found(value: representation(of: value))
        }
        if object is String || object is Bool { return nil }
        var object: Any? = object
        if let custom = object as? MustacheCustomRepresentation { object = custom.representation }
        guard let object else { return nil }
        if let parent = object as? MustacheParent {
            guard let value = parent.child(named: name) else { return nil }
            return Found(value: representation(of: value))
        }
        // A struct or class: a property that exists is known even when it is a nil optional.
        guard let property = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let mirror = Mirror(reflecting: property.value)
        let unwrapped: Any? = mirror.displayStyle == .optional ? mirror.children.first?.value : property.value
        guard let unwrapped else { return Found(value: nil) }
        return Found(value: representation(of: unwrapped))
    }

    /// `NSNull` (and any value whose custom representation is nil) → nil.
    private static func representation(of value: Any) -> Any? {
        if value is String || value is Bool || value is Int || value is [String: Any] { return value }
        if let custom = value as? MustacheCustomRepresentation { return custom.representation }
        return value
    }

    /// The names an object offers, for "did you mean".
    private static func keys(_ object: Any) -> [String] {
        if let dictionary = object as? [String: Any] { return Array(dictionary.keys) }
        if let keyed = object as? TemplateKeyed { return keyed.templateKeys }
        return Mirror(reflecting: object).children.compactMap(\.label)
    }

    // MARK: Messages

    private func missing(_ tag: TemplateSource.Tag, component: String, in parent: String?, known: [String]) -> TemplateError {
        let names = Array(Set(known)).sorted()
        let owner = parent.map { "\"\($0)\" has no \"\(component)\"" } ?? "nothing here is called \"\(component)\""
        var hint = ""
        if let suggestion = TemplateCheck.closest(to: component, in: names) {
            hint = " (did you mean \"\(parent.map { "\($0)." } ?? "")\(suggestion)\"?)"
        } else if !names.isEmpty, names.count <= 12 {
            hint = " (\(parent.map { "\"\($0)\"" } ?? "the page") has: \(names.joined(separator: ", ")))"
        }
        return TemplateError(.missingValue(tag: tag.text, problem: owner + hint), at: tag.location, sourceLine: sourceLine(of: tag))
    }

    private func sourceLine(of tag: TemplateSource.Tag) -> String? {
        templates.values.first { $0.path == tag.location.path }?.line(tag.location.line ?? 0)
    }

    /// The known name at most two edits away (a typo), else nil.
    static func closest(to word: String, in names: [String]) -> String? {
        let scored = names.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.filter { $0.1 <= 2 }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Edits between two words, a swap of neighbours counting as one (`titel` → `title`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = Swift.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = Swift.min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}

/// A context value that is not a dictionary but can list its names for "did you mean".
protocol TemplateKeyed {
    var templateKeys: [String] { get }
}
