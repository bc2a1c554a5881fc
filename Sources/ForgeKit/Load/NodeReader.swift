import Yams

/// Reads one YAML mapping against a schema, reporting every problem with its line and column.
///
/// Decodable would stop at the first error and lose the position; this reader keeps going, so a
/// user sees all mistakes of a file at once, each as `path:line:col: error: field: …`.
/// Call `finish()` last: keys nobody asked for are reported as unknown (typos must not pass).
struct NodeReader {
    let node: Node
    /// The field path used in messages, e.g. `keys[2]`.
    let field: String
    let source: SourceText
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var consumed: Set<String> = []
    private(set) var isMapping: Bool

    init(_ node: Node, field: String, source: SourceText, diagnostics: inout Diagnostics) {
        self.node = node
        self.field = field
        self.source = source
        if case .mapping(let mapping) = node {
            isMapping = true
            for (key, value) in mapping {
                pairs.append((key.scalar?.string ?? "\(key)", key, value))
            }
        } else {
            isMapping = false
            diagnostics.report(NodeReader.typeError(field: field, expected: "a mapping of keys to values", node: node, source: source))
        }
    }

    var mark: Mark? { node.mark }

    func value(_ key: String) -> Node? {
        pairs.first { $0.key == key }?.value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func path(_ key: String) -> String { field.isEmpty ? key : field + "." + key }

    /// The node for `key`, marking it read; reports a missing required key.
    mutating func take(_ key: String, required: Bool, diagnostics: inout Diagnostics) -> Node? {
        consumed.insert(key)
        guard isMapping else { return nil }
        guard let node = value(key), !NodeReader.isNull(node) else {
            if required {
                diagnostics.report(source.error(.missingKey(field: field, key: key), line: mark?.line, column: mark?.column))
            }
            return nil
        }
        return node
    }

    mutating func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        return NodeReader.string(node, field: path(key), source: source, diagnostics: &diagnostics)
    }

    /// A non-negative whole number.
    mutating func count(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Int? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        return NodeReader.count(node, field: path(key), source: source, diagnostics: &diagnostics)
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false, diagnostics: inout Diagnostics) -> Int? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let scalar = NodeReader.plainScalar(node), let value = Int(scalar.string) else {
            diagnostics.report(NodeReader.typeError(field: path(key), expected: "a whole number", node: node, source: source))
            return nil
        }
        guard range.contains(value) else {
            diagnostics.report(NodeReader.valueError(field: path(key), problem: "\(value) is out of range \(range.lowerBound)-\(range.upperBound)", node: node, source: source))
            return nil
        }
        return value
    }

    mutating func money(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Money? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        return NodeReader.money(node, field: path(key), source: source, diagnostics: &diagnostics)
    }

    mutating func day(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Day? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        return NodeReader.day(node, field: path(key), source: source, diagnostics: &diagnostics)
    }

    mutating func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let node = take(key, required: false, diagnostics: &diagnostics) else { return nil }
        if let scalar = NodeReader.plainScalar(node) {
            switch scalar.string {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        diagnostics.report(NodeReader.typeError(field: path(key), expected: "true or false", node: node, source: source))
        return nil
    }

    mutating func stringList(_ key: String, diagnostics: inout Diagnostics) -> [String]? {
        guard let node = take(key, required: false, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let sequence) = node else {
            diagnostics.report(NodeReader.typeError(field: path(key), expected: "a list", node: node, source: source))
            return nil
        }
        var items: [String] = []
        for (index, item) in sequence.enumerated() {
            if let text = NodeReader.string(item, field: "\(path(key))[\(index)]", source: source, diagnostics: &diagnostics) {
                items.append(text)
            }
        }
        return items
    }

    /// The `id` of a list item: required, `[a-z0-9_-]` (see `APIKey.isValidID`), and unique
    /// among the ids in `seen`, which maps each id to where it was first defined.
    mutating func uniqueID(seen: inout [String: SourceLocation], diagnostics: inout Diagnostics) -> String? {
        guard let id = string("id", required: true, diagnostics: &diagnostics), let node = value("id") else { return nil }
        let location = source.location(line: node.mark?.line, column: node.mark?.column)
        if !APIKey.isValidID(id) {
            diagnostics.report(NodeReader.valueError(field: path("id"), problem: "\"\(id)\" must be 1-64 characters of a-z, 0-9, _ and -", node: node, source: source))
        } else if let first = seen[id] {
            diagnostics.report(source.error(.duplicateID(field: path("id"), id: id, first: first), line: location.line, column: location.column))
        } else {
            seen[id] = location
        }
        return id
    }

    /// The sequence under `key`, or nil (with an error when it is something else).
    mutating func sequence(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [Node]? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let sequence) = node else {
            diagnostics.report(NodeReader.typeError(field: path(key), expected: "a list", node: node, source: source))
            return nil
        }
        return Array(sequence)
    }

    /// Reports every key that no `take` asked for.
    func finish(diagnostics: inout Diagnostics) {
        let known = consumed.sorted()
        for pair in pairs where !consumed.contains(pair.key) {
            diagnostics.report(source.error(
                .unknownKey(field: field, key: pair.key, suggestion: NodeReader.closest(to: pair.key, in: known)),
                line: pair.keyNode.mark?.line, column: pair.keyNode.mark?.column))
        }
    }

    // MARK: - Scalars

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func plainScalar(_ node: Node) -> Node.Scalar? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        return scalar
    }

    static func string(_ node: Node, field: String, source: SourceText, diagnostics: inout Diagnostics) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.report(typeError(field: field, expected: "a string", node: node, source: source))
            return nil
        }
        return scalar.string
    }

    static func count(_ node: Node, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Int? {
        guard let scalar = plainScalar(node), let value = Int(scalar.string) else {
            diagnostics.report(typeError(field: field, expected: "a whole number", node: node, source: source))
            return nil
        }
        guard value >= 0 else {
            diagnostics.report(valueError(field: field, problem: "must not be negative, found \(value)", node: node, source: source))
            return nil
        }
        return value
    }

    static func money(_ node: Node, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Money? {
        guard let scalar = plainScalar(node), isNumberLike(scalar.string) else {
            diagnostics.report(typeError(field: field, expected: "a number", node: node, source: source))
            return nil
        }
        if scalar.string.hasPrefix("-") {
            diagnostics.report(valueError(field: field, problem: "must not be negative, found \(scalar.string)", node: node, source: source))
            return nil
        }
        guard let money = Money(parsing: scalar.string) else {
            diagnostics.report(valueError(field: field, problem: "\(scalar.string) is not a plain decimal amount below 10^12 with at most 6 decimals", node: node, source: source))
            return nil
        }
        return money
    }

    static func day(_ node: Node, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Day? {
        guard case .scalar(let scalar) = node else {
            diagnostics.report(typeError(field: field, expected: "a date (YYYY-MM-DD)", node: node, source: source))
            return nil
        }
        guard let day = Day(parsing: scalar.string) else {
            diagnostics.report(valueError(field: field, problem: "\"\(scalar.string)\" is not a real UTC day in the form YYYY-MM-DD", node: node, source: source))
            return nil
        }
        return day
    }

    static func isNumberLike(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "_") }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, isNull(node) { return "nothing (null)" }
            return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func typeError(field: String, expected: String, node: Node, source: SourceText) -> ContentError {
        source.error(.wrongType(field: field, expected: expected, found: describe(node)), line: node.mark?.line, column: node.mark?.column)
    }

    static func valueError(field: String, problem: String, node: Node, source: SourceText) -> ContentError {
        source.error(.invalidValue(field: field, problem: problem), line: node.mark?.line, column: node.mark?.column)
    }

    /// The known key nearest to a typo, when it is near enough to be a useful hint.
    static func closest(to key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= max(1, key.count / 3) }
        return scored.min { $0.1 == $1.1 ? $0.0 < $1.0 : $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance: Levenshtein plus transpositions, so `titel` is one
    /// edit from `title`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

}
