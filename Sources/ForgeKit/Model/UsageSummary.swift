/// The figures of the Usage modal and the summary cards, aggregated once at build time.
///
/// Everything is computed in one pass over the usage table, in integer micro-units with
/// overflow checks: the dashboard's numbers must equal an independent sum of the raw records,
/// to the cent, whatever the record count. Days are UTC (`Day`); "today" is `asOf`, and
/// records dated after it do not count anywhere (not in the period, not in the history).
public struct UsageSummary: Sendable {
    /// Spend of one service or one key in the current period.
    public struct Line: Sendable, Hashable {
        /// The service name, or the key id (nil for records that name no key).
        public var id: String?
        /// What to show: the service name, the key's name from keys.yaml, or its id.
        public var name: String
        public var spend: Money
        public var requests: Int64
        /// Sum of the token counts the records give (records without one add nothing).
        public var tokens: Int64
        public var records: Int
    }

    /// Money, requests and tokens of a set of records.
    public struct Totals: Sendable, Hashable {
        public var spend = Money.zero
        public var requests: Int64 = 0
        public var tokens: Int64 = 0
        public var records = 0
        /// The oldest and newest day among the records.
        public var firstDay: Day?
        public var lastDay: Day?

        public init() {}
    }

    /// "Today" for the dashboard; nil when the site has no as_of, no SOURCE_DATE_EPOCH and no usage.
    public let asOf: Day?
    /// The billing period holding `asOf`.
    public let period: BillingPeriod?
    /// The current period (holding `asOf`) first, then every earlier period that has records,
    /// newest first. Empty without `asOf`.
    public let periods: [UsagePeriod]
    /// Every record dated on or before `asOf`: what the history table holds.
    public let history: Totals
    /// Records dated after `asOf` (or every record when there is no `asOf`): counted nowhere.
    public let recordsAfterAsOf: Int
    /// The site's plan, when it names one that exists.
    public let plan: Plan?
    /// Every plan of plans.yaml, in file order; nil when there is no plans file.
    public let plans: [Plan]?

    /// Usage from the period start through `asOf`.
    public var current: Totals { periods.first?.totals ?? Totals() }
    /// Per service, most spent first (ties by name), current period only.
    public var services: [Line] { periods.first?.lines(.service) ?? [] }
    /// Per key, most spent first (ties by name); the no-key line, if any, has `id == nil`.
    public var keys: [Line] { periods.first?.lines(.key) ?? [] }
    /// Spend of each day from the period start through `asOf` (`daysElapsed` entries).
    public var daily: [Money] { periods.first?.daily ?? [] }

    /// - Parameters:
    ///   - keyNames: key id → name from keys.yaml; ids missing there are shown as they are.
    ///   - plans: the plans of plans.yaml, or nil without a plans file.
    ///   - planID: the site's `plan`.
    /// - Throws: `UsageSummary.OverflowError` when a sum leaves Int64 (over 9.2 trillion units).
    public init(table: UsageTable, asOf: Day?, billingCycleDay: Int, plans: [Plan]?, planID: String?,
                keyNames: [String: String] = [:]) throws(OverflowError) {
        self.asOf = asOf
        self.plans = plans
        self.plan = planID.flatMap { id in plans?.first { $0.id == id } }
        self.period = asOf.map { BillingPeriod(containing: $0, cycleDay: billingCycleDay) }
        var builder = PeriodBuilder(table: table, asOf: asOf, cycleDay: billingCycleDay, keyNames: keyNames)
        try builder.sum()
        self.history = builder.history
        self.recordsAfterAsOf = builder.after
        self.periods = builder.finish()
    }

    /// The period before `period` among `periods` (nil when it has no records, or is not known).
    public func period(before period: UsagePeriod) -> UsagePeriod? {
        let start = period.period.previous.start
        return periods.first { $0.period.start == start }
    }

    /// Most spent first; equal spends by name, then id, so the order never depends on file order.
    static func ranked(_ lines: [Line]) -> [Line] {
        lines.sorted { a, b in
            if a.spend != b.spend { return a.spend > b.spend }
            if a.name != b.name { return a.name < b.name }
            return (a.id ?? "") < (b.id ?? "")
        }
    }

    /// Spend this period per key id, for the keys list (`periodSpend` in `forge-keys`).
    /// Keys without usage this period are absent (their spend is zero).
    public var spendByKey: [String: Money] {
        var result: [String: Money] = [:]
        for line in keys {
            if let id = line.id { result[id] = line.spend }
        }
        return result
    }

    /// Days of the period through `asOf`, both included.
    public var daysElapsed: Int {
        guard let period, let asOf else { return 0 }
        return period.daysElapsed(asOf: asOf)
    }

    /// Whole days after `asOf` until the period ends (0 on its last day).
    public var daysLeft: Int {
        guard let period, let asOf else { return 0 }
        return period.daysLeft(asOf: asOf)
    }
}
