/// What the builder needs from usage for the home page: the template context of the summary
/// cards and the Usage dialog (`usage`), the `forge-usage` JSON, the history data files, and
/// each key's spend this period for the keys list.
///
/// All figures come from one `UsageSummary`; what is shown rounded to the cent is rounded
/// once, here, with parts apportioned so they add up to the totals shown.
public struct UsagePresenter: Sendable {
    /// History rows per page in the browser.
    public static let pageSize = 25
    /// History rows written into the HTML: the newest few, shown at once and without JavaScript.
    public static let staticRows = 5

    public let summary: UsageSummary
    public let history: HistoryChunks
    let currency: Currency
    let table: UsageTable
    /// key id → name from keys.yaml.
    let keyNames: [String: String]

    /// - Throws: `UsageSummary.OverflowError` when a sum does not fit in 64 bits.
    public init(site: Site) throws(UsageSummary.OverflowError) {
        try self.init(table: site.usage, config: site.config, asOf: site.asOf,
                      plans: site.plans.isEmpty ? nil : site.plans, keys: site.keys)
    }

    /// - Parameters:
    ///   - asOf: "today"; nil when the site has none (no as_of, no SOURCE_DATE_EPOCH, no usage).
    ///   - plans: the plans of plans.yaml, nil without the file.
    public init(table: UsageTable, config: SiteConfig, asOf: Day?, plans: [Plan]?, keys: [APIKey],
                rowsPerChunk: Int = HistoryChunks.defaultRowsPerChunk) throws(UsageSummary.OverflowError) {
        var names: [String: String] = [:]
        for key in keys { names[key.id] = key.name }
        self.keyNames = names
        self.currency = config.currency
        self.table = table
        self.summary = try UsageSummary(table: table, asOf: asOf, billingCycleDay: config.billingCycleDay,
                                        plans: plans, planID: config.plan, keyNames: names)
        self.history = HistoryChunks(table: table, through: asOf, rowsPerChunk: rowsPerChunk, leadingCount: UsagePresenter.staticRows)
    }

    /// The `forge-usage` JSON block (encode with `JSONScript.encode`).
    public var pageData: UsagePageData {
        UsagePageData(summary: summary, chunks: history, currency: currency, keyNames: keyNames, pageSize: UsagePresenter.pageSize)
    }

    /// `data/usage-NNNN.<hash>.js`: the history, loaded by the dialog on demand.
    public var dataFiles: [OutputFile] { history.files }

    /// Each key's spend this period (keys without usage are absent: zero).
    public var spendByKey: [String: Money] { summary.spendByKey }

    /// The home template's `usage` value; see the header of `_partials/usage-dialog.mustache`.
    public var templateContext: [String: Any] {
        var context: [String: Any] = [
            "hasData": summary.asOf != nil,
            "asOf": summary.asOf?.description ?? "",
            "currency": currency.code,
            "spend": currency.format(summary.current.spend),
            "requests": UsagePresenter.integer(summary.current.requests),
            "tokens": UsagePresenter.integer(summary.current.tokens),
            "records": UsagePresenter.count(summary.current.records, "record", "records"),
            "hasUsage": summary.current.records > 0,
            "hasLaterRecords": summary.asOf != nil && summary.recordsAfterAsOf > 0,
            "laterRecords": UsagePresenter.count(summary.recordsAfterAsOf, "record", "records"),
        ]
        context["period"] = periodContext.orTemplateNull
        context.merge(limitContext) { $1 }
        context["breakdown"] = breakdownContext
        context["keys"] = keysContext
        context["daily"] = dailyContext
        context["history"] = historyContext
        context["plans"] = plansContext
        return context
    }

    private var periodContext: [String: Any]? {
        guard let period = summary.period, summary.asOf != nil else { return nil }
        let left = summary.daysLeft
        return [
            "start": period.start.description,
            "lastDay": period.lastDay.description,
            "end": period.end.description,
            "length": period.length,
            "daysElapsed": summary.daysElapsed,
            "daysLeft": left,
            "daysLeftText": left == 0 ? "Last day" : UsagePresenter.count(left, "day", "days") + " left",
            "dayOfPeriod": "Day \(summary.daysElapsed) of \(period.length)",
        ]
    }

    private var limitContext: [String: Any] {
        var context: [String: Any] = ["hasPlan": summary.plan != nil, "hasLimit": summary.limit != nil]
        if let plan = summary.plan { context["planName"] = plan.name }
        if let limit = summary.limit, let status = summary.status {
            context["limit"] = currency.format(limit)
            context["status"] = status.rawValue
            context["statusOK"] = status == .ok
            context["statusWarning"] = status == .warning
            context["statusExceeded"] = status == .exceeded
            let spend = summary.current.spend
            if let tenths = summary.percentTenths {
                context["hasPercent"] = true
                context["percent"] = UsagePresenter.percent(tenths: tenths)
                // <progress> clamps to max; the text says how far over it is.
                context["progressValue"] = UsageCharts.hundredths(min(tenths, 1000) * 10)
            } else {
                context["hasPercent"] = false
                context["percent"] = "—"
                context["progressValue"] = spend.micros > 0 ? "100" : "0"
            }
            switch status {
            case .ok:
                context["statusText"] = "Within limit"
            case .warning:
                context["statusText"] = "Warning: 80% of the limit reached"
            case .exceeded:
                context["statusText"] = spend > limit ? "Over the limit by \(currency.format(spend - limit))" : "Limit reached"
            }
            context["remaining"] = spend < limit ? currency.format(limit - spend) + " left" : currency.format(.zero) + " left"
        }
        if let projection = summary.projection, summary.daysElapsed > 0 {
            context["hasProjection"] = true
            context["projection"] = currency.format(projection)
            context["dailyRate"] = summary.dailyRate.map { currency.format($0) } ?? ""
            context["projectionOverLimit"] = summary.limit.map { projection > $0 } ?? false
            context["limitReachedDay"] = summary.limitReachedDay.map(\.description).orTemplateNull
        } else {
            context["hasProjection"] = false
        }
        return context
    }
}
