import Foundation

/// What the builder needs from usage for the home page: the template context of the summary
/// cards and the Usage dialog (`usage`), the `forge-usage` JSON, the history and period data
/// files, and each key's spend and budget this period for the keys list.
///
/// All figures come from one `UsageSummary`; what is shown rounded to the minor unit is rounded
/// once, here, with parts apportioned so they add up to the totals shown, and written in the
/// site's locale (`MoneyFormat`).
public struct UsagePresenter: Sendable {
    /// History rows per page in the browser.
    public static let pageSize = 25
    /// History rows written into the HTML: the newest few, shown at once and without JavaScript.
    public static let staticRows = 5

    public let summary: UsageSummary
    public let history: HistoryChunks
    let format: MoneyFormat
    let table: UsageTable
    /// key id → name from keys.yaml.
    let keyNames: [String: String]
    /// key id → `monthly_limit` from keys.yaml.
    let keyBudgets: [String: Money]
    /// Period start → the name of its views' data file, once `renderPeriodFiles` made them.
    var periodFileNames: [String: String] = [:]

    var currency: Currency { format.currency }

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
        var budgets: [String: Money] = [:]
        for key in keys {
            names[key.id] = key.name
            if let limit = key.monthlyLimit { budgets[key.id] = limit }
        }
        self.keyNames = names
        self.keyBudgets = budgets
        self.format = config.moneyFormat
        self.table = table
        // The history's chunks (a sort of every record) and the summary are independent: two cores.
        let history = BackgroundTask {
            HistoryChunks(table: table, through: asOf, rowsPerChunk: rowsPerChunk, leadingCount: UsagePresenter.staticRows)
        }
        self.summary = try UsageSummary(table: table, asOf: asOf, billingCycleDay: config.billingCycleDay,
                                        plans: plans, planID: config.plan, keyNames: names)
        self.history = history.value
    }

    /// The `forge-usage` JSON block (encode with `JSONScript.encode`).
    public var pageData: UsagePageData {
        UsagePageData(presenter: self, pageSize: UsagePresenter.pageSize)
    }

    /// `data/usage-NNNN.<hash>.js`: the history, loaded by the dialog on demand.
    public var dataFiles: [OutputFile] { history.files }

    /// Each key's spend this period (keys without usage are absent: zero).
    public var spendByKey: [String: Money] { summary.spendByKey }

    /// Each budgeted key's figures this period, for the keys list (`forge-keys`).
    func keyBudget(_ keyID: String) -> (limit: Money, percentTenths: Int?, status: UsageSummary.LimitStatus, text: String)? {
        guard let limit = keyBudgets[keyID], summary.asOf != nil else { return nil }
        let spend = spendByKey[keyID] ?? .zero
        let text = spend > limit ? "\(format.money(spend - limit)) over \(format.money(limit))"
            : "\(format.money(limit - spend)) left of \(format.money(limit))"
        return (limit, UsageSummary.percentTenths(of: spend, limit: limit), UsageSummary.status(of: spend, limit: limit), text)
    }

    /// Whether any record names a model: the "Model" grouping and column exist only then.
    var hasModels: Bool { !table.models.isEmpty }

    /// The groupings the dialog offers.
    var groupings: [UsageGrouping] { UsageGrouping.allCases.filter { $0 != .model || hasModels } }

    /// The home template's `usage` value: the current period's figures (grouped by service, the
    /// summary cards read them) and the rest of the Usage dialog.
    var templateContext: UsageDialogContext {
        guard let current = summary.periods.first, summary.asOf != nil else {
            return UsageDialogContext(current: nil, parts: .init(hasData: false, history: historyContext, plans: plansContext))
        }
        let view = viewContext(current, grouping: .service)
        return UsageDialogContext(current: view, parts: .init(hasData: true, currency: currency.code, view: view, controls: controlsContext,
                                                              periodsTable: periodsTableContext, history: historyContext,
                                                                  plans: plansContext))
    }
}
