/// How a `locale:` of site.yaml writes numbers and money: `1.234,56 €` in de-DE, `1 234,56 €`
/// in fr-FR (a narrow no-break space between the groups, a no-break space before the sign).
///
/// Forge's own rules, not the machine's ICU data: builds must be byte-identical on every machine,
/// and `format.js` applies the same rules in the browser, from this value as the page carries it
/// (`forge-usage.locale`). Both are checked against `Tests/js/format-vectors.json`. The rules
/// follow CLDR's where CLDR is unambiguous; where a symbol would be (a bare `$` outside the
/// United States), the international form is used (`US$`).
public struct FormatLocale: Sendable, Hashable, Encodable {
    /// `de-DE`
    public let id: String
    /// The decimal separator.
    public let decimal: String
    /// The grouping separator (thousands).
    public let group: String
    /// Whole parts shorter than `3 + minimumGroupingDigits` digits are not grouped: es-ES writes
    /// `1234,56 €` but `12.345,67 €`.
    public let minimumGroupingDigits: Int
    /// Where the currency sign goes: `¤#` (before; a no-break space only after a sign that ends in
    /// a letter, as in `CHF 12.00`), `¤ #` (before, spaced) or `# ¤` (after, spaced).
    public let currencyPattern: String
    /// `#%`, or `# %` with the locale's space.
    public let percentPattern: String
    /// Signs that differ from `Currency`'s international ones here: `$` for USD in en-US.
    let symbols: [String: String]

    private enum CodingKeys: String, CodingKey {
        case id, decimal, group, minimumGroupingDigits, currencyPattern, percentPattern
    }

    static let noBreakSpace = "\u{00A0}"
    static let narrowNoBreakSpace = "\u{202F}"

    /// The language part: `de` for `de-DE`, the default of `lang:`.
    public var language: String { String(id.prefix { $0 != "-" }) }

    public static let enUS = FormatLocale(id: "en-US", decimal: ".", group: ",", minimumGroupingDigits: 1,
                                          currencyPattern: "¤#", percentPattern: "#%", symbols: ["USD": "$"])

    /// Every supported locale, in the order the error message lists them.
    public static let supported: [FormatLocale] = [
        enUS,
        FormatLocale(id: "en-GB", decimal: ".", group: ",", minimumGroupingDigits: 1, currencyPattern: "¤#", percentPattern: "#%",
            symbols: [:]),
        FormatLocale(id: "de-DE", decimal: ",", group: ".", minimumGroupingDigits: 1, currencyPattern: "# ¤",
                     percentPattern: "#" + noBreakSpace + "%", symbols: [:]),
        FormatLocale(id: "de-CH", decimal: ".", group: "\u{2019}", minimumGroupingDigits: 1, currencyPattern: "¤ #", percentPattern: "#%",
            symbols: [:]),
        FormatLocale(id: "fr-FR", decimal: ",", group: narrowNoBreakSpace, minimumGroupingDigits: 1, currencyPattern: "# ¤",
                     percentPattern: "#" + narrowNoBreakSpace + "%", symbols: [:]),
        FormatLocale(id: "fr-CA", decimal: ",", group: noBreakSpace, minimumGroupingDigits: 1, currencyPattern: "# ¤",
                     percentPattern: "#" + noBreakSpace + "%", symbols: ["CAD": "$", "USD": "$\u{00A0}US"]),
        FormatLocale(id: "es-ES", decimal: ",", group: ".", minimumGroupingDigits: 2, currencyPattern: "# ¤",
                     percentPattern: "#" + noBreakSpace + "%", symbols: [:]),
        FormatLocale(id: "it-IT", decimal: ",", group: ".", minimumGroupingDigits: 1, currencyPattern: "# ¤", percentPattern: "#%",
            symbols: [:]),
        FormatLocale(id: "nl-NL", decimal: ",", group: ".", minimumGroupingDigits: 1, currencyPattern: "¤ #", percentPattern: "#%",
            symbols: [:]),
        FormatLocale(id: "pt-BR", decimal: ",", group: ".", minimumGroupingDigits: 1, currencyPattern: "¤ #", percentPattern: "#%",
            symbols: [:]),
        FormatLocale(id: "ja-JP", decimal: ".", group: ",", minimumGroupingDigits: 1, currencyPattern: "¤#", percentPattern: "#%",
            symbols: [:]),
    ]

    /// The supported locale `id` (exactly, as BCP 47 writes it: `de-DE`); nil otherwise.
    public static func named(_ id: String) -> FormatLocale? {
        supported.first { $0.id == id }
    }

    /// Whole digits with the locale's grouping: `1234567` → `1.234.567` in de-DE.
    func grouped(_ digits: String) -> String {
        guard digits.count >= 3 + minimumGroupingDigits else { return digits }
        var result = ""
        result.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 * group.utf8.count)
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += group }
            result.append(character)
        }
        return result
    }

    /// `number` (already grouped, unsigned) with the currency sign placed; the minus goes first.
    func placing(symbol: String, around number: String, negative: Bool) -> String {
        let sign = negative ? "-" : ""
        switch currencyPattern {
        case "# ¤":
            return sign + number + FormatLocale.noBreakSpace + symbol
        case "¤ #":
            return sign + symbol + FormatLocale.noBreakSpace + number
        default:
            // An ASCII letter, as format.js tests it: `CHF 12.00`, but `US$12.00`.
            let endsInLetter = symbol.utf8.last.map { ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 } ?? false
            return sign + symbol + (endsInLetter ? FormatLocale.noBreakSpace : "") + number
        }
    }
}
