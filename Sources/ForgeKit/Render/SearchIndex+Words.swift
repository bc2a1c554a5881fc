import Foundation

/// Words as bytes in one arena, found again by their hash (FNV-1a) in an open-addressing
/// table. The index meets every word of every page twice (once per page, once to merge the
/// pages): Swift's `[String: …]` hashed each with SipHash and allocated a `String` for each
/// longer than 15 bytes, which was most of the index's cost.
struct WordTable: Sendable {
    /// The words one after the other; word `i` ends at `ends[i]`.
    private(set) var arena: [UInt8] = []
    private(set) var ends: [Int32] = []
    private(set) var hashes: [UInt64] = []
    /// Word number + 1, or 0 for a free slot; the count is a power of two.
    private var slots: [Int32]

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        arena.reserveCapacity(capacity * 8)
        ends.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { ends.count }

    func range(of word: Int) -> Range<Int> {
        (word == 0 ? 0 : Int(ends[word - 1]))..<Int(ends[word])
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The number of `word` (its hash `hash`), added if it is new.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (number: Int, isNew: Bool) {
        if slots.isEmpty { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let number = entry - 1
            if hashes[number] == hash,
                arena.withUnsafeBufferPointer({ UnsafeBufferPointer(rebasing: $0[range(of: number)]).elementsEqual(word) }) {
                return (number, false)
            }
            slot = (slot + 1) & mask
        }
        let number = ends.count
        arena.append(contentsOf: word)
        ends.append(Int32(arena.count))
        hashes.append(hash)
        slots[slot] = Int32(number + 1)
        if ends.count * 2 > slots.count { grow() }
        return (number, true)
    }

    /// The number of `word` (its hash `hash`), or nil when the table does not have it.
    mutating func number(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        if slots.isEmpty { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if hashes[number] == hash,
                arena.withUnsafeBufferPointer({ UnsafeBufferPointer(rebasing: $0[range(of: number)]).elementsEqual(word) }) {
                return number
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The table with no spare capacity and no slots, for a page's words, which wait in memory
    /// until the index merges every page (a page's table reserves room for 512 words: 14 KB,
    /// 20 MB over 1,500 pages). `insert` on it rebuilds the slots first.
    func compacted() -> WordTable {
        var table = WordTable(capacity: 0)
        table.arena = WordTable.exactCopy(arena)
        table.ends = WordTable.exactCopy(ends)
        table.hashes = WordTable.exactCopy(hashes)
        table.slots = []
        return table
    }

    /// `array`'s elements in a buffer of their count (`Array(array)` shares the buffer, spare
    /// capacity included).
    static func exactCopy<Element>(_ array: [Element]) -> [Element] {
        array.withUnsafeBufferPointer { source in
            [Element](unsafeUninitializedCapacity: source.count) { buffer, count in
                _ = buffer.initialize(fromContentsOf: source)
                count = source.count
            }
        }
    }

    private mutating func grow() {
        var size = max(16, slots.count * 2)
        while size < hashes.count * 2 { size <<= 1 }
        var bigger = [Int32](repeating: 0, count: size)
        let mask = bigger.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(number + 1)
        }
        slots = bigger
    }

    /// True when word `a` sorts before word `b` as JavaScript compares strings (by UTF-16 code
    /// units), which search.js's binary search relies on; on UTF-8 bytes: byte order, but for
    /// U+E000–U+FFFF, which UTF-16 puts after the characters beyond U+FFFF (surrogates).
    static func precedesInUTF16(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        var index = 0
        while index < common, a[index] == b[index] { index += 1 }
        guard index < common else { return a.count < b.count }
        // The bytes before are equal, so both differing bytes start a scalar or neither does;
        // a continuation byte (or a lead byte of the same kind) compares as it is.
        func key(_ byte: UInt8) -> UInt8 { byte == 0xEE || byte == 0xEF ? byte &+ 8 : byte }
        return key(a[index]) < key(b[index])
    }
}

extension SearchIndex {
    /// One page's words with their weight (`SearchIndex.weight`), and its text entry. A class:
    /// each doc holds its own from load to index, and a doc is copied often on the way.
    final class PageWords: Sendable {
        let words: WordTable
        let weights: [UInt32]
        /// `[url, title, [id, heading, passage, …], …]`, for a text chunk.
        let text: [UInt8]

        init(words: WordTable, weights: [UInt32], text: [UInt8]) {
            self.words = words
            self.weights = weights
            self.text = text
        }
    }

    static func pageWords(of document: SearchDocument) -> PageWords {
        var counter = Counter()
        var folding = SearchText.Folding()
        func add(_ text: String, _ mask: UInt8) {
            counter.mask = mask
            SearchText.wordBytes(in: text, folding: &folding, into: &counter)
        }
        add(document.title, 4)
        for keyword in document.keywords { add(keyword, 2) }
        for section in document.sections {
            add(section.heading, 2)
            for passage in section.passages { add(passage, 1) }
        }
        var text: [UInt8] = []
        appendText(document, to: &text)
        let weights = zip(counter.counts, counter.masks).map { count, mask in min(count, SearchIndex.maxCount) << 3 | UInt32(mask) }
        return PageWords(words: counter.words.compacted(), weights: weights, text: WordTable.exactCopy(text))
    }

    /// Counts a page's words: how often, and where (the `mask` bits of the text at hand).
    private struct Counter: SearchText.WordSink {
        var words = WordTable(capacity: 512)
        var masks: [UInt8] = []
        var counts: [UInt32] = []
        var mask: UInt8 = 0

        mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= SearchText.wordLimit else { return }
            let (number, isNew) = words.insert(bytes, hash: WordTable.hash(bytes))
            if isNew {
                masks.append(mask)
                counts.append(1)
            } else {
                masks[number] |= mask
                counts[number] += 1
            }
        }
    }
}
