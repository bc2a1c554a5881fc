/// Checked sums: a million records of up to a trillion each could leave Int64, and a total that
/// wrapped around would be the worst kind of wrong figure, so every addition is checked.
extension UsageSummary {
    /// A sum that does not fit in 64 bits; the build stops rather than show a wrong figure.
    public struct OverflowError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What was being summed: "cost", "requests" or "tokens".
        public var what: String

        public var description: String {
            "usage \(what) add up to more than Forge can sum exactly (9,223,372,036,854,775,807 "
                + (what == "cost" ? "micro-units" : what) + "); split the data or check it for wrong values"
        }
    }

    static func sum(_ a: Money, _ b: Money) throws(OverflowError) -> Money {
        Money(micros: try sum(a.micros, b.micros, "cost"))
    }

    static func sum(_ a: Int64, _ b: Int64, _ what: String) throws(OverflowError) -> Int64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw OverflowError(what: what) }
        return result
    }
}

/// The sums `Totals` and `Line` both keep, added one record at a time, checked.
protocol UsageSums {
    var spend: Money { get set }
    var requests: Int64 { get set }
    var tokens: Int64 { get set }
    var records: Int { get set }
}

extension UsageSums {
    /// Adds the record's cost, requests and tokens (records without tokens add none).
    mutating func addSums(_ record: UsageRecord) throws(UsageSummary.OverflowError) {
        spend = try UsageSummary.sum(spend, record.cost)
        requests = try UsageSummary.sum(requests, record.requests, "requests")
        if record.tokens > 0 { tokens = try UsageSummary.sum(tokens, record.tokens, "tokens") }
        records += 1
    }
}

extension UsageSummary.Totals: UsageSums {
    mutating func add(_ record: UsageRecord) throws(UsageSummary.OverflowError) {
        try addSums(record)
        if firstDay.map({ record.day < $0 }) ?? true { firstDay = record.day }
        if lastDay.map({ record.day > $0 }) ?? true { lastDay = record.day }
    }
}

extension UsageSummary.Line: UsageSums {
    mutating func add(_ record: UsageRecord) throws(UsageSummary.OverflowError) {
        try addSums(record)
    }
}
