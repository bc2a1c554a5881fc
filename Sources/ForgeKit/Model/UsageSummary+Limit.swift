/// The plan's limit, how much of it is used, and where the period is heading.
///
/// Ratios are computed in `Int128` from the exact micro-unit sums, never in `Double`.
extension UsageSummary {
    /// How the period's usage stands against the limit; the bar's state.
    public enum LimitStatus: String, Sendable, Hashable {
        /// Under 80 % of the limit.
        case ok
        /// From 80 % up to (not including) the limit.
        case warning
        /// At or over the limit.
        case exceeded
    }

    /// The monthly limit of the site's plan; nil without a plan.
    public var limit: Money? { plan?.monthlyLimit }

    /// Usage as a percentage of the limit, in tenths of a percent, rounded **down**: 79.96 %
    /// is 799 ("79.9 %"), so the figure shown reaches 80.0 % exactly when the bar turns warning,
    /// and 100.0 % exactly when the limit is reached. Nil without a limit or with a zero limit.
    public var percentTenths: Int? {
        limit.flatMap { UsageSummary.percentTenths(of: current.spend, limit: $0) }
    }

    /// Warning from 80 % of the limit, exceeded from 100 %, compared exactly (spend × 5 ≥ limit × 4).
    /// A zero limit is exceeded by any spend. Nil without a plan.
    public var status: LimitStatus? {
        limit.map { UsageSummary.status(of: current.spend, limit: $0) }
    }

    /// `spend` as tenths of a percent of `limit`, rounded down; nil for a zero limit. The same rule
    /// for the plan's limit in every period and for each key's own budget.
    public static func percentTenths(of spend: Money, limit: Money) -> Int? {
        guard limit.micros > 0 else { return nil }
        return Int(clamping: Int128(spend.micros) * 1000 / Int128(limit.micros))
    }

    /// The bar's state for `spend` against `limit` (see `status`).
    public static func status(of spend: Money, limit: Money) -> LimitStatus {
        let spend = Int128(spend.micros)
        let cap = Int128(limit.micros)
        if cap == 0 { return spend > 0 ? .exceeded : .ok }
        if spend >= cap { return .exceeded }
        if spend * 5 >= cap * 4 { return .warning }
        return .ok
    }

    /// The change from `previous` to `spend` in tenths of a percent, rounded half away from zero;
    /// nil when `previous` is zero (no base to compare with).
    public static func changeTenths(from previous: Money, to spend: Money) -> Int? {
        guard previous.micros > 0 else { return nil }
        let numerator = (Int128(spend.micros) - Int128(previous.micros)) * 1000
        let denominator = Int128(previous.micros)
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let rounded = remainder.magnitude * 2 >= denominator.magnitude ? quotient + (numerator < 0 ? -1 : 1) : quotient
        return Int(clamping: rounded)
    }

    /// What the whole period will cost at the current daily rate:
    /// `spend ÷ daysElapsed × periodLength`, rounded half up to the micro-unit.
    /// Elapsed days include `asOf` (its records count), so on the last day the projection is
    /// the spend itself. Nil without a period; nil if it would not fit in 64 bits.
    public var projection: Money? {
        guard let period, daysElapsed > 0 else { return nil }
        let numerator = Int128(current.spend.micros) * Int128(period.length)
        let elapsed = Int128(daysElapsed)
        let projected = (numerator * 2 + elapsed) / (elapsed * 2)
        guard let micros = Int64(exactly: projected) else { return nil }
        return Money(micros: micros)
    }

    /// The average spend per elapsed day, rounded half up to the micro-unit.
    public var dailyRate: Money? {
        guard daysElapsed > 0 else { return nil }
        let elapsed = Int64(daysElapsed)
        return Money(micros: (current.spend.micros / elapsed) + ((current.spend.micros % elapsed) * 2 >= elapsed ? 1 : 0))
    }

    /// The day the limit will be reached at the current daily rate, when that happens later in
    /// this period: the first day `n` (1-based) with `rate × n ≥ limit`, i.e.
    /// `n = ⌈limit × elapsed ÷ spend⌉`. Nil when the limit is already reached, is not reached
    /// this period, or there is no spend.
    public var limitReachedDay: Day? {
        guard let period, let limit, limit.micros > 0, current.spend.micros > 0, current.spend < limit else { return nil }
        let numerator = Int128(limit.micros) * Int128(daysElapsed)
        let spend = Int128(current.spend.micros)
        let n = (numerator + spend - 1) / spend
        guard n <= Int128(period.length) else { return nil }
        return period.start.adding(days: Int(n) - 1)
    }
}
