/// The figures of one billing period: what the Usage dialog shows when that period is chosen.
///
/// Computed by `UsageSummary` in integer micro-units from the same records as everything else;
/// the current period counts days through `asOf`, past periods count every day.
public struct UsagePeriod: Sendable {
    /// One series of a chart: a line of the breakdown, or "Other" for the lines past the twelfth.
    public struct Series: Sendable, Hashable {
        /// Index into the grouping's `lines`; nil for "Other".
        public var line: Int?
        /// How many lines it stands for: 1, or the lines "Other" gathers.
        public var lineCount: Int
        public var spend: Money
    }

    /// Up to twelve series are told apart (colour and pattern); more lines share "Other".
    public static let maximumSeries = 12

    public let period: BillingPeriod
    /// The last day counted: `asOf` for the current period, the last day for the others.
    public let through: Day
    public let isCurrent: Bool
    public internal(set) var totals = UsageSummary.Totals()
    /// Per grouping, most spent first (ties by name); the line of records without a key or a model
    /// (`id == nil`) comes last.
    public internal(set) var lines: [UsageGrouping: [UsageSummary.Line]] = [:]
    /// Spend of each counted day, from the start through `through`.
    public internal(set) var daily: [Money]
    /// Per grouping, the chart's series in the order of `lines` (Other last).
    public internal(set) var series: [UsageGrouping: [Series]] = [:]
    /// Per grouping, each counted day's spend per series: `dailySeries[g]![day][series]`.
    public internal(set) var dailySeries: [UsageGrouping: [[Money]]] = [:]

    init(period: BillingPeriod, through: Day, isCurrent: Bool) {
        self.period = period
        self.through = through
        self.isCurrent = isCurrent
        self.daily = [Money](repeating: .zero, count: max(0, period.daysElapsed(asOf: through)))
    }

    /// Days counted: the whole period, or through `asOf` for the current one.
    public var daysCounted: Int { daily.count }

    /// A grouping's lines (empty when the period has no records).
    public func lines(_ grouping: UsageGrouping) -> [UsageSummary.Line] { lines[grouping] ?? [] }

    /// Spend in the first `days` days (all of them when the period is shorter).
    public func spend(firstDays days: Int) -> Money {
        daily.prefix(max(0, days)).reduce(Money.zero, +)  // parts of a checked total: no overflow
    }

    /// The series of `lines`: all of them when there are twelve or fewer, else the twelve that
    /// spent most (in the order of `lines`) and "Other" for the rest.
    static func series(of lines: [UsageSummary.Line]) -> (series: [Series], lineToSeries: [Int]) {
        guard lines.count > maximumSeries else {
            return (lines.enumerated().map { Series(line: $0.offset, lineCount: 1, spend: $0.element.spend) }, Array(lines.indices))
        }
        let top = Set(lines.indices.sorted { a, b in
            lines[a].spend != lines[b].spend ? lines[a].spend > lines[b].spend : a < b
        }.prefix(maximumSeries))
        var series: [Series] = []
        var lineToSeries = [Int](repeating: maximumSeries, count: lines.count)
        var other = Series(line: nil, lineCount: 0, spend: .zero)
        for (index, line) in lines.enumerated() {
            if top.contains(index) {
                lineToSeries[index] = series.count
                series.append(Series(line: index, lineCount: 1, spend: line.spend))
            } else {
                other.lineCount += 1
                other.spend += line.spend
            }
        }
        return (series + [other], lineToSeries)
    }
}
