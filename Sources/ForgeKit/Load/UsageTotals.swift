/// The sums of every usage record read so far, across files, checked as each record is added.
///
/// Every figure of the dashboard sums some of the records (all values are zero or more), so
/// when the sum of all of them fits in 64 bits, every figure does. A sum that would not is
/// stopped at the record that carries it past, at its file and line, rather than found later
/// by `UsageSummary` with nowhere to point.
public struct UsageTotals: Sendable, Hashable {
    public private(set) var requests: Int64 = 0
    public private(set) var tokens: Int64 = 0
    public private(set) var costMicros: Int64 = 0

    public init() {}

    /// Adds one record's values; when one of its sums would pass Int64, adds nothing and
    /// returns that field.
    mutating func add(requests: Int64, tokens: Int64?, cost: Money) -> UsageField? {
        let (newRequests, requestsOverflow) = self.requests.addingReportingOverflow(requests)
        if requestsOverflow { return .requests }
        let (newTokens, tokensOverflow) = self.tokens.addingReportingOverflow(max(0, tokens ?? 0))
        if tokensOverflow { return .tokens }
        let (newCost, costOverflow) = costMicros.addingReportingOverflow(cost.micros)
        if costOverflow { return .cost }
        (self.requests, self.tokens, costMicros) = (newRequests, newTokens, newCost)
        return nil
    }

    /// The totals after every record of `table`, which its reader already checked against these.
    func adding(_ table: UsageTable) -> UsageTotals {
        var totals = self
        for record in table.records {
            _ = totals.add(requests: record.requests, tokens: record.tokens < 0 ? nil : record.tokens, cost: record.cost)
        }
        return totals
    }

    /// The message for a record whose `field` carried a sum past Int64.
    static func overflow(_ field: UsageField, value: String) -> String {
        let unit = field == .cost ? " (in micro-units)" : ""
        return "\(value) makes the \(field.name) of all usage records add up to more than Forge can sum exactly"
            + " (9,223,372,036,854,775,807\(unit)); check it for a wrong value, or split the data"
    }
}
