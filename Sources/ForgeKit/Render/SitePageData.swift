/// The `forge-site` JSON block: what every script needs to know about the site.
struct SitePageData: Encodable {
    struct CurrencyData: Encodable {
        let code: String
        let exponent: Int
        let symbol: String
    }

    let id: String
    let title: String
    let asOf: String?
    let keyPrefix: String
    let currency: CurrencyData

    init(site: Site) {
        id = site.id
        title = site.config.title
        asOf = site.asOf?.description
        keyPrefix = site.config.keyPrefix
        let currency = site.config.currency
        self.currency = CurrencyData(code: currency.code, exponent: currency.exponent, symbol: currency.symbol)
    }

    // Optionals are written as null, not left out, so the browser sees one shape.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(keyPrefix, forKey: .keyPrefix)
        try container.encode(currency, forKey: .currency)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, asOf, keyPrefix, currency
    }
}
