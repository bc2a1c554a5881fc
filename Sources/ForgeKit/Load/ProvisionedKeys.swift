/// The provisioned keys of `keys.yaml` as `KeyFinder` looks them up: by the last four bytes
/// of their `start` and by their `end`, behind a 64 Kibit filter that answers "no" for nearly
/// every position of a text in one memory read.
final class ProvisionedKeys: Sendable {
    struct Key: Sendable {
        var start: [UInt8]
        var end: UInt32
        var masked: String
    }

    /// A key is its start, this many characters at least, then its end (`sk_ab12wx89` is two
    /// halves side by side, not a key).
    static let minimumMiddle = 8
    /// No key of any known service is longer; a bound keeps a start in a long base64 run from
    /// pairing with an end a megabyte further on.
    static let maximumLength = 256

    let keys: [Key]
    let isEmpty: Bool
    /// The fewest characters a key of these can have.
    let shortestKey: Int
    private let startsByLastFour: [UInt32: [Int]]
    private let keysByEnd: [UInt32: [Int]]
    private let startFilter: [UInt64]
    private let endFilter: [UInt64]

    static let none = ProvisionedKeys([])

    init(_ keys: [APIKey]) {
        var kept: [Key] = []
        var seen: Set<String> = []
        for key in keys {
            let start = Array(key.start.utf8), end = Array(key.end.utf8)
            // The loader allows only such keys; anything else could never be matched here.
            guard start.count >= 4, start.count <= 40, end.count == 4, seen.insert(key.start + "\n" + key.end).inserted else { continue }
            kept.append(Key(start: start, end: ProvisionedKeys.word(end[...]), masked: key.masked))
        }
        var starts: [UInt32: [Int]] = [:], ends: [UInt32: [Int]] = [:]
        var startFilter = [UInt64](repeating: 0, count: 1024), endFilter = [UInt64](repeating: 0, count: 1024)
        for (index, key) in kept.enumerated() {
            let lastFour = ProvisionedKeys.word(key.start.suffix(4))
            starts[lastFour, default: []].append(index)
            ends[key.end, default: []].append(index)
            ProvisionedKeys.set(lastFour, in: &startFilter)
            ProvisionedKeys.set(key.end, in: &endFilter)
        }
        self.keys = kept
        self.isEmpty = kept.isEmpty
        self.shortestKey = kept.map { $0.start.count + ProvisionedKeys.minimumMiddle + 4 }.min() ?? Int.max
        self.startsByLastFour = starts
        self.keysByEnd = ends
        self.startFilter = startFilter
        self.endFilter = endFilter
    }

    @inline(__always)
    func mayStart(_ lastFour: UInt32) -> Bool { ProvisionedKeys.test(lastFour, in: startFilter) }

    @inline(__always)
    func mayEnd(_ lastFour: UInt32) -> Bool { ProvisionedKeys.test(lastFour, in: endFilter) }

    func starts(endingWith lastFour: UInt32) -> [Int] { startsByLastFour[lastFour] ?? [] }

    func keys(endingWith lastFour: UInt32) -> [Int] { keysByEnd[lastFour] ?? [] }

    /// Four bytes as one number, the first in the highest byte (as `KeyFinder` shifts them in).
    static func word(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bit(_ word: UInt32) -> Int { Int((word &* 0x9E37_79B1) >> 16) }

    private static func set(_ word: UInt32, in filter: inout [UInt64]) {
        filter[bit(word) >> 6] |= 1 << UInt64(bit(word) & 63)
    }

    @inline(__always)
    private static func test(_ word: UInt32, in filter: [UInt64]) -> Bool {
        filter[bit(word) >> 6] & (1 << UInt64(bit(word) & 63)) != 0
    }
}
