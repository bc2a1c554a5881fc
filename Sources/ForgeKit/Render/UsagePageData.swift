/// The `forge-usage` JSON block: what `usage-dialog.js` needs beyond the HTML the build
/// already wrote: the names that history rows index, the history's manifest, and the figures
/// as exact micro-units (strings, because JavaScript numbers stop being exact at 2^53).
///
/// ```json
/// { "asOf": "2026-11-25",
///   "currency": { "code": "USD", "exponent": 2, "symbol": "$" },
///   "period": { "start": "2026-11-01", "end": "2026-12-01", "lastDay": "2026-11-30",
///               "days": 30, "daysElapsed": 25, "daysLeft": 5 },
///   "current": { "spendMicros": "123450000", "spend": "$123.45", "requests": 1, "tokens": 2, "records": 3,
///                "limitMicros": "500000000", "limit": "$500.00", "percentTenths": 246, "status": "ok",
///                "projectionMicros": "…", "projection": "$148.14" },
///   "services": ["Chat Completions", …],            // rows' service index
///   "keys": [{ "id": "key_prod", "name": "Production backend" }, …],   // rows' key index
///   "plans": [{ "id": "pro", "name": "Pro", "limitMicros": "…", "priceMicros": "…", "current": true }],
///   "history": { "count": 1080, "rowsPerChunk": 5000, "pageSize": 25, "newest": "…", "oldest": "…",
///                "spendMicros": "…", "requests": "…", "tokens": "…",
///                "chunks": [{ "src": "data/usage-0000.1a2b3c4d5e.js", "count": 1080, "newest": "…", "oldest": "…" }] } }
/// ```
/// Absent values are `null`, never left out, so the browser sees one shape.
public struct UsagePageData: Encodable, Sendable {
    public struct CurrencyData: Encodable, Sendable {
        let code: String
        let exponent: Int
        let symbol: String
    }

    public struct Period: Encodable, Sendable {
        let start: String
        let end: String
        let lastDay: String
        let days: Int
        let daysElapsed: Int
        let daysLeft: Int
    }

    public struct Current: Encodable, Sendable {
        let spendMicros: String
        let spend: String
        let requests: String
        let tokens: String
        let records: Int
        let limitMicros: String?
        let limit: String?
        let percentTenths: Int?
        let status: String?
        let projectionMicros: String?
        let projection: String?

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(spendMicros, forKey: .spendMicros)
            try container.encode(spend, forKey: .spend)
            try container.encode(requests, forKey: .requests)
            try container.encode(tokens, forKey: .tokens)
            try container.encode(records, forKey: .records)
            try container.encode(limitMicros, forKey: .limitMicros)
            try container.encode(limit, forKey: .limit)
            try container.encode(percentTenths, forKey: .percentTenths)
            try container.encode(status, forKey: .status)
            try container.encode(projectionMicros, forKey: .projectionMicros)
            try container.encode(projection, forKey: .projection)
        }

        enum CodingKeys: String, CodingKey {
            case spendMicros, spend, requests, tokens, records, limitMicros, limit, percentTenths, status, projectionMicros, projection
        }
    }

    public struct Key: Encodable, Sendable {
        let id: String
        let name: String
    }

    public struct PlanData: Encodable, Sendable {
        let id: String
        let name: String
        let limitMicros: String
        let priceMicros: String
        let current: Bool
    }

    public struct Chunk: Encodable, Sendable {
        let src: String
        let count: Int
        let newest: String
        let oldest: String
    }

    public struct History: Encodable, Sendable {
        let count: Int
        let rowsPerChunk: Int
        let pageSize: Int
        let newest: String?
        let oldest: String?
        let spendMicros: String
        let requests: String
        let tokens: String
        let chunks: [Chunk]

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(rowsPerChunk, forKey: .rowsPerChunk)
            try container.encode(pageSize, forKey: .pageSize)
            try container.encode(newest, forKey: .newest)
            try container.encode(oldest, forKey: .oldest)
            try container.encode(spendMicros, forKey: .spendMicros)
            try container.encode(requests, forKey: .requests)
            try container.encode(tokens, forKey: .tokens)
            try container.encode(chunks, forKey: .chunks)
        }

        enum CodingKeys: String, CodingKey {
            case count, rowsPerChunk, pageSize, newest, oldest, spendMicros, requests, tokens, chunks
        }
    }

    let asOf: String?
    let currency: CurrencyData
    let period: Period?
    let current: Current
    let services: [String]
    let keys: [Key]
    let plans: [PlanData]
    let history: History

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(currency, forKey: .currency)
        try container.encode(period, forKey: .period)
        try container.encode(current, forKey: .current)
        try container.encode(services, forKey: .services)
        try container.encode(keys, forKey: .keys)
        try container.encode(plans, forKey: .plans)
        try container.encode(history, forKey: .history)
    }

    enum CodingKeys: String, CodingKey {
        case asOf, currency, period, current, services, keys, plans, history
    }
}

extension UsagePageData {
    init(summary: UsageSummary, chunks: HistoryChunks, currency: Currency, keyNames: [String: String], pageSize: Int) {
        asOf = summary.asOf?.description
        self.currency = CurrencyData(code: currency.code, exponent: currency.exponent, symbol: currency.symbol)
        if let period = summary.period {
            self.period = Period(start: period.start.description, end: period.end.description, lastDay: period.lastDay.description,
                                 days: period.length, daysElapsed: summary.daysElapsed, daysLeft: summary.daysLeft)
        } else {
            self.period = nil
        }
        let spend = summary.current.spend
        current = Current(spendMicros: String(spend.micros), spend: currency.format(spend),
                          requests: String(summary.current.requests), tokens: String(summary.current.tokens),
                          records: summary.current.records,
                          limitMicros: summary.limit.map { String($0.micros) }, limit: summary.limit.map { currency.format($0) },
                          percentTenths: summary.percentTenths, status: summary.status?.rawValue,
                          projectionMicros: summary.projection.map { String($0.micros) },
                          projection: summary.projection.map { currency.format($0) })
        services = chunks.services
        keys = chunks.keyIDs.map { Key(id: $0, name: keyNames[$0] ?? $0) }
        plans = (summary.plans ?? []).map {
            PlanData(id: $0.id, name: $0.name, limitMicros: String($0.monthlyLimit.micros), priceMicros: String($0.price.micros),
                     current: $0.id == summary.plan?.id)
        }
        history = History(count: chunks.count, rowsPerChunk: chunks.rowsPerChunk, pageSize: pageSize,
                          newest: summary.history.lastDay?.description, oldest: summary.history.firstDay?.description,
                          spendMicros: String(summary.history.spend.micros), requests: String(summary.history.requests),
                          tokens: String(summary.history.tokens),
                          chunks: chunks.chunks.map { Chunk(src: $0.path, count: $0.count, newest: $0.newest.description, oldest: $0.oldest.description) })
    }
}
