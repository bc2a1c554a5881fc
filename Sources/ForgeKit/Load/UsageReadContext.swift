/// What a usage reader needs to know from the rest of the site.
public struct UsageReadContext: Sendable {
    /// The ids of `keys.yaml`: a record's `key` must be one of them.
    public var knownKeyIDs: Set<String>
    /// The sums of the records of the files read before this one.
    public var totals: UsageTotals

    public init(knownKeyIDs: Set<String>, totals: UsageTotals = UsageTotals()) {
        self.knownKeyIDs = knownKeyIDs
        self.totals = totals
    }
}
