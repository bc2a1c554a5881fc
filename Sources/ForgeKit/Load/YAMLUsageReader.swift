import Foundation

/// Reads `usage.yaml` (or `.yml`, or `.json`: libyaml parses JSON too) from libyaml's events.
///
/// Yams' `Node` tree and `Decodable` are far too slow for a usage export (measured: 3.4 s per
/// 100k records, against 0.18 s for libyaml's events alone), so this reader walks the events and
/// checks each value as it passes, with the same messages as `NodeReader`. See `YAMLUsageWalker`.
///
/// A large export in the usual block style (`usage:` then one `- ` item per record) is read in
/// two halves at once, split at an item in the middle (`readInHalves`); any doubt, and the file
/// is read whole, as before.
public struct YAMLUsageReader: UsageReader {
    /// From this size on, a file is read in two halves on two cores.
    let halvesFrom: Int
    /// How a file to be split starts, and how its second half is made to start.
    private static let header = Array("usage:\n".utf8)

    public init() {
        halvesFrom = 1 << 20
    }

    init(halvesFrom: Int) {
        self.halvesFrom = halvesFrom
    }

    public func read(_ data: Data, displayPath: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable {
        withContentBytes(of: data) { bytes in
            if bytes.count >= halvesFrom, let table = YAMLUsageReader.readInHalves(bytes, displayPath: displayPath, context: context) {
                return table
            }
            var walker = YAMLUsageWalker(bytes: bytes, displayPath: displayPath, context: context)
            return walker.read(diagnostics: &diagnostics)
        }
    }

    /// The file read as two documents, `usage:` and the items before the split, and `usage:`
    /// and the items from it (lines numbered as in the file), merged; nil unless both halves
    /// read without a word to say and their sums fit, so that any problem is found, worded and
    /// located by reading the file whole.
    ///
    /// The split is at a line that starts exactly as the first item does (`  - `). Such a line
    /// ends whatever block construct comes before it, in the file as in the half; a quoted
    /// string or a flow collection left open across it fails the first half instead, and an
    /// anchor, alias, second document or stray key is reported by a half, which sends the file
    /// to the whole reading.
    static func readInHalves(_ bytes: UnsafeRawBufferPointer, displayPath: String, context: UsageReadContext) -> UsageTable? {
        guard let split = splitPoint(bytes) else { return nil }
        let second = header + bytes[split.offset...]
        let lineOffset = split.line - 2  // the second half's line 2 is the file's line `split.line`
        let secondHalf = BackgroundTask { () -> (UsageTable, Bool) in
            second.withUnsafeBytes { half in
                var walker = YAMLUsageWalker(bytes: half, displayPath: displayPath, context: context, lineOffset: lineOffset)
                var said = Diagnostics()
                let table = walker.read(diagnostics: &said)
                return (table, said.items.isEmpty && said.suppressed == 0)
            }
        }
        var walker = YAMLUsageWalker(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<split.offset]), displayPath: displayPath,
                                     context: context)
        var said = Diagnostics()
        var table = walker.read(diagnostics: &said)
        let (rest, restIsClean) = secondHalf.value
        guard said.items.isEmpty, said.suppressed == 0, restIsClean else { return nil }
        // Each half checked its sums from the files before; together they must fit too.
        var totals = context.totals
        for records in [table.records, rest.records] {
            for record in records {
                let tokens = record.tokens < 0 ? nil : record.tokens
                if totals.add(requests: record.requests, tokens: tokens, cost: record.cost) != nil { return nil }
            }
        }
        table.merge(rest)
        return table
    }

    /// Where the second half starts: the offset and 1-based line of an item line in the middle
    /// of a file that begins `usage:` and a newline, its items written `- ` at one indentation.
    static func splitPoint(_ bytes: UnsafeRawBufferPointer) -> (offset: Int, line: Int)? {
        guard bytes.count > header.count, bytes.starts(with: header) else { return nil }
        var indent = header.count
        while indent < bytes.count, bytes[indent] == UInt8(ascii: " ") { indent += 1 }
        // The first item: `- ` after the indentation.
        guard indent + 1 < bytes.count, bytes[indent] == UInt8(ascii: "-"), bytes[indent + 1] == UInt8(ascii: " ") else { return nil }
        let item = [UInt8(ascii: "\n")] + bytes[header.count..<indent] + [UInt8(ascii: "-"), UInt8(ascii: " ")]
        var at = bytes.count / 2
        while at + item.count <= bytes.count {
            guard let newline = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            if bytes[newline...].starts(with: item) {
                let offset = newline + 1
                let line = 1 + bytes[..<offset].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                return (offset, line)
            }
            at = newline + 1
        }
        return nil
    }
}
