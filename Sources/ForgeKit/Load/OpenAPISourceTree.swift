import Foundation

/// An OpenAPI file (YAML or JSON, which libyaml reads as YAML) as a tree of nodes that keep
/// their line and column, built from libyaml's events in one pass.
///
/// Why not Yams' `Node` and `YAMLDecoder`: its mapping lookup is a linear scan (a spec's
/// `components.schemas` of thousands of entries made decoding quadratic: 5.7 s for OpenAI's
/// 0.9 MB spec), and it compares keys with their resolved tags, so a quoted `"200":` key is
/// not found under the coding key `200`. Here a large mapping gets a hash index, keys are
/// plain strings, and an error's coding path leads back to a line and column.
///
/// Aliases (`*name`) share the anchored node (the tree is then a DAG); what they would expand
/// to is counted, and a file that expands past `expansionLimit` nodes is refused, so a few
/// lines of nested aliases (a "billion laughs") cannot make the build run for ever.
/// Merge keys (`<<`), complex keys and duplicate keys are located errors.
struct OpenAPISourceTree: Sendable {
    enum Kind: UInt8, Sendable {
        case scalar, mapping, sequence
    }

    struct Node: Sendable {
        var kind: Kind
        /// Plain scalars (unquoted, not block) may be null, booleans or numbers; others are text.
        var isPlain: Bool
        var line: Int32
        var column: Int32
        /// Mappings: 2 × pairs (key node, value node) in `children`; sequences: items.
        var first: Int32 = 0
        var count: Int32 = 0
        /// A scalar's text, or a mapping key's.
        var text: String
    }

    struct Failure: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Nodes in document order; the root is node 0.
    private(set) var nodes: [Node] = []
    private(set) var children: [Int32] = []

    static let expansionLimit = 2_000_000

    var isEmpty: Bool { nodes.isEmpty }

    // MARK: Reading

    func kind(_ node: Int32) -> Kind { nodes[Int(node)].kind }
    func node(_ index: Int32) -> Node { nodes[Int(index)] }

    /// The (key, value) pairs of a mapping, in document order.
    func pairs(_ mapping: Int32) -> [(key: Int32, value: Int32)] {
        let node = nodes[Int(mapping)]
        guard node.kind == .mapping else { return [] }
        var result: [(Int32, Int32)] = []
        result.reserveCapacity(Int(node.count))
        var index = Int(node.first)
        for _ in 0..<node.count {
            result.append((children[index], children[index + 1]))
            index += 2
        }
        return result
    }

    func items(_ sequence: Int32) -> ArraySlice<Int32> {
        let node = nodes[Int(sequence)]
        guard node.kind == .sequence else { return [] }
        return children[Int(node.first)..<Int(node.first + node.count)]
    }

    /// The value under `key` by a linear scan (for small mappings; `OpenAPITreeDecoder` indexes large ones).
    func value(of key: String, in mapping: Int32) -> Int32? {
        let node = nodes[Int(mapping)]
        guard node.kind == .mapping else { return nil }
        var index = Int(node.first)
        for _ in 0..<node.count {
            if nodes[Int(children[index])].text == key { return children[index + 1] }
            index += 2
        }
        return nil
    }

    /// How far `path` (a decoding error's coding path) leads into the tree: the deepest node
    /// that exists and, when the last step was a mapping key, that key's node (an error is
    /// best shown at the key: `respones:` rather than its value).
    func locate(_ path: [any CodingKey]) -> (node: Int32, key: Int32?) {
        guard !nodes.isEmpty else { return (0, nil) }
        var node: Int32 = 0
        var key: Int32?
        for step in path {
            let current = nodes[Int(node)]
            switch current.kind {
            case .mapping:
                guard let pair = pairs(node).first(where: { nodes[Int($0.key)].text == step.stringValue }) else { return (node, key) }
                node = pair.value
                key = pair.key
            case .sequence:
                guard let index = step.intValue, index >= 0, index < Int(current.count) else { return (node, key) }
                node = children[Int(current.first) + index]
                key = nil
            case .scalar:
                return (node, key)
            }
        }
        return (node, key)
    }

    /// The node a local JSON pointer (`#/components/schemas/Pet`, with `~1` for `/`, `~0`
    /// for `~` and percent-encoding) names, or nil.
    func node(atPointer pointer: String) -> Int32? {
        guard !nodes.isEmpty, pointer.hasPrefix("#") else { return nil }
        var node: Int32 = 0
        let body = pointer.dropFirst()
        guard !body.isEmpty else { return node }
        guard body.hasPrefix("/") else { return nil }
        for raw in body.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = (String(raw).removingPercentEncoding ?? String(raw))
                .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch nodes[Int(node)].kind {
            case .mapping:
                guard let value = value(of: token, in: node) else { return nil }
                node = value
            case .sequence:
                guard let index = Int(token), index >= 0, index < Int(nodes[Int(node)].count) else { return nil }
                node = children[Int(nodes[Int(node)].first) + index]
            case .scalar:
                return nil
            }
        }
        return node
    }

    /// Every `$ref` in the file, once each (a node shared through an alias is visited once),
    /// in document order: the `$ref` key's node and its value's node. Literal data is skipped
    /// (`example`, `examples`' `value`, `default`, `enum`, `const`, `x-` extensions), unless
    /// the key is a name in a map of names (a property called `default` is a schema).
    func references() -> [(key: Int32, value: Int32)] {
        guard !nodes.isEmpty else { return [] }
        var found: [(Int32, Int32)] = []
        var visited = [Bool](repeating: false, count: nodes.count)
        var pending: [(node: Int32, keysAreNames: Bool)] = [(0, false)]
        while let (node, keysAreNames) = pending.popLast() {
            guard !visited[Int(node)] else { continue }
            visited[Int(node)] = true
            switch nodes[Int(node)].kind {
            case .scalar:
                continue
            case .sequence:
                pending.append(contentsOf: items(node).reversed().map { ($0, false) })
            case .mapping:
                var next: [(Int32, Bool)] = []
                for pair in pairs(node) {
                    let key = nodes[Int(pair.key)].text
                    if !keysAreNames {
                        if key == "$ref", nodes[Int(pair.value)].kind == .scalar {
                            found.append((pair.key, pair.value))
                            continue
                        }
                        if OpenAPISourceTree.literalKeys.contains(key) || key.hasPrefix("x-") { continue }
                    }
                    next.append((pair.value, !keysAreNames && OpenAPISourceTree.nameMaps.contains(key)))
                }
                pending.append(contentsOf: next.reversed())
            }
        }
        return found
    }

    static let literalKeys: Set<String> = ["example", "value", "default", "enum", "const", "externalValue"]
    /// Keys whose mapping is keyed by names (of properties, schemas, media types, …).
    static let nameMaps: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "schemas", "responses",
                                        "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
                                        "callbacks", "pathItems", "paths", "webhooks", "content", "encoding", "mapping",
                                        "variables", "scopes", "dependentSchemas"]

    // MARK: Building

    /// Parses `bytes` (UTF-8) into a tree; an empty file gives an empty tree.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> OpenAPISourceTree {
        var builder = Builder()
        let stream = YAMLEventStream(bytes: bytes)
        do {
            while true {
                let event = try stream.next()
                switch event.kind {
                case .streamStart, .documentEnd: continue
                case .streamEnd: return builder.tree
                case .documentStart:
                    if !builder.tree.nodes.isEmpty {
                        throw Failure(message: "YAML: an OpenAPI file holds one YAML document; this is a second one", line: event.line,
                            column: event.column)
                    }
                default: try builder.add(event)
                }
            }
        } catch let failure as YAMLEventStream.Failure {
            var message = failure.problem
            if let context = failure.context { message += " " + context }
            switch failure.position {
            case .mark(let line, let column): throw Failure(message: "YAML: " + message, line: line, column: column)
            case .offset(let offset): throw Failure(message: "YAML: " + message + " (at byte \(offset))", line: 0, column: 0)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "\(error)", line: 0, column: 0)
        }
    }

    private struct Builder {
        var tree = OpenAPISourceTree()
        /// An open container: its node, the children gathered so far, their expanded size, and
        /// (past a few) the keys seen, so that duplicates are found without a quadratic scan.
        struct Open {
            var node: Int32
            var items: [Int32] = []
            var size = 1
            var keys: Set<String>?
        }

        var stack: [Open] = []
        var anchors: [String: (node: Int32, size: Int)] = [:]
        var expanded = 0
        /// Anchors on open containers: an alias to one of them would make a cycle.
        var openAnchors: [Int32: String] = [:]

        mutating func add(_ event: YAMLEventStream.Event) throws(Failure) {
            switch event.kind {
            case .scalar:
                let index = append(Node(kind: .scalar, isPlain: event.isPlain, line: Int32(event.line), column: Int32(event.column),
                    text: event.value))
                if let anchor = event.anchor { anchors[anchor] = (index, 1) }
                try attach(index, size: 1, event: event)
            case .alias:
                guard let target = anchors[event.value] else {
                    if openAnchors.values.contains(event.value) {
                        throw Failure(message: "YAML: the alias *\(event.value) refers to a node that contains it", line: event.line,
                            column: event.column)
                    }
                    throw Failure(message: "YAML: the alias *\(event.value) has no anchor &\(event.value) before it", line: event.line,
                        column: event.column)
                }
                try attach(target.node, size: target.size, event: event)
            case .mappingStart, .sequenceStart:
                let kind: Kind = event.kind == .mappingStart ? .mapping : .sequence
                let index = append(Node(kind: kind, isPlain: false, line: Int32(event.line), column: Int32(event.column), text: ""))
                if let anchor = event.anchor { openAnchors[index] = anchor }
                stack.append(Open(node: index))
            case .mappingEnd, .sequenceEnd:
                guard let open = stack.popLast() else { return }
                tree.nodes[Int(open.node)].first = Int32(tree.children.count)
                tree.nodes[Int(open.node)].count = Int32(tree.nodes[Int(open.node)].kind == .mapping
                    ? open.items.count / 2 : open.items.count)
                tree.children.append(contentsOf: open.items)
                if let anchor = openAnchors.removeValue(forKey: open.node) { anchors[anchor] = (open.node, open.size) }
                try attach(open.node, size: open.size, event: event, isClosing: true)
            default:
                break
            }
        }

        private mutating func append(_ node: Node) -> Int32 {
            tree.nodes.append(node)
            return Int32(tree.nodes.count - 1)
        }

        /// Adds a finished node to the open container (as a key or a value in a mapping).
        private mutating func attach(_ index: Int32, size: Int, event: YAMLEventStream.Event, isClosing: Bool = false) throws(Failure) {
            expanded += isClosing ? 0 : size
            if expanded > OpenAPISourceTree.expansionLimit {
                throw Failure(message: "YAML: the file expands to more than \(OpenAPISourceTree.expansionLimit) values through its " +
                    "aliases", line: event.line, column: event.column)
            }
            guard !stack.isEmpty else { return }
            let top = stack.count - 1
            let parent = tree.nodes[Int(stack[top].node)]
            if parent.kind == .mapping, stack[top].items.count % 2 == 0 {
                // A key: a scalar, not "<<", not seen before in this mapping.
                let key = tree.nodes[Int(index)]
                let line = Int(key.line), column = Int(key.column)
                guard key.kind == .scalar, event.kind != .alias else {
                    throw Failure(message: "YAML: a mapping key must be a plain string, not a " +
                        "\(key.kind == .mapping ? "mapping" : key.kind == .sequence ? "sequence" : "alias")", line: line, column: column)
                }
                if key.text == "<<", key.isPlain {
                    throw Failure(message: "YAML: merge keys (<<) are not supported in OpenAPI files; write the keys out", line: line,
                        column: column)
                }
                if stack[top].keys == nil, stack[top].items.count >= 32 {
                    stack[top].keys = Set(stride(from: 0, to: stack[top].items.count, by: 2)
                        .map { tree.nodes[Int(stack[top].items[$0])].text })
                }
                let isDuplicate = stack[top].keys?.contains(key.text)
                    ?? stride(from: 0, to: stack[top].items.count, by: 2)
                        .contains { tree.nodes[Int(stack[top].items[$0])].text == key.text }
                if isDuplicate {
                    throw Failure(message: "YAML: duplicate key \"\(key.text)\" in one mapping", line: line, column: column)
                }
                stack[top].keys?.insert(key.text)
            }
            stack[top].items.append(index)
            stack[top].size += size
        }
    }
}
