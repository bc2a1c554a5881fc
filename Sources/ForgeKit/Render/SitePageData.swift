/// The `forge-site` JSON block: what every script needs to know about the site.
struct SitePageData: Encodable {
    let id: String
    let title: String
    @Nullable var asOf: String?
    let keyPrefix: String
    let currency: Currency
    /// v2, for "Add to site" in the keys dialog: where to propose a key file, and the scopes a key may have.
    @Nullable var repository: String?
    let branch: String
    let scopes: [String]

    init(site: Site) {
        id = site.id
        title = site.config.title
        asOf = site.asOf?.description
        keyPrefix = site.config.keyPrefix
        currency = site.config.currency
        repository = site.config.repository
        branch = site.config.branch
        scopes = site.config.scopes
    }
}
