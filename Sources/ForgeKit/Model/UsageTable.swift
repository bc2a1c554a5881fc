/// One day's usage of one service (optionally through one key).
///
/// Stored compactly (services and keys are indexes into `UsageTable`) because a nightly export
/// can hold a million of them and the build must stay under a gigabyte.
public struct UsageRecord: Sendable, Hashable {
    public var day: Day
    /// Index into `UsageTable.services`.
    public var service: Int32
    /// Index into `UsageTable.keyIDs`, or -1 when the record names no key.
    public var key: Int32
    public var requests: Int64
    /// -1 when the record gives no token count.
    public var tokens: Int64
    public var cost: Money

    public init(day: Day, service: Int32, key: Int32, requests: Int64, tokens: Int64, cost: Money) {
        self.day = day
        self.service = service
        self.key = key
        self.requests = requests
        self.tokens = tokens
        self.cost = cost
    }
}

/// Every usage record of the site, merged from `usage.yaml` and `usage/*.yaml|csv`,
/// with service names and key ids interned.
public struct UsageTable: Sendable {
    public private(set) var services: [String] = []
    public private(set) var keyIDs: [String] = []
    public var records: [UsageRecord] = []
    private var serviceIndex: [String: Int32] = [:]
    private var keyIndex: [String: Int32] = [:]

    public init() {}

    public mutating func intern(service: String) -> Int32 {
        if let index = serviceIndex[service] { return index }
        let index = Int32(services.count)
        services.append(service)
        serviceIndex[service] = index
        return index
    }

    public mutating func intern(keyID: String?) -> Int32 {
        guard let keyID else { return -1 }
        if let index = keyIndex[keyID] { return index }
        let index = Int32(keyIDs.count)
        keyIDs.append(keyID)
        keyIndex[keyID] = index
        return index
    }

    public mutating func append(day: Day, service: String, keyID: String?, requests: Int64, tokens: Int64?, cost: Money) {
        records.append(UsageRecord(day: day, service: intern(service: service), key: intern(keyID: keyID),
                                   requests: requests, tokens: tokens ?? -1, cost: cost))
    }

    /// Appends another table's records, re-interning its names.
    public mutating func merge(_ other: UsageTable) {
        let services = other.services.map { intern(service: $0) }
        let keys = other.keyIDs.map { intern(keyID: $0) }
        records.reserveCapacity(records.count + other.records.count)
        for var record in other.records {
            record.service = services[Int(record.service)]
            record.key = record.key < 0 ? -1 : keys[Int(record.key)]
            records.append(record)
        }
    }

    public func serviceName(_ record: UsageRecord) -> String { services[Int(record.service)] }
    public func keyID(_ record: UsageRecord) -> String? { record.key < 0 ? nil : keyIDs[Int(record.key)] }

    public var latestDay: Day? { records.lazy.map(\.day).max() }
}
