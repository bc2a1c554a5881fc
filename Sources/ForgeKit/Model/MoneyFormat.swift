/// Writes money, counts and percentages for one currency in one locale: `$1,234.56` (en-US),
/// `1.234,56 €` (de-DE), `¥1,235` (ja-JP, JPY has no minor unit).
///
/// `format.js` is the same code in the browser; `Tests/js/format-vectors.json` holds the cases
/// both are checked against. Amounts are integer micro-units; rounding is half away from zero
/// to the currency's minor unit (`Currency.minorUnits`), once.
public struct MoneyFormat: Sendable, Hashable {
    public let currency: Currency
    public let locale: FormatLocale

    public init(currency: Currency, locale: FormatLocale) {
        self.currency = currency
        self.locale = locale
    }

    /// The currency's sign in this locale.
    public var symbol: String { currency.symbol(in: locale) }

    /// Rounded to the minor unit: `$1,234.57`.
    public func money(_ amount: Money) -> String {
        money(minorUnits: currency.minorUnits(amount))
    }

    /// Exactly `exponent` decimals: `$1,234.50`, `¥1,235`.
    public func money(minorUnits: Int64) -> String {
        let magnitude = minorUnits.magnitude
        let unit = UInt64(Currency.power(of: 10, currency.exponent))
        return place(whole: magnitude / unit, fraction: fraction(magnitude % unit, digits: currency.exponent), negative: minorUnits < 0)
    }

    /// Whole amounts without their zero decimals (`$40`, `40 €`), others as `money`: the labels
    /// of a chart's value axis, which are round numbers.
    public func roundMoney(minorUnits: Int64) -> String {
        let unit = Int64(Currency.power(of: 10, currency.exponent))
        guard minorUnits % unit == 0 else { return money(minorUnits: minorUnits) }
        return place(whole: (minorUnits / unit).magnitude, fraction: "", negative: minorUnits < 0)
    }

    /// Never rounded: the currency's decimals, more only when the amount has them (`$12.30`,
    /// `$0.000125`). What a hover title and the CSV say.
    public func exact(_ amount: Money) -> String {
        let magnitude = amount.micros.magnitude
        let scale = UInt64(Money.scale)
        var digits = fraction(magnitude % scale, digits: Money.maximumFractionDigits)
        while digits.count > currency.exponent, digits.hasSuffix("0") { digits.removeLast() }
        return place(whole: magnitude / scale, fraction: digits, negative: amount.micros < 0)
    }

    /// `+$12.34` or `-$12.34` (rounded): a change against another amount.
    public func signedMoney(minorUnits: Int64) -> String {
        (minorUnits > 0 ? "+" : "") + money(minorUnits: minorUnits)
    }

    /// `1,234,567` (en-US), `1.234.567` (de-DE).
    public func integer(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + locale.grouped(String(value.magnitude))
    }

    public func integer(_ value: Int) -> String { integer(Int64(value)) }

    /// Tenths of a percent: 425 → `42.5%` (`42,5 %` in de-DE). With `fixed`, always one decimal
    /// (`19.0%`), so a column reads alike; without, a whole number drops it (`80%`).
    public func percent(tenths: Int, fixed: Bool = false) -> String {
        let magnitude = tenths.magnitude
        var number = locale.grouped(String(magnitude / 10))
        if fixed || magnitude % 10 != 0 { number += locale.decimal + String(magnitude % 10) }
        return (tenths < 0 ? "-" : "") + locale.percentPattern.replacingOccurrences(of: "#", with: number)
    }

    /// "1 day", "5 days"
    public func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(integer(value)) \(value == 1 ? singular : plural)"
    }

    private func place(whole: UInt64, fraction: String, negative: Bool) -> String {
        var number = locale.grouped(String(whole))
        if !fraction.isEmpty { number += locale.decimal + fraction }
        return locale.placing(symbol: symbol, around: number, negative: negative)
    }

    private func fraction(_ value: UInt64, digits: Int) -> String {
        guard digits > 0 else { return "" }
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
