/// The `forge-keys` JSON block: provisioned keys for the API Keys modal. Only the visible
/// parts of a key (`start`, `end`) exist at build time; the secret never does.
struct KeysPageData: Encodable {
    struct Key: Encodable {
        let id: String
        let name: String
        let start: String
        let end: String
        let created: String
        let lastUsed: String?
        let expires: String?
        let scopes: [String]
        let owner: String?
        let status: String
        let periodSpend: String?
        let periodSpendMicros: Int64?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(created, forKey: .created)
            try container.encode(lastUsed, forKey: .lastUsed)
            try container.encode(expires, forKey: .expires)
            try container.encode(scopes, forKey: .scopes)
            try container.encode(owner, forKey: .owner)
            try container.encode(status, forKey: .status)
            try container.encode(periodSpend, forKey: .periodSpend)
            try container.encode(periodSpendMicros, forKey: .periodSpendMicros)
        }

        enum CodingKeys: String, CodingKey {
            case id, name, start, end, created, lastUsed, expires, scopes, owner, status, periodSpend, periodSpendMicros
        }
    }

    let keys: [Key]

    /// - Parameter spendByKey: each key's spend in the current billing period, when known.
    init(site: Site, spendByKey: [String: Money]?) {
        let currency = site.config.currency
        keys = site.keys.map { key in
            let spend = spendByKey.map { $0[key.id] ?? .zero }
            return Key(id: key.id, name: key.name, start: key.start, end: key.end, created: key.created.description,
                       lastUsed: key.lastUsed?.description, expires: key.expires?.description, scopes: key.scopes,
                       owner: key.owner, status: key.status(asOf: site.asOf).rawValue,
                       periodSpend: spend.map { currency.format($0) }, periodSpendMicros: spend?.micros)
        }
    }
}
