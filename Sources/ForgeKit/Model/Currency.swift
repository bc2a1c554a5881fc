/// An ISO 4217 currency: its code, its minor unit, and its sign.
///
/// Formatting is Forge's own (`MoneyFormat`, with a `FormatLocale`) and never the machine's:
/// builds must be byte-identical whatever `LANG` says, and the browser (`format.js`) writes
/// amounts with the same rules. Encoded as `{code, exponent, symbol}` (the en-US sign).
public struct Currency: Hashable, Sendable, Encodable {
    public let code: String
    /// Digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
    public let exponent: Int
    /// The sign as en-US writes it: "$", "€", "CHF" (`format` adds the no-break space "CHF 1.00" needs).
    public let symbol: String

    public init(code: String) {
        self.code = code
        self.exponent = Currency.exponents[code] ?? 2
        self.symbol = FormatLocale.enUS.symbols[code] ?? Currency.symbols[code] ?? code
    }

    /// The sign in `locale`: the locale's own (`$` for USD in en-US, CAD in fr-CA), else the
    /// international one (`US$`, `CA$`, `€`), else the code (`KWD`).
    public func symbol(in locale: FormatLocale) -> String {
        locale.symbols[code] ?? Currency.symbols[code] ?? code
    }
    /// ISO 4217 codes are three capital ASCII letters.
    public static func isValidCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    private static let exponents: [String: Int] = [
        "BHD": 3, "CLP": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3,
        "LYD": 3, "OMR": 3, "PYG": 0, "TND": 3, "UGX": 0, "VND": 0, "XAF": 0, "XOF": 0,
    ]

    /// International signs: unambiguous wherever the page is read (a bare `$` is only en-US's).
    static let symbols: [String: String] = [
        "USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩",
        "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "CHF": "CHF", "CNY": "CN¥", "BRL": "R$",
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

    /// `$1,234.56`: rounded to the minor unit, as en-US writes it (see `MoneyFormat` for others).
    public func format(_ amount: Money) -> String {
        MoneyFormat(currency: self, locale: .enUS).money(amount)
    }

    public func format(minorUnits: Int64) -> String {
        MoneyFormat(currency: self, locale: .enUS).money(minorUnits: minorUnits)
    }

    static func power(of base: Int64, _ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<max(0, exponent) { result *= base }
        return result
    }
}
