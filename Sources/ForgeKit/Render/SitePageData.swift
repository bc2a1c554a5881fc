/// The `forge-site` JSON block: what every script needs to know about the site.
struct SitePageData: Encodable {
    let id: String
    let title: String
    @Nullable var asOf: String?
    let keyPrefix: String
    let currency: Currency

    init(site: Site) {
        id = site.id
        title = site.config.title
        asOf = site.asOf?.description
        keyPrefix = site.config.keyPrefix
        currency = site.config.currency
    }
}
