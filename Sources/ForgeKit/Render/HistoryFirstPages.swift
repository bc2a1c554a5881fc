import Crypto

/// The first pages of the history's common views, computed at build time, so that a sort or a
/// one-name filter shows its first page at once on a site with a million records instead of
/// after every chunk has loaded (PRODUCT.md §9: ≤ 300 ms after the click).
///
/// One small classic-script file, `data/usage-first.<10 hex>.js`, loaded when the Usage dialog
/// first needs it:
///
///     (window.ForgeHistoryFirst=window.ForgeHistoryFirst||[]).push({
///     "sorts":{"cost:descending":[[20782,0,1,1200,340000,12340000,-1],…],…},
///     "service":[{"count":812,"requests":"…","tokens":"…","cost":"…","rows":[…]},…],
///     "key":[…],"noKey":{…}|null,"model":[…],"noModel":{…}|null});
///
/// - `sorts`: for each number column and direction (and date oldest first), the first rows of
///   the whole history in that order. The order is the one `history.js` sorts in: by the value,
///   ties in history order (newest first).
/// - `service`, `key`, `model` (indexed as the rows index them), `noKey`, `noModel`: each
///   name's rows, newest first (history order), with its totals. A filter on one name shows
///   them; a sort by name lays them end to end in the name order the browser computes.
/// Rows are as in the chunks (`HistoryChunks`). The browser falls back to the chunks for
/// anything these do not cover (a deeper page, a date range, two filters at once).
struct HistoryFirstPages {
    /// Rows kept per sort (four pages of 25, one of 100).
    static let rowsPerSort = 100
    static let path = "data/usage-first"

    let file: OutputFile

    /// One name's rows and totals.
    private struct Group {
        var count = 0
        var requests: Int64 = 0
        var tokens: Int64 = 0
        var cost: Int64 = 0
        var overflowed = false
        var rows: [Int] = []
    }

    /// - Parameters:
    ///   - order: indexes into `records`, in history order (newest first, fully tie-broken).
    ///   - row: the chunk row of a record index, as JSON bytes.
    init(records: [UsageRecord], order: [Int], groups: (services: Int, keys: Int, models: Int),
         rank: (service: [Int32], key: [Int32], model: [Int32]), row: (Int) -> [UInt8]) {
        var bytes = Array("(window.ForgeHistoryFirst=window.ForgeHistoryFirst||[]).push({\"sorts\":{".utf8)
        let sorts: [(String, (UsageRecord, UsageRecord) -> Int)] = [
            ("date:ascending", { Self.compare($0.day.daysSinceEpoch, $1.day.daysSinceEpoch) }),
            ("requests:ascending", { Self.compare($0.requests, $1.requests) }),
            ("requests:descending", { Self.compare($1.requests, $0.requests) }),
            ("tokens:ascending", { Self.compare(max($0.tokens, -1), max($1.tokens, -1)) }),
            ("tokens:descending", { Self.compare(max($1.tokens, -1), max($0.tokens, -1)) }),
            ("cost:ascending", { Self.compare($0.cost.micros, $1.cost.micros) }),
            ("cost:descending", { Self.compare($1.cost.micros, $0.cost.micros) }),
        ]
        for (number, (name, compare)) in sorts.enumerated() {
            bytes += Array("\(number == 0 ? "" : ",")\"\(name)\":".utf8)
            bytes += Self.rows(Self.first(Self.rowsPerSort, of: order, in: records, by: compare), row)
        }
        bytes += Array("}".utf8)

        // Groups get fewer rows when there are many names, so the file stays small.
        let groupCount = groups.services + groups.keys + groups.models + 2
        let perGroup = max(25, min(Self.rowsPerSort, 20_000 / groupCount))
        var services = [Group](repeating: Group(), count: groups.services)
        var keys = [Group](repeating: Group(), count: groups.keys)
        var models = [Group](repeating: Group(), count: groups.models)
        var noKey = Group(), noModel = Group()
        for index in order {
            let record = records[index]
            Self.add(index, record, perGroup, to: &services[Int(rank.service[Int(record.service)])])
            if record.key < 0 { Self.add(index, record, perGroup, to: &noKey) } else {
                Self.add(index, record, perGroup, to: &keys[Int(rank.key[Int(record.key)])])
            }
            if record.model < 0 { Self.add(index, record, perGroup, to: &noModel) } else {
                Self.add(index, record, perGroup, to: &models[Int(rank.model[Int(record.model)])])
            }
        }
        for (name, list) in [("service", services), ("key", keys), ("model", models)] {
            bytes += Array(",\"\(name)\":[".utf8)
            for (number, group) in list.enumerated() {
                if number > 0 { bytes += Array(",".utf8) }
                bytes += Self.json(group, row)
            }
            bytes += Array("]".utf8)
        }
        bytes += Array(",\"noKey\":".utf8) + Self.json(noKey, row)
        bytes += Array(",\"noModel\":".utf8) + Self.json(noModel, row) + Array("});\n".utf8)
        let hash = SHA256.hash(data: bytes).prefix(5).map { HistoryChunks.hex($0) }.joined()
        file = OutputFile(path: "\(Self.path).\(hash).js", bytes: bytes)
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    /// The first `count` of `order` stably sorted by `compare`, in one pass (`firstRows` in
    /// history.js): a row is placed only when it beats the last one kept, after its equals.
    private static func first(_ count: Int, of order: [Int], in records: [UsageRecord],
                              by compare: (UsageRecord, UsageRecord) -> Int) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(count + 1)
        for index in order {
            let record = records[index]
            if kept.count == count, let last = kept.last, compare(record, records[last]) >= 0 { continue }
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if compare(record, records[kept[middle]]) < 0 { high = middle } else { low = middle + 1 }
            }
            kept.insert(index, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    private static func add(_ index: Int, _ record: UsageRecord, _ limit: Int, to group: inout Group) {
        group.count += 1
        if group.rows.count < limit { group.rows.append(index) }
        let requests = group.requests.addingReportingOverflow(record.requests)
        let tokens = record.tokens > 0 ? group.tokens.addingReportingOverflow(record.tokens) : (group.tokens, false)
        let cost = group.cost.addingReportingOverflow(record.cost.micros)
        group.overflowed = group.overflowed || requests.overflow || tokens.1 || cost.overflow
        (group.requests, group.tokens, group.cost) = (requests.partialValue, tokens.0, cost.partialValue)
    }

    private static func rows(_ indexes: [Int], _ row: (Int) -> [UInt8]) -> [UInt8] {
        var bytes = Array("[".utf8)
        for (number, index) in indexes.enumerated() {
            if number > 0 { bytes += Array(",".utf8) }
            bytes += row(index)
        }
        return bytes + Array("]".utf8)
    }

    /// A group as JSON; `null` when it has no rows or its sums do not fit (the chunks then serve it).
    private static func json(_ group: Group, _ row: (Int) -> [UInt8]) -> [UInt8] {
        guard group.count > 0, !group.overflowed else { return Array("null".utf8) }
        let totals = "{\"count\":\(group.count),\"requests\":\"\(group.requests)\","
            + "\"tokens\":\"\(group.tokens)\",\"cost\":\"\(group.cost)\",\"rows\":"
        return Array(totals.utf8) + rows(group.rows, row) + Array("}".utf8)
    }
}
