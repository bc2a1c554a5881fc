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
        /// v2 key budgets (`monthly_limit`): the limit, spend as tenths of a percent of it (rounded
        /// down), `ok` / `warning` (80 %) / `exceeded` (100 %), and "$7.24 left of $60.00" or
        /// "$2.67 over $80.00".
        @Nullable var budgetMicros: Int64?
        @Nullable var budgetPercent: Int?
        @Nullable var budgetStatus: String?
        @Nullable var budgetText: String?
    }

    let keys: [Key]

    /// - Parameter spendByKey: each key's spend in the current billing period, when known.
    init(site: Site, spendByKey: [String: Money]?, usage: UsagePresenter? = nil) {
        let format = site.config.moneyFormat
        keys = site.keys.map { key in
            let spend = spendByKey.map { $0[key.id] ?? .zero }
            let budget = usage?.keyBudget(key.id)
            return Key(id: key.id, name: key.name, start: key.start, end: key.end, created: key.created.description,
                       lastUsed: key.lastUsed?.description, expires: key.expires?.description, scopes: key.scopes,
                       owner: key.owner, status: key.status(asOf: site.asOf).rawValue, sha256: key.sha256,
                       periodSpend: spend.map { format.money($0) }, periodSpendMicros: spend?.micros,
                       budgetMicros: budget?.limit.micros, budgetPercent: budget?.percentTenths, budgetStatus: budget?.status.rawValue,
                           budgetText: budget?.text)
        }
    }
}
