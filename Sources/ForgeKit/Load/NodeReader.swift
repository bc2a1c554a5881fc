/// Reads one YAML mapping against a schema, reporting every problem with its line and column.
///
/// Decodable would stop at the first error and lose the position; this reader keeps going, so a
/// user sees all mistakes of a file at once, each as `path:line:col: error: field: …`.
///
/// A reader exists only inside `NodeReader.read(_:field:source:diagnostics:_:)`, which reports
/// every key the reading did not take as unknown once it is done: a typo cannot pass, and no
/// loader can forget to check for one.
struct NodeReader {
    let node: YAMLNode
    /// The field path used in messages, e.g. `keys[2]`.
    let field: String
    let source: SourceText
    private let pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
    private var consumed: Set<String> = []

    /// Reads `node`, a mapping, with `body`, then reports the keys `body` did not take. nil, with
    /// an error, when the node is not a mapping.
    static func read<Result>(_ node: YAMLNode, field: String, source: SourceText, diagnostics: inout Diagnostics,
                             _ body: (inout NodeReader, inout Diagnostics) -> Result) -> Result? {
        guard case .mapping(let mapping) = node.content else {
            diagnostics.report(NodeReader.typeError(field: field, expected: "a mapping of keys to values", node: node, source: source))
            return nil
        }
        var reader = NodeReader(node: node, field: field, source: source,
                                pairs: mapping.map { ($0.key.string ?? NodeReader.describe($0.key), $0.key, $0.value) })
        let result = body(&reader, &diagnostics)
        reader.finish(diagnostics: &diagnostics)
        return result
    }

    private init(node: YAMLNode, field: String, source: SourceText, pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) {
        self.node = node
        self.field = field
        self.source = source
        self.pairs = pairs
    }

    func value(_ key: String) -> YAMLNode? {
        pairs.first { $0.key == key }?.value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func path(_ key: String) -> String { field.isEmpty ? key : field + "." + key }

    /// The node for `key`, marking it read; reports a missing required key.
    mutating func take(_ key: String, required: Bool, diagnostics: inout Diagnostics) -> YAMLNode? {
        consumed.insert(key)
        guard let node = value(key), !NodeReader.isNull(node) else {
            if required {
                diagnostics.report(source.error(.missingKey(field: field, key: key), line: node.line, column: node.column))
            }
            return nil
        }
        return node
    }

    mutating func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        read(key, required: required, diagnostics: &diagnostics, NodeReader.string)
    }

    /// A non-negative whole number.
    mutating func count(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Int? {
        read(key, required: required, diagnostics: &diagnostics, NodeReader.count)
    }

    /// The value of `key` as one of the readers below gives it (which reports what is wrong with
    /// it); nil when it is absent or wrong.
    private mutating func read<Value>(_ key: String, required: Bool, diagnostics: inout Diagnostics,
                                      _ reader: (YAMLNode, String, SourceText, inout Diagnostics) -> Value?) -> Value? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        return reader(node, path(key), source, &diagnostics)
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>, required: Bool = false, diagnostics: inout Diagnostics) -> Int? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard let scalar = NodeReader.plainScalar(node), let value = Int(scalar) else {
            diagnostics.report(NodeReader.typeError(field: path(key), expected: "a whole number", node: node, source: source))
            return nil
        }
        guard range.contains(value) else {
            diagnostics.report(NodeReader.valueError(field: path(key),
                problem: "\(value) is out of range \(range.lowerBound)-\(range.upperBound)", node: node, source: source))
            return nil
        }
        return value
    }

    mutating func money(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Money? {
        read(key, required: required, diagnostics: &diagnostics, NodeReader.money)
    }

    mutating func day(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Day? {
        read(key, required: required, diagnostics: &diagnostics, NodeReader.day)
    }

    mutating func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let node = take(key, required: false, diagnostics: &diagnostics) else { return nil }
        if let scalar = NodeReader.plainScalar(node) {
            switch scalar {
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
        guard case .sequence(let sequence) = node.content else {
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
        let location = source.location(line: node.line, column: node.column)
        if !APIKey.isValidID(id) {
            diagnostics.report(NodeReader.valueError(field: path("id"), problem: "\"\(id)\" must be 1-64 characters of a-z, 0-9, _ and -",
                node: node, source: source))
        } else if let first = seen[id] {
            diagnostics.report(source.error(.duplicateID(field: path("id"), id: id, first: first), line: location.line,
                column: location.column))
        } else {
            seen[id] = location
        }
        return id
    }

    /// The sequence under `key`, or nil (with an error when it is something else).
    mutating func sequence(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> [YAMLNode]? {
        guard let node = take(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard case .sequence(let sequence) = node.content else {
            diagnostics.report(NodeReader.typeError(field: path(key), expected: "a list", node: node, source: source))
            return nil
        }
        return sequence
    }

    /// Reports every key that no `take` asked for.
    private func finish(diagnostics: inout Diagnostics) {
        let known = consumed.sorted()
        for pair in pairs where !consumed.contains(pair.key) {
            diagnostics.report(source.error(
                .unknownKey(field: field, key: pair.key, suggestion: NodeReader.closest(to: pair.key, in: known)),
                line: pair.keyNode.line, column: pair.keyNode.column))
        }
    }

    // MARK: - Scalars

    static func isNull(_ node: YAMLNode) -> Bool {
        guard let text = plainScalar(node) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The text of a plain scalar: the only kind that may be a number, a boolean or null.
    static func plainScalar(_ node: YAMLNode) -> String? {
        guard case .scalar(let text, isPlain: true) = node.content else { return nil }
        return text
    }

    static func string(_ node: YAMLNode, field: String, source: SourceText, diagnostics: inout Diagnostics) -> String? {
        guard let text = node.string else {
            diagnostics.report(typeError(field: field, expected: "a string", node: node, source: source))
            return nil
        }
        return text
    }

    static func count(_ node: YAMLNode, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Int? {
        guard let scalar = plainScalar(node), let value = Int(scalar) else {
            diagnostics.report(typeError(field: field, expected: "a whole number", node: node, source: source))
            return nil
        }
        guard value >= 0 else {
            diagnostics.report(valueError(field: field, problem: "must not be negative, found \(value)", node: node, source: source))
            return nil
        }
        return value
    }

    static func money(_ node: YAMLNode, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Money? {
        guard let scalar = plainScalar(node), isNumberLike(scalar) else {
            diagnostics.report(typeError(field: field, expected: "a number", node: node, source: source))
            return nil
        }
        if scalar.hasPrefix("-") {
            diagnostics.report(valueError(field: field, problem: "must not be negative, found \(scalar)", node: node, source: source))
            return nil
        }
        guard let money = Money(parsing: scalar) else {
            diagnostics.report(valueError(field: field,
                problem: "\(scalar) is not a plain decimal amount below 10^12 with at most 6 decimals", node: node, source: source))
            return nil
        }
        return money
    }

    static func day(_ node: YAMLNode, field: String, source: SourceText, diagnostics: inout Diagnostics) -> Day? {
        guard let text = node.string else {
            diagnostics.report(typeError(field: field, expected: "a date (YYYY-MM-DD)", node: node, source: source))
            return nil
        }
        guard let day = Day(parsing: text) else {
            diagnostics.report(valueError(field: field, problem: "\"\(text)\" is not a real UTC day in the form YYYY-MM-DD", node: node,
                source: source))
            return nil
        }
        return day
    }

    static func isNumberLike(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(numberLikeBytes.contains)
    }

    /// Digits and what a YAML or JSON number may also hold: a point, signs, an exponent, `_`.
    private static let numberLikeBytes = Set("0123456789.-+eE_".utf8)

    static func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _): isNull(node) ? "nothing (null)" : "\"\(text)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    static func typeError(field: String, expected: String, node: YAMLNode, source: SourceText) -> ContentError {
        source.error(.wrongType(field: field, expected: expected, found: describe(node)), line: node.line, column: node.column)
    }

    static func valueError(field: String, problem: String, node: YAMLNode, source: SourceText) -> ContentError {
        source.error(.invalidValue(field: field, problem: problem), line: node.line, column: node.column)
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
