/// What a usage reader needs to know from the rest of the site.
public struct UsageReadContext: Sendable {
    /// The ids of `keys.yaml`: a record's `key` must be one of them.
    public var knownKeyIDs: Set<String>

    public init(knownKeyIDs: Set<String>) {
        self.knownKeyIDs = knownKeyIDs
    }
}
