/// How the Usage dialog writes figures; `format.js` writes the same strings in the browser
/// (Tests/js/format-vectors.json holds the cases both sides are checked against).
extension UsagePresenter {
    /// The exact amount, never rounded: the currency's decimals, more only when the amount has
    /// them (`$12.30`, `$0.000125`). For single records, so a column adds up to its total.
    static func exact(_ amount: Money, in currency: Currency) -> String {
        let magnitude = amount.micros.magnitude
        let scale = UInt64(Money.scale)
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: Money.maximumFractionDigits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if fraction.count < currency.exponent { fraction += String(repeating: "0", count: currency.exponent - fraction.count) }
        return (amount.micros < 0 ? "-" : "") + currency.symbol + grouped(String(magnitude / scale)) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `1234567` → `1,234,567`
    static func integer(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + grouped(String(value.magnitude))
    }

    static func integer(_ value: Int) -> String { integer(Int64(value)) }

    /// Tenths of a percent as text with at most one decimal: 425 → `42.5%`, 800 → `80%`.
    static func percent(tenths: Int) -> String {
        let whole = integer(tenths / 10)
        let tenth = tenths % 10
        return tenth == 0 ? whole + "%" : "\(whole).\(tenth)%"
    }

    /// "1 day", "5 days"
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(integer(value)) \(value == 1 ? singular : plural)"
    }

    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
