import Foundation

/// `Content/site.yaml`: the site's name, money and billing settings.
public struct SiteConfig: Sendable {
    public var title: String
    public var organization: String?
    public var baseURL: BaseURL
    public var theme: String
    /// Where `theme:` was written, to point at it when there is no such theme.
    public var themeLocation: SourceLocation?
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
    /// v2: the https URL of the repository that holds this site's source, without a trailing
    /// slash; the keys dialog links to GitHub's new-file page there to propose a key file.
    public var repository: String?
    /// v2: the branch those proposals target.
    public var branch = "main"
    /// v2: the scopes a key may have, in the order `site.yaml` lists them.
    public var scopes: [String] = []
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

    /// The repository URL as the page will use it (trailing slashes dropped), or nil when it is not
    /// an https URL with a host and a path and nothing else: no user, query or fragment, and only
    /// characters that need no escaping in a link.
    public static func repositoryURL(_ text: String) -> String? {
        var trimmed = Substring(text)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/:".utf8)
        guard trimmed.utf8.count <= 256, trimmed.utf8.allSatisfy(allowed.contains),
              let components = URLComponents(string: String(trimmed)), components.scheme == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
              components.query == nil, components.fragment == nil,
              components.path.split(separator: "/").count >= 1 else { return nil }
        return String(trimmed)
    }

    /// A git branch name a URL path can carry: `main`, `release/2026`. Not every name git allows
    /// (no `@{`, spaces or control characters), so the link needs no escaping beyond `/`.
    public static func isValidBranch(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/".utf8)
        return (1...255).contains(name.utf8.count) && name.utf8.allSatisfy(allowed.contains)
            && !name.hasPrefix("-") && !name.hasPrefix("/") && !name.hasSuffix("/") && !name.hasSuffix(".")
            && !name.hasSuffix(".lock") && !name.contains("..") && !name.contains("//")
    }

    /// A scope as keys and gateways name it: `chat`, `files:read`.
    public static func isValidScope(_ scope: String) -> Bool {
        (1...64).contains(scope.utf8.count) && scope.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-")
        }
    }

    /// Key prefixes are what scanners and people recognise a key by: short, ASCII, no separators
    /// that would split the key when copied.
    public static func isValidKeyPrefix(_ prefix: String) -> Bool {
        (1...16).contains(prefix.utf8.count)
            && prefix.utf8.allSatisfy { KeyFormat.isBase62($0) || $0 == UInt8(ascii: "_") }
    }
}
