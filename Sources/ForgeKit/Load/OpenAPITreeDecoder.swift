import Foundation

/// A `Decoder` over an `OpenAPISourceTree`, so OpenAPIKit's `Codable` types read a spec
/// straight from the tree (and every error's coding path can be walked back to a line).
///
/// Scalars follow YAML 1.2's core schema: a plain `null`, `~` or nothing is null, plain
/// `true`/`false` are booleans, plain numbers are numbers; a quoted or block scalar is always
/// a string (so `"200"` stays text and `enum: ["1", "2"]` keeps its quotes). Any non-null
/// scalar may be read as a string, as JSON authors write `version: 1.0` and mean the text.
struct OpenAPITreeDecoder {
    let tree: OpenAPISourceTree
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let storage = Storage(tree: tree)
        return try T(from: TreeDecoder(storage: storage, node: 0, codingPath: [], userInfo: userInfo))
    }

    /// Shared by every decoder of one run: the tree and the hash indexes of large mappings.
    final class Storage {
        let tree: OpenAPISourceTree
        var indexes: [Int32: [String: Int32]] = [:]

        init(tree: OpenAPISourceTree) { self.tree = tree }

        static let indexThreshold: Int32 = 12

        func value(of key: String, in mapping: Int32) -> Int32? {
            let node = tree.node(mapping)
            if node.count <= Storage.indexThreshold { return tree.value(of: key, in: mapping) }
            if let index = indexes[mapping] { return index[key] }
            var index: [String: Int32] = [:]
            index.reserveCapacity(Int(node.count))
            for pair in tree.pairs(mapping) { index[tree.node(pair.key).text] = pair.value }
            indexes[mapping] = index
            return index[key]
        }
    }
}

/// A coding key for a mapping key or a sequence index.
struct TreeCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

private struct TreeDecoder: Decoder {
    let storage: OpenAPITreeDecoder.Storage
    let node: Int32
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    var tree: OpenAPISourceTree { storage.tree }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tree.kind(node) == .mapping else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "Expected a mapping."))
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tree.kind(node) == .sequence else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "Expected a list."))
        }
        return UnkeyedContainer(decoder: self, items: Array(tree.items(node)))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    func child(_ node: Int32, key: any CodingKey) -> TreeDecoder {
        TreeDecoder(storage: storage, node: node, codingPath: codingPath + [key], userInfo: userInfo)
    }

    func describe(_ node: Int32) -> String {
        let value = tree.node(node)
        switch value.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            if isNull { return "null" }
            return value.isPlain ? "\(value.text)" : "the string \"\(value.text)\""
        }
    }

    var isNull: Bool {
        let value = tree.node(node)
        guard value.kind == .scalar, value.isPlain else { return false }
        switch value.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// Decoding tries types in turn (OpenAPIKit's `Either`, `AnyCodable`), so most mismatches
    /// are expected and dropped: the message is a constant, and what was found is described
    /// only when an error reaches the user (`OpenAPILoader`).
    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: expected))
    }

    /// The plain scalar's text, for booleans and numbers.
    func plainText(_ type: Any.Type, _ expected: String) throws -> String {
        let value = tree.node(node)
        guard value.kind == .scalar, value.isPlain, !isNull else { throw mismatch(type, expected) }
        return value.text
    }

    func decodeBool() throws -> Bool {
        switch try plainText(Bool.self, "Expected a boolean.") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw mismatch(Bool.self, "Expected a boolean.")
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let text = try plainText(type, "Expected an integer.")
        if let value = T(text, radix: 10) { return value }
        if text.hasPrefix("0x"), let value = T(text.dropFirst(2), radix: 16) { return value }
        if text.hasPrefix("0o"), let value = T(text.dropFirst(2), radix: 8) { return value }
        // 1.0 and 1e3 are whole numbers written as floating point.
        if let double = Double(text), double.rounded() == double, let value = T(exactly: double) { return value }
        throw mismatch(type, "Expected an integer.")
    }

    func decodeDouble() throws -> Double {
        let text = try plainText(Double.self, "Expected a number.")
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default:
            // Swift's parser takes "inf", "nan" and hex floats, which YAML does not mean as numbers.
            guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
                  !text.contains("x"), !text.contains("X"), let value = Double(text) else {
                throw mismatch(Double.self, "Expected a number.")
            }
            return value
        }
    }

    func decodeString() throws -> String {
        let value = tree.node(node)
        guard value.kind == .scalar, !isNull else { throw mismatch(String.self, "Expected a string.") }
        return value.text
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // The primitives directly (no casts that could fail: `as?` of a value of the very type).
        if type == String.self, let value = try decodeString() as? T { return value }
        if type == Bool.self, let value = try decodeBool() as? T { return value }
        if type == Int.self, let value = try decodeInteger(Int.self) as? T { return value }
        if type == Double.self, let value = try decodeDouble() as? T { return value }
        if type == URL.self {
            let text = try decodeString()
            guard let url = URL(string: text), let value = url as? T else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Expected a URL."))
            }
            return value
        }
        return try T(from: self)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.tree.pairs(decoder.node).compactMap { Key(stringValue: decoder.tree.node($0.key).text) }
    }

    func contains(_ key: Key) -> Bool { decoder.storage.value(of: key.stringValue, in: decoder.node) != nil }

    func child(_ key: Key) throws -> TreeDecoder {
        guard let value = decoder.storage.value(of: key.stringValue, in: decoder.node) else {
            throw DecodingError.keyNotFound(key,
                .init(codingPath: codingPath, debugDescription: "No value associated with key \"\(key.stringValue)\"."))
        }
        return decoder.child(value, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try child(key).decodeDouble()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeInteger(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: TreeDecoder
    let items: [Int32]
    var currentIndex = 0

    init(decoder: TreeDecoder, items: [Int32]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func next(_ type: Any.Type) throws -> TreeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type,
                .init(codingPath: codingPath + [TreeCodingKey(intValue: currentIndex)], debugDescription: "The list has no more items."))
        }
        let child = decoder.child(items[currentIndex], key: TreeCodingKey(intValue: currentIndex))
        currentIndex += 1
        return child
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if decoder.child(items[currentIndex], key: TreeCodingKey(intValue: currentIndex)).isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).decodeBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next(type).decodeString() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).decodeDouble() }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type).decodeInteger(Int.self) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // A failure leaves the index where it was (as JSONDecoder does), so a caller may try another type.
        let saved = currentIndex
        let child = try next(type)
        do {
            return try child.decode(type)
        } catch {
            currentIndex = saved
            throw error
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next([Any].self).unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next(Any.self) }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: TreeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
