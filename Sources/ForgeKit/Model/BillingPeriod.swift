/// One billing period: the UTC days `[start, end)`, starting on the site's `billing_cycle_day`.
///
/// The cycle day is 1-28 (PRODUCT.md §2), so every month has it and a period is always one
/// calendar month long: 28 to 31 days. Periods that start in December end in January, and a
/// period holding the end of February is 29 days in leap years.
public struct BillingPeriod: Sendable, Hashable, CustomStringConvertible {
    /// The first day of the period.
    public let start: Day
    /// The day after the last day: the start of the next period.
    public let end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// The period holding `day`. A cycle day outside 1-28 (which the loader rejects) is clamped,
    /// so a bad value can never make an impossible date.
    ///
    /// Computed with day counts only: a period starting in month M is as long as M, because the
    /// cycle day exists in every month.
    public init(containing day: Day, cycleDay: Int) {
        let cycle = min(max(cycleDay, 1), 28)
        let (year, month, dayOfMonth) = day.components
        if dayOfMonth >= cycle {
            let start = day.adding(days: cycle - dayOfMonth)
            self.init(start: start, end: start.adding(days: Day.daysIn(month: month, year: year)))
        } else {
            let previousMonth = month == 1 ? 12 : month - 1
            let previousLength = Day.daysIn(month: previousMonth, year: month == 1 ? year - 1 : year)
            let start = day.adding(days: -dayOfMonth - (previousLength - cycle))
            self.init(start: start, end: start.adding(days: previousLength))
        }
    }

    /// Number of days in the period (28-31).
    public var length: Int { start.distance(to: end) }

    /// The last day of the period, inclusive: what the dashboard shows as "to".
    public var lastDay: Day { end.adding(days: -1) }

    public func contains(_ day: Day) -> Bool { start <= day && day < end }

    /// Days from the start through `asOf`, both included: `asOf` counts as a used day because its
    /// records count. 1 on the first day, `length` on the last; clamped to `0...length`.
    public func daysElapsed(asOf: Day) -> Int {
        min(max(start.distance(to: asOf) + 1, 0), length)
    }

    /// Whole days after `asOf` until the period ends: 0 on its last day.
    /// `daysElapsed + daysLeft == length` for any `asOf` inside the period.
    public func daysLeft(asOf: Day) -> Int {
        length - daysElapsed(asOf: asOf)
    }

    /// The next period.
    public var next: BillingPeriod { BillingPeriod(containing: end, cycleDay: start.day) }

    /// The previous period.
    public var previous: BillingPeriod { BillingPeriod(containing: start.adding(days: -1), cycleDay: start.day) }

    /// `2026-11-01..<2026-12-01`
    public var description: String { "\(start)..<\(end)" }
}
