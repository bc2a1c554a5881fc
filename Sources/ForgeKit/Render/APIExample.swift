import OpenAPIKit

/// A JSON value for an example, written the same way every build: keys in the author's order
/// where there is one (the spec's own examples, read from the file; generated ones follow the
/// schema's properties), sorted where there is none (OpenAPIKit's `AnyCodable` dictionaries).
indirect enum APIJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([APIJSON])
    case object([(String, APIJSON)])

    static func == (a: APIJSON, b: APIJSON) -> Bool { a.text() == b.text() }

    /// Pretty JSON, two spaces per level.
    func text(indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return String(value)
        case .string(let value): return APIJSON.quoted(value)
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { return "{}" }
            let inner = indent + "  "
            return "{\n" + pairs.map { inner + APIJSON.quoted($0.0) + ": " + $0.1.text(indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value,
                        radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// OpenAPIKit's decoded value (dictionaries sorted by key).
    init(any value: Any?) {
        switch value {
        case nil: self = .null
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .integer(int)
        case let uint as UInt: self = uint <= UInt(Int.max) ? .integer(Int(uint)) : .number(Double(uint))
        case let double as Double: self = .number(double)
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map { APIJSON(any: $0) })
        case let dictionary as [String: Any]:
            self = .object(dictionary.keys.sorted().map { ($0, APIJSON(any: dictionary[$0])) })
        case let codable as AnyCodable: self = APIJSON(any: codable.value)
        default: self = .null
        }
    }

    /// A node of the spec file, as JSON: plain scalars typed as YAML's core schema types them,
    /// quoted ones strings. Nil past `budget` values (an example too large to show).
    init?(tree: OpenAPISourceTree, node: Int32, budget: inout Int) {
        budget -= 1
        guard budget >= 0 else { return nil }
        let value = tree.node(node)
        switch value.kind {
        case .scalar:
            guard value.isPlain else {
                self = .string(value.text)
                return
            }
            switch value.text {
            case "", "~", "null", "Null", "NULL": self = .null
            case "true", "True", "TRUE": self = .bool(true)
            case "false", "False", "FALSE": self = .bool(false)
            default:
                if let int = Int(value.text) {
                    self = .integer(int)
                } else if let double = Double(value.text), value.text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                    self = .number(double)
                } else {
                    self = .string(value.text)
                }
            }
        case .sequence:
            var items: [APIJSON] = []
            for item in tree.items(node) {
                guard let json = APIJSON(tree: tree, node: item, budget: &budget) else { return nil }
                items.append(json)
            }
            self = .array(items)
        case .mapping:
            var pairs: [(String, APIJSON)] = []
            for pair in tree.pairs(node) {
                guard let json = APIJSON(tree: tree, node: pair.value, budget: &budget) else { return nil }
                pairs.append((tree.node(pair.key).text, json))
            }
            self = .object(pairs)
        }
    }
}

/// Examples made from a schema when the spec gives none: the schema's own example, default or
/// first allowed value, else a value of its type (`"string"`, `0`, `true`, a date for a date),
/// objects with every property in order, arrays with one item. The same every build.
/// Recursive schemas stop where they would repeat; read-only properties are left out of
/// requests and write-only ones out of responses.
struct APIExampleGenerator {
    let reference: APIReference
    let forRequest: Bool
    static let maxDepth = 6
    static let maxValues = 400

    /// - Parameter name: the component schema `schema` is, if it is one (where it would
    ///   repeat inside itself, it stops).
    func example(_ schema: JSONSchema, named name: String? = nil) -> APIJSON {
        var budget = APIExampleGenerator.maxValues
        return generate(schema, depth: 0, seen: Set(name.map { [$0] } ?? []), budget: &budget)
    }

    private func generate(_ schema: JSONSchema, depth: Int, seen: Set<String>, budget: inout Int) -> APIJSON {
        budget -= 1
        if let given = schema.examples.first { return APIJSON(any: given) }
        if let value = schema.defaultValue { return APIJSON(any: value) }
        if let first = schema.allowedValues?.first { return APIJSON(any: first) }
        guard depth <= APIExampleGenerator.maxDepth, budget > 0 else { return .null }
        switch schema.value {
        case .reference(let target, _):
            guard let name = target.name, !seen.contains(name), let index = reference.schema(named: name) else { return .null }
            return generate(reference.schemas[index].schema, depth: depth, seen: seen.union([name]), budget: &budget)
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer(_, let context):
            return .integer(context.minimum.map { $0.exclusive ? $0.value + 1 : $0.value } ?? 0)
        case .number(_, let context):
            return .number(context.minimum?.value ?? 0)
        case .string(let core, _):
            return .string(APIExampleGenerator.string(format: core.formatString))
        case .array(_, let context):
            guard let items = context.items else { return .array([]) }
            // A list of the schema being made (a tree's children) is empty, not [null].
            if case .reference(let target, _) = items.value, let name = target.name, seen.contains(name) { return .array([]) }
            return .array([generate(items, depth: depth + 1, seen: seen, budget: &budget)])
        case .object(_, let context):
            var pairs: [(String, APIJSON)] = []
            for (name, property) in context.properties {
                if forRequest ? property.readOnly : property.writeOnly { continue }
                guard budget > 0 else { break }
                if case .reference(let target, _) = property.value, let name = target.name, seen.contains(name) { continue }
                pairs.append((name, generate(property, depth: depth + 1, seen: seen, budget: &budget)))
            }
            if pairs.isEmpty, case .b(let values) = context.additionalProperties {
                pairs.append(("key", generate(values, depth: depth + 1, seen: seen, budget: &budget)))
            }
            return .object(pairs)
        case .all(of: let parts, _):
            var merged: [(String, APIJSON)] = []
            var other: APIJSON?
            for part in parts {
                switch generate(part, depth: depth, seen: seen, budget: &budget) {
                case .object(let pairs):
                    for pair in pairs where !merged.contains(where: { $0.0 == pair.0 }) { merged.append(pair) }
                case let value where other == nil && value != .null:
                    other = value
                default:
                    break
                }
            }
            return merged.isEmpty ? (other ?? .null) : .object(merged)
        case .one(of: let parts, _), .any(of: let parts, _):
            guard let first = parts.first(where: { !$0.isNull }) ?? parts.first else { return .null }
            return generate(first, depth: depth, seen: seen, budget: &budget)
        case .not, .fragment:
            return .null
        }
    }

    static func string(format: String?) -> String {
        switch format {
        case "date-time": "2026-01-01T12:00:00Z"
        case "date": "2026-01-01"
        case "time": "12:00:00Z"
        case "email": "user@example.com"
        case "uri", "url", "uri-reference", "iri": "https://example.com"
        case "hostname": "example.com"
        case "ipv4": "192.0.2.1"
        case "ipv6": "2001:db8::1"
        case "uuid": "00000000-0000-4000-8000-000000000000"
        case "byte": "U3dhZ2dlcg=="
        case "binary": "<binary>"
        case "password": "********"
        default: "string"
        }
    }
}
