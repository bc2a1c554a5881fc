/// The `forge-keys` JSON block: provisioned keys for the API Keys modal. Only the visible
/// parts of a key (`start`, `end`) exist at build time; the secret never does.
struct KeysPageData: Encodable {
    struct Key: Encodable {
        let id: String
        let name: String
        let start: String
        let end: String
        let created: String
        @Nullable var lastUsed: String?
        @Nullable var expires: String?
        let scopes: [String]
        @Nullable var owner: String?
        let status: String
        /// v2: the secret's SHA-256 when the site has it (key files carry it), so the dialog lists
        /// a browser key that became a site key once, as the site key (`keystore.js` buildRows).
        @Nullable var sha256: String?
        @Nullable var periodSpend: String?
        @Nullable var periodSpendMicros: Int64?
    }

    let keys: [Key]

    /// - Parameter spendByKey: each key's spend in the current billing period, when known.
    init(site: Site, spendByKey: [String: Money]?) {
        let currency = site.config.currency
        keys = site.keys.map { key in
            let spend = spendByKey.map { $0[key.id] ?? .zero }
            return Key(id: key.id, name: key.name, start: key.start, end: key.end, created: key.created.description,
                       lastUsed: key.lastUsed?.description, expires: key.expires?.description, scopes: key.scopes,
                       owner: key.owner, status: key.status(asOf: site.asOf).rawValue, sha256: key.sha256,
                       periodSpend: spend.map { currency.format($0) }, periodSpendMicros: spend?.micros)
        }
    }
}
