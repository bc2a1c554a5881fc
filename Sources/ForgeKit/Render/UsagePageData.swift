/// The `forge-usage` JSON block: what `usage-dialog.js` needs beyond the HTML the build
/// already wrote: how to write numbers (currency and locale, for `format.js`), the names that
/// history rows index, the history's manifest, the periods and their view files, and the
/// figures as exact micro-units (strings, because JavaScript numbers stop being exact at 2^53).
///
/// ```json
/// { "asOf": "2026-11-25",
///   "currency": { "code": "EUR", "exponent": 2, "symbol": "€" },
///   "locale": { "id": "de-DE", "decimal": ",", "group": ".", "minimumGroupingDigits": 1,
///               "currencyPattern": "# ¤", "percentPattern": "# %" },
///   "period": { "start": "2026-11-01", "end": "2026-12-01", "lastDay": "2026-11-30",
///               "days": 30, "daysElapsed": 25, "daysLeft": 5 },
///   "current": { "spendMicros": "123450000", "spend": "123,45 €", "requests": "1", "tokens": "2", "records": 3,
///                "limitMicros": "500000000", "limit": "500,00 €", "percentTenths": 246, "status": "ok",
///                "projectionMicros": "…", "projection": "148,14 €" },
///   "limitMicros": "500000000",
///   "periods": [{ "start": "2026-11-01", "lastDay": "2026-11-30", "through": "2026-11-25", "current": true,
///                 "spendMicros": "…", "requests": "…", "records": 3, "percentTenths": 24, "file": "2026-11-01.1a2b3c4d5e" }],
///   "groupings": ["service", "model", "key"], "viewPrefix": "data/usage-period-",
///   "services": ["Chat Completions", …],            // rows' service index
///   "keys": [{ "id": "key_prod", "name": "Production backend" }, …],   // rows' key index
///   "models": ["gpt-4o-mini", …],                   // rows' model index
///   "history": { "count": 1080, "rowsPerChunk": 5000, "pageSize": 25, "newest": "…", "oldest": "…",
///                "spendMicros": "…", "requests": "…", "tokens": "…", "prefix": "data/usage-",
///                "chunks": [["0000.1a2b3c4d5e", 1080, 20782, 20666]] } }
/// ```
/// Absent values are `null`, never left out, so the browser sees one shape. The plans are not here:
/// the dialog's Upgrade plan section is all HTML, and the page must stay light.
public struct UsagePageData: Encodable, Sendable {
    public struct CurrencyData: Encodable, Sendable {
        let code: String
        let exponent: Int
        /// The sign in the site's locale.
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
        @Nullable var limitMicros: String?
        @Nullable var limit: String?
        @Nullable var percentTenths: Int?
        @Nullable var status: String?
        @Nullable var projectionMicros: String?
        @Nullable var projection: String?
    }

    /// One billing period of the selector and the Periods table; `file` is its views' data file
    /// (`viewPrefix + file + ".js"`), null when the page was made without them.
    public struct PeriodEntry: Encodable, Sendable {
        let start: String
        let lastDay: String
        let through: String
        let current: Bool
        let spendMicros: String
        let requests: String
        let records: Int
        @Nullable var percentTenths: Int?
        @Nullable var file: String?
    }

    public struct Key: Encodable, Sendable {
        let id: String
        let name: String
    }

    /// `["0007.1a2b3c4d5e", rows, newestDay, oldestDay]`: compact, because a million records
    /// make 200 chunks and the manifest is inline in the page; the file is `prefix + name + ".js"`,
    /// days are days since 1970-01-01 (UTC), as in the rows.
    public struct Chunk: Encodable, Sendable {
        let name: String
        let count: Int
        let newest: Int
        let oldest: Int

        public func encode(to encoder: Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(name)
            try container.encode(count)
            try container.encode(newest)
            try container.encode(oldest)
        }
    }

    public struct History: Encodable, Sendable {
        let count: Int
        let rowsPerChunk: Int
        let pageSize: Int
        @Nullable var newest: String?
        @Nullable var oldest: String?
        let spendMicros: String
        let requests: String
        let tokens: String
        let prefix: String
        let chunks: [Chunk]
        /// The first pages of sorts and one-name filters (HistoryFirstPages); null without history.
        @Nullable var first: String?
    }

    @Nullable var asOf: String?
    let currency: CurrencyData
    let locale: FormatLocale
    @Nullable var period: Period?
    let current: Current
    @Nullable var limitMicros: String?
    let periods: [PeriodEntry]
    let groupings: [String]
    let viewPrefix: String
    let services: [String]
    let keys: [Key]
    let models: [String]
    let history: History
}

extension UsagePageData {
    init(presenter: UsagePresenter, pageSize: Int) {
        let summary = presenter.summary
        let format = presenter.format
        asOf = summary.asOf?.description
        currency = CurrencyData(code: format.currency.code, exponent: format.currency.exponent, symbol: format.symbol)
        locale = format.locale
        period = UsagePageData.period(of: summary)
        current = UsagePageData.current(of: summary, in: format)
        limitMicros = UsagePageData.limitMicros(of: summary)
        periods = UsagePageData.periods(of: summary, files: presenter.periodFileNames)
        groupings = presenter.groupings.map(\.rawValue)
        viewPrefix = UsagePeriodFiles.prefix
        services = presenter.history.services
        keys = presenter.history.keyIDs.map { Key(id: $0, name: presenter.keyNames[$0] ?? $0) }
        models = presenter.history.models
        history = UsagePageData.history(of: summary, chunks: presenter.history, pageSize: pageSize)
    }

    // Small functions on purpose: with everything in one initializer, swift 6.3.1's optimizer
    // (-O, CopyPropagation) crashed with "Found outside of lifetime use" on `summary.plan`.

    private static func period(of summary: UsageSummary) -> Period? {
        guard let period = summary.period else { return nil }
        return Period(start: period.start.description, end: period.end.description, lastDay: period.lastDay.description,
                      days: period.length, daysElapsed: summary.daysElapsed, daysLeft: summary.daysLeft)
    }

    private static func current(of summary: UsageSummary, in format: MoneyFormat) -> Current {
        let spend = summary.current.spend
        let limit: Money? = summary.limit
        let projection: Money? = summary.projection
        return Current(spendMicros: String(spend.micros), spend: format.money(spend),
                       requests: String(summary.current.requests), tokens: String(summary.current.tokens),
                       records: summary.current.records,
                       limitMicros: limit.map { String($0.micros) }, limit: limit.map { format.money($0) },
                       percentTenths: summary.percentTenths, status: summary.status?.rawValue,
                       projectionMicros: projection.map { String($0.micros) }, projection: projection.map { format.money($0) })
    }

    private static func limitMicros(of summary: UsageSummary) -> String? {
        let limit: Money? = summary.limit
        return limit.map { String($0.micros) }
    }

    private static func periods(of summary: UsageSummary, files: [String: String]) -> [PeriodEntry] {
        let limit: Money? = summary.limit
        return summary.periods.map { period in
            let start = period.period.start.description
            let spend = period.totals.spend
            return PeriodEntry(start: start, lastDay: period.period.lastDay.description, through: period.through.description,
                               current: period.isCurrent, spendMicros: String(spend.micros), requests: String(period.totals.requests),
                               records: period.totals.records,
                               percentTenths: limit.flatMap { UsageSummary.percentTenths(of: spend, limit: $0) }, file: files[start])
        }
    }

    private static func history(of summary: UsageSummary, chunks: HistoryChunks, pageSize: Int) -> History {
        History(count: chunks.count, rowsPerChunk: chunks.rowsPerChunk, pageSize: pageSize,
                newest: summary.history.lastDay?.description, oldest: summary.history.firstDay?.description,
                spendMicros: String(summary.history.spend.micros), requests: String(summary.history.requests),
                tokens: String(summary.history.tokens), prefix: HistoryChunks.prefix,
                chunks: chunks.chunks.map { Chunk(name: $0.name, count: $0.count, newest: $0.newest.daysSinceEpoch,
                    oldest: $0.oldest.daysSinceEpoch) },
                first: chunks.firstPages)
    }
}
