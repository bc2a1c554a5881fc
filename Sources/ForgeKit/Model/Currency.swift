/// An ISO 4217 currency and how Forge writes amounts in it.
///
/// Formatting is Forge's own and locale-free on purpose: builds must be byte-identical whatever
/// `LANG` says, and the browser (`format.js`) formats filtered totals with the same rules.
/// Encoded as `{code, exponent, symbol}`: what `format.js` needs to write amounts the same way.
public struct Currency: Hashable, Sendable, Encodable {
    public let code: String
    /// Digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
    public let exponent: Int
    /// The prefix written before amounts: "$", "€", or the code and a space.
    public let symbol: String

    public init(code: String) {
        self.code = code
        self.exponent = Currency.exponents[code] ?? 2
        self.symbol = Currency.symbols[code] ?? (code + "\u{00A0}")
    }

    /// ISO 4217 codes are three capital ASCII letters.
    public static func isValidCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    private static let exponents: [String: Int] = [
        "BHD": 3, "CLP": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3,
        "LYD": 3, "OMR": 3, "PYG": 0, "TND": 3, "UGX": 0, "VND": 0, "XAF": 0, "XOF": 0,
    ]

    private static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩",
        "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "CHF": "CHF\u{00A0}", "CNY": "CN¥", "BRL": "R$",
    ]

    /// `amount` rounded half-up to the currency's minor unit, in minor units.
    public func minorUnits(_ amount: Money) -> Int64 {
        let divisor = Currency.power(of: 10, Money.maximumFractionDigits - exponent)
        let (quotient, remainder) = amount.micros.quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude {
            return quotient + (amount.micros < 0 ? -1 : 1)
        }
        return quotient
    }

    /// Money for a count of minor units (cents for USD).
    public func money(minorUnits: Int64) -> Money {
        Money(micros: minorUnits * Currency.power(of: 10, Money.maximumFractionDigits - exponent))
    }

    /// `$1,234.56`: symbol, thousands grouped with commas, exactly `exponent` decimals.
    public func format(_ amount: Money) -> String {
        format(minorUnits: minorUnits(amount))
    }

    public func format(minorUnits: Int64) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let unit = UInt64(Currency.power(of: 10, exponent))
        let whole = String(magnitude / unit)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        var text = (negative ? "-" : "") + symbol + grouped
        if exponent > 0 {
            let fraction = String(magnitude % unit)
            text += "." + String(repeating: "0", count: exponent - fraction.count) + fraction
        }
        return text
    }

    static func power(of base: Int64, _ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(0, exponent) { result *= base }
        return result
    }
}
