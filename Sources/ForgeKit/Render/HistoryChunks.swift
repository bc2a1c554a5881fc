import Crypto

/// The usage history as classic-script data files, loaded by the Usage dialog on demand.
///
/// `fetch()` is blocked on `file://`, so each file registers itself:
///
///     (window.ForgeHistory=window.ForgeHistory||[]).push({"chunk":7,"rows":[
///     [20782,0,1,1200,340000,12340000],
///     …]});
///
/// A row is `[day, service, key, requests, tokens, costMicros, model]`: the day as days since
/// 1970-01-01 (UTC), indexes into `services` / `keyIDs` (-1: no key), -1 for absent tokens, the
/// exact cost in micro-units (a string past 2^53, where JavaScript numbers stop being exact),
/// and an index into `models` (-1: no model).
/// Rows are newest first with a complete tie-break, so the bytes never depend on file order;
/// names are sorted the same way. Files are named `data/usage-0007.<10 hex of SHA-256>.js`,
/// so a rebuild with other data never serves a stale chunk from a cache.
///
/// 5,000 rows make about 180 KB: the first page needs one chunk, and a million records are 200
/// files the browser can load in parallel when a filter or sort needs them all.
public struct HistoryChunks: Sendable {
    public static let defaultRowsPerChunk = 5_000
    /// Chunk files are `prefix + name + ".js"`.
    public static let prefix = "data/usage-"

    public struct Chunk: Sendable, Hashable {
        /// `0007.1a2b3c4d5e`
        public var name: String
        /// `data/usage-0007.1a2b3c4d5e.js`
        public var path: String { HistoryChunks.prefix + name + ".js" }
        public var count: Int
        public var newest: Day
        public var oldest: Day
    }

    public let rowsPerChunk: Int
    public let chunks: [Chunk]
    public let files: [OutputFile]
    /// Service names as rows index them, sorted; only services that have history rows.
    public let services: [String]
    /// Key ids as rows index them, sorted; only keys that have history rows.
    public let keyIDs: [String]
    /// Model names as rows index them, sorted; only models that have history rows.
    public let models: [String]
    /// The newest records (up to `leadingCount`), in history order, with the table's own
    /// service and key indexes: the first page, rendered into the HTML at build time.
    public let leading: [UsageRecord]
    /// Whether some history row names no key (the key filter then offers "No key").
    public let hasRowsWithoutKey: Bool
    /// Whether some history row names no model.
    public let hasRowsWithoutModel: Bool
    /// Rows in the history: every record dated on or before `asOf`.
    public var count: Int { chunks.reduce(0) { $0 + $1.count } }

    /// - Parameter asOf: records after it are not history; without it there is none.
    public init(table: UsageTable, through asOf: Day?, rowsPerChunk: Int = HistoryChunks.defaultRowsPerChunk, leadingCount: Int = 25) {
        let size = max(1, rowsPerChunk)
        self.rowsPerChunk = size
        var order: [Int] = []
        if let asOf {
            order.reserveCapacity(table.records.count)
            for (index, record) in table.records.enumerated() where record.day <= asOf { order.append(index) }
        }

        // Names in byte order, independent of the order files and records were read in.
        var usedServices = Set<Int32>()
        var usedKeys = Set<Int32>()
        var usedModels = Set<Int32>()
        var withoutKey = false, withoutModel = false
        for index in order {
            usedServices.insert(table.records[index].service)
            if table.records[index].key >= 0 { usedKeys.insert(table.records[index].key) } else { withoutKey = true }
            if table.records[index].model >= 0 { usedModels.insert(table.records[index].model) } else { withoutModel = true }
        }
        hasRowsWithoutKey = withoutKey
        hasRowsWithoutModel = withoutModel
        let serviceOrder = usedServices.sorted { table.services[Int($0)].utf8.lexicographicallyPrecedes(table.services[Int($1)].utf8) }
        let keyOrder = usedKeys.sorted { table.keyIDs[Int($0)].utf8.lexicographicallyPrecedes(table.keyIDs[Int($1)].utf8) }
        var serviceRank = [Int32](repeating: -1, count: table.services.count)
        let modelOrder = usedModels.sorted { table.models[Int($0)].utf8.lexicographicallyPrecedes(table.models[Int($1)].utf8) }
        var keyRank = [Int32](repeating: -1, count: table.keyIDs.count)
        var modelRank = [Int32](repeating: -1, count: table.models.count)
        for (rank, service) in serviceOrder.enumerated() { serviceRank[Int(service)] = Int32(rank) }
        for (rank, key) in keyOrder.enumerated() { keyRank[Int(key)] = Int32(rank) }
        for (rank, model) in modelOrder.enumerated() { modelRank[Int(model)] = Int32(rank) }
        services = serviceOrder.map { table.services[Int($0)] }
        keyIDs = keyOrder.map { table.keyIDs[Int($0)] }
        models = modelOrder.map { table.models[Int($0)] }

        let records = table.records
        order.sort { a, b in
            let x = records[a], y = records[b]
            if x.day != y.day { return x.day > y.day }
            if x.service != y.service { return serviceRank[Int(x.service)] < serviceRank[Int(y.service)] }
            let xKey = x.key < 0 ? -1 : keyRank[Int(x.key)], yKey = y.key < 0 ? -1 : keyRank[Int(y.key)]
            if xKey != yKey { return xKey < yKey }
            if x.requests != y.requests { return x.requests < y.requests }
            if x.tokens != y.tokens { return x.tokens < y.tokens }
            if x.cost != y.cost { return x.cost < y.cost }
            let xModel = x.model < 0 ? -1 : modelRank[Int(x.model)], yModel = y.model < 0 ? -1 : modelRank[Int(y.model)]
            return xModel < yModel
        }
        leading = order.prefix(leadingCount).map { records[$0] }

        var chunks: [Chunk] = []
        var files: [OutputFile] = []
        var start = 0
        while start < order.count {
            let slice = order[start..<min(start + size, order.count)]
            var bytes: [UInt8] = []
            bytes.reserveCapacity(slice.count * 40 + 96)
            bytes += Array("(window.ForgeHistory=window.ForgeHistory||[]).push({\"chunk\":\(chunks.count),\"rows\":[\n".utf8)
            for (position, index) in slice.enumerated() {
                let record = records[index]
                let key = record.key < 0 ? -1 : keyRank[Int(record.key)]
                let fields = "[\(record.day.daysSinceEpoch),\(serviceRank[Int(record.service)]),\(key),"
                bytes += Array((fields + "\(record.requests),\(max(record.tokens, -1)),").utf8)
                bytes += Array(HistoryChunks.jsonAmount(record.cost).utf8)
                bytes += Array(",\(record.model < 0 ? -1 : modelRank[Int(record.model)])".utf8)
                bytes += Array((position == slice.count - 1 ? "]\n" : "],\n").utf8)
            }
            bytes += Array("]});\n".utf8)
            let hash = SHA256.hash(data: bytes).prefix(5).map { HistoryChunks.hex($0) }.joined()
            let name = "\(HistoryChunks.pad(chunks.count, 4)).\(hash)"
            // slice is non-empty here: start < order.count.
            chunks.append(Chunk(name: name, count: slice.count, newest: records[slice[slice.startIndex]].day,
                                oldest: records[slice[slice.endIndex - 1]].day))
            files.append(OutputFile(path: HistoryChunks.prefix + name + ".js", bytes: bytes))
            start += size
        }
        self.chunks = chunks
        self.files = files
    }

    /// Micro-units as a JSON number while JavaScript can hold it exactly, else as a string.
    static func jsonAmount(_ amount: Money) -> String {
        amount.micros.magnitude <= 9_007_199_254_740_991 ? String(amount.micros) : "\"\(amount.micros)\""
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
