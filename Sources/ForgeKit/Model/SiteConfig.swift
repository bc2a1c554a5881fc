/// `Content/site.yaml`: the site's name, money and billing settings.
public struct SiteConfig: Sendable {
    public var title: String
    public var organization: String?
    public var baseURL: BaseURL
    public var theme: String
    public var currency: Currency
    /// The id of the plan in `plans.yaml` whose limit applies.
    public var plan: String?
    /// Where `plan:` was written, to point at it when no such plan exists.
    public var planLocation: SourceLocation?
    /// Billing periods start on this UTC day of each month (1-28).
    public var billingCycleDay: Int
    /// Prefix of keys created in the browser, e.g. `sk_`.
    public var keyPrefix: String
    /// "Today" for the dashboard, when the site says so.
    public var asOf: Day?
    /// How numbers, money and percentages are written (`locale:`, default en-US).
    public var locale: FormatLocale = .enUS
    /// The pages' language for `<html lang>` (`lang:`); by default the locale's language.
    public var lang: String?

    /// `lang:`, else the language of `locale:` (`de` for de-DE).
    public var language: String { lang ?? locale.language }

    /// Money in the site's currency, written the site's way.
    public var moneyFormat: MoneyFormat { MoneyFormat(currency: currency, locale: locale) }

    public init(title: String, organization: String? = nil, baseURL: BaseURL = .root, theme: String = "default",
                currency: Currency = Currency(code: "USD"), plan: String? = nil, planLocation: SourceLocation? = nil,
                billingCycleDay: Int = 1, keyPrefix: String = "sk_", asOf: Day? = nil) {
        self.title = title
        self.organization = organization
        self.baseURL = baseURL
        self.theme = theme
        self.currency = currency
        self.plan = plan
        self.planLocation = planLocation
        self.billingCycleDay = billingCycleDay
        self.keyPrefix = keyPrefix
        self.asOf = asOf
    }

    /// Key prefixes are what scanners and people recognise a key by: short, ASCII, no separators
    /// that would split the key when copied.
    public static func isValidKeyPrefix(_ prefix: String) -> Bool {
        (1...16).contains(prefix.utf8.count)
            && prefix.utf8.allSatisfy { KeyFormat.isBase62($0) || $0 == UInt8(ascii: "_") }
    }
}
