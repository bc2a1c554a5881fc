import Foundation

/// A template context written out as bytes, so that two contexts can be compared exactly: a
/// page whose context (and layout) did not change renders to the same HTML. Every value is
/// written with its type and length, so different contexts never give the same bytes.
///
/// Dictionary entries are written in the order of their keys' bytes: Swift seeds each
/// dictionary's hashing on its own, so two equal dictionaries iterate in different orders.
struct ContextKey {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(2048)
    }

    /// `value`, except the values at the key paths of `replacing`, written as the number given
    /// (a large value that has a revision of its own, such as a doc's HTML).
    mutating func append(_ value: Any, replacing: [[String]: Int] = [:]) {
        append(value, replacingBelow: replacing)
    }

    mutating func append(_ number: Int) {
        bytes.append(2)
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        bytes.append(1)
        append(length: text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func append(length: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// `replacing`: paths below `value` (an empty path is `value` itself).
    private mutating func append(_ value: Any, replacingBelow replacing: [[String]: Int]) {
        if !replacing.isEmpty, let revision = replacing[[]] {
            bytes.append(9)
            append(revision)
            return
        }
        switch value {
        case let text as String:
            append(text)
        case let dictionary as [String: Any]:
            bytes.append(5)
            append(length: dictionary.count)
            for key in dictionary.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                guard let item = dictionary[key] else { continue }
                append(key)
                if replacing.isEmpty {
                    append(item, replacingBelow: [:])
                } else {
                    var below: [[String]: Int] = [:]
                    for (path, revision) in replacing where path.first == key { below[Array(path.dropFirst())] = revision }
                    append(item, replacingBelow: below)
                }
            }
        case let list as [Any]:
            // A template tree's lists are `[Any]` (`TemplateEncoder`), so this is a plain cast.
            bytes.append(6)
            append(length: list.count)
            for item in list { append(item, replacingBelow: [:]) }
        case let flag as Bool:
            bytes.append(flag ? 4 : 3)
        case let number as Int:
            append(number)
        case is NSNull:
            bytes.append(0)
        case let number as Double:
            bytes.append(7)
            withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        default:
            // Not a type the contexts use today: its full description, type included.
            bytes.append(8)
            append(String(reflecting: value))
        }
    }
}
