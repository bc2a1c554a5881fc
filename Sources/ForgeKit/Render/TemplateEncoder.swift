import Foundation

/// Turns an `Encodable` template context into the tree swift-mustache renders: keyed values
/// become `[String: Any]`, lists `[Any]`, and strings, integers, doubles and booleans stay what
/// they are. A nil optional is written as `NSNull` (synthesized `Encodable` leaves it out, which
/// would make the key unknown to the template check); `TemplatePassthrough` values are kept
/// as they are.
///
/// Direct, not through JSON: a page's context is built and converted for every page, and
/// encoding to JSON and parsing it back would cost more than rendering.
enum TemplateEncoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The tree of a context that is a keyed value (a struct).
    static func dictionary(of value: some Encodable) throws -> [String: Any] {
        guard let dictionary = try tree(of: value) as? [String: Any] else {
            throw Failure(description: "\(type(of: value)) is not a struct of named values")
        }
        return dictionary
    }

    /// The tree of any value.
    static func tree<T: Encodable>(of value: T) throws -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        case let passthrough as any TemplatePassthrough: return passthrough
        default:
            let encoder = TreeEncoder()
            try value.encode(to: encoder)
            return try encoder.finish()
        }
    }
}

/// Containers share reference storage with the encoder that made them (the `Encoder`
/// protocol's model); nested containers, which synthesized code never asks for, are resolved
/// when the value is finished.
private final class TreeEncoder: Encoder {
    enum Storage {
        case empty
        case keyed(KeyedStorage)
        case unkeyed(UnkeyedStorage)
        case single(Any)
    }

    var storage: Storage = .empty
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asking twice (a `MergedContext`) writes into the same dictionary.
        if case .keyed(let existing) = storage { return KeyedEncodingContainer(KeyedContainer(store: existing)) }
        let store = KeyedStorage()
        storage = .keyed(store)
        return KeyedEncodingContainer(KeyedContainer(store: store))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed(let existing) = storage { return UnkeyedContainer(store: existing) }
        let store = UnkeyedStorage()
        storage = .unkeyed(store)
        return UnkeyedContainer(store: store)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    func finish() throws -> Any {
        switch storage {
        case .empty: throw TemplateEncoder.Failure(description: "a value encoded nothing")
        case .keyed(let store): return try store.finish()
        case .unkeyed(let store): return try store.finish()
        case .single(let value): return value
        }
    }
}

private final class KeyedStorage {
    var values: [String: Any] = [:]
    var hasNested = false

    func set(_ value: Any, for key: some CodingKey) throws {
        if values.updateValue(value, forKey: key.stringValue) != nil {
            throw TemplateEncoder.Failure(description: "the key \"\(key.stringValue)\" is written twice (two merged contexts both have it)")
        }
    }

    func finish() throws -> [String: Any] {
        guard hasNested else { return values }
        return try values.mapValues(resolve)
    }
}

private final class UnkeyedStorage {
    var values: [Any] = []
    var hasNested = false

    func finish() throws -> [Any] {
        guard hasNested else { return values }
        return try values.map(resolve)
    }
}

/// A nested container's storage as the value it holds.
private func resolve(_ value: Any) throws -> Any {
    switch value {
    case let store as KeyedStorage: return try store.finish()
    case let store as UnkeyedStorage: return try store.finish()
    case let encoder as TreeEncoder: return try encoder.finish()
    default: return value
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let store: KeyedStorage
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { try store.set(NSNull(), for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try store.set(value, for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try store.set(value, for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try store.set(value, for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try store.set(value, for: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try store.set(try TemplateEncoder.tree(of: value), for: key) }

    // A nil optional is a null, present in the tree: the default implementations would leave
    // the key out.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try store.set(value ?? NSNull() as Any, for: key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try store.set(value ?? NSNull() as Any, for: key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try store.set(value ?? NSNull() as Any, for: key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try store.set(value ?? NSNull() as Any, for: key) }
    mutating func encodeIfPresent(_ value: Float?,
        forKey key: Key) throws { try store.set(value.map { Double($0) } ?? NSNull() as Any, for: key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try store.set(value.map(number) ?? NSNull(), for: key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value {
            try store.set(try TemplateEncoder.tree(of: value), for: key)
        } else {
            try store.set(NSNull(), for: key)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedStorage()
        store.values[key.stringValue] = nested
        store.hasNested = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = UnkeyedStorage()
        store.values[key.stringValue] = nested
        store.hasNested = true
        return UnkeyedContainer(store: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = TreeEncoder()
        store.values[name] = encoder
        store.hasNested = true
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let store: UnkeyedStorage
    var codingPath: [any CodingKey] { [] }
    var count: Int { store.values.count }

    mutating func encodeNil() throws { store.values.append(NSNull()) }
    mutating func encode(_ value: Bool) throws { store.values.append(value) }
    mutating func encode(_ value: String) throws { store.values.append(value) }
    mutating func encode(_ value: Int) throws { store.values.append(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { store.values.append(try TemplateEncoder.tree(of: value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedStorage()
        store.values.append(nested)
        store.hasNested = true
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(store: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = UnkeyedStorage()
        store.values.append(nested)
        store.hasNested = true
        return UnkeyedContainer(store: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder()
        store.values.append(encoder)
        store.hasNested = true
        return encoder
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.storage = .single(NSNull()) }
    mutating func encode(_ value: Bool) throws { encoder.storage = .single(value) }
    mutating func encode(_ value: String) throws { encoder.storage = .single(value) }
    mutating func encode(_ value: Double) throws { encoder.storage = .single(value) }
    mutating func encode(_ value: Float) throws { encoder.storage = .single(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.storage = .single(value) }
    mutating func encode(_ value: Int8) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: Int16) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: Int32) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: Int64) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: UInt) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: UInt16) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: UInt32) throws { encoder.storage = .single(number(value)) }
    mutating func encode(_ value: UInt64) throws { encoder.storage = .single(number(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.storage = .single(try TemplateEncoder.tree(of: value)) }
}

/// A whole number as an `Int` when it fits (templates print both alike; the template cache
/// compares `Int`s).
private func number(_ value: some BinaryInteger) -> Any {
    if let int = Int(exactly: value) { return int }
    return value
}
