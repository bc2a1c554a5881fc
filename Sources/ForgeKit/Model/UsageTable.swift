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
    /// Index into `UsageTable.models`, or -1 when the record names no model.
    public var model: Int32

    public init(day: Day, service: Int32, key: Int32, requests: Int64, tokens: Int64, cost: Money, model: Int32 = -1) {
        self.day = day
        self.service = service
        self.key = key
        self.requests = requests
        self.tokens = tokens
        self.cost = cost
        self.model = model
    }
}

/// Every usage record of the site, merged from `usage.yaml` and `usage/*.yaml|csv`,
/// with service names, key ids and model names interned.
public struct UsageTable: Sendable {
    /// The record with the latest date, where it was read: what "today" becomes when nothing else
    /// says (see `UsageDateGuard`).
    public struct Newest: Sendable, Hashable {
        public var day: Day
        public var location: SourceLocation
    }

    public private(set) var services: [String] = []
    public private(set) var keyIDs: [String] = []
    public private(set) var models: [String] = []
    public var records: [UsageRecord] = []
    /// The first record read with the latest date.
    public private(set) var newest: Newest?
    /// The latest date before `newest.day` among the other records.
    public private(set) var runnerUp: Day?
    private var serviceIndex: [String: Int32] = [:]
    private var keyIndex: [String: Int32] = [:]
    private var modelIndex: [String: Int32] = [:]

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

    public mutating func intern(model: String?) -> Int32 {
        guard let model else { return -1 }
        if let index = modelIndex[model] { return index }
        let index = Int32(models.count)
        models.append(model)
        modelIndex[model] = index
        return index
    }

    public mutating func append(day: Day, service: String, keyID: String?, requests: Int64, tokens: Int64?, cost: Money,
                                model: String? = nil) {
        records.append(UsageRecord(day: day, service: intern(service: service), key: intern(keyID: keyID),
                                   requests: requests, tokens: tokens ?? -1, cost: cost, model: intern(model: model)))
    }

    /// Remembers where the latest-dated record is, and the latest date before it. Cheap per
    /// record: a location is made only when a later date appears.
    public mutating func noteDate(_ day: Day, path: String, line: Int?, column: Int?) {
        guard let current = newest else {
            newest = Newest(day: day, location: SourceLocation(path: path, line: line, column: column))
            return
        }
        if day > current.day {
            runnerUp = current.day
            newest = Newest(day: day, location: SourceLocation(path: path, line: line, column: column))
        } else if day < current.day, runnerUp.map({ day > $0 }) ?? true {
            runnerUp = day
        }
    }

    /// Appends another table's records, re-interning its names.
    public mutating func merge(_ other: UsageTable) {
        let services = other.services.map { intern(service: $0) }
        let keys = other.keyIDs.map { intern(keyID: $0) }
        let models = other.models.map { intern(model: $0) }
        records.reserveCapacity(records.count + other.records.count)
        for var record in other.records {
            record.service = services[Int(record.service)]
            record.key = record.key < 0 ? -1 : keys[Int(record.key)]
            record.model = record.model < 0 ? -1 : models[Int(record.model)]
            records.append(record)
        }
        // Read after this table's files: on an equal date, this table's record stays the newest.
        if let runnerUp = other.runnerUp, let newest = other.newest {
            noteDate(runnerUp, path: newest.location.path, line: nil, column: nil)
        }
        if let newest = other.newest {
            noteDate(newest.day, path: newest.location.path, line: newest.location.line, column: newest.location.column)
        }
    }

    public func serviceName(_ record: UsageRecord) -> String { services[Int(record.service)] }
    public func keyID(_ record: UsageRecord) -> String? { record.key < 0 ? nil : keyIDs[Int(record.key)] }
    public func modelName(_ record: UsageRecord) -> String? { record.model < 0 ? nil : models[Int(record.model)] }

    public var latestDay: Day? { records.lazy.map(\.day).max() }
}
