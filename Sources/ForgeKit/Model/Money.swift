/// An exact amount of money in millionths of the currency unit.
///
/// Usage costs are often fractions of a cent (token pricing), and totals must add up to the
/// cent across a million records, so money is an integer count of micro-units: no `Double`
/// ever touches a sum. Display rounding happens once, at the end (see `Currency`).
public struct Money: Hashable, Comparable, Sendable {
    public static let scale: Int64 = 1_000_000
    public static let maximumFractionDigits = 6
    public static let zero = Money(micros: 0)

    public var micros: Int64

    public init(micros: Int64) {
        self.micros = micros
    }

    /// Parses a plain decimal such as `12`, `12.5` or `0.000125`.
    /// Signs, exponents, grouping and more than six fraction digits are rejected (nil),
    /// as are amounts of a trillion or more (which could overflow a sum).
    public init?(parsing text: some StringProtocol) {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var wholeDigits = 0
        var seenPoint = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - 48)
                if seenPoint {
                    fractionDigits += 1
                    guard fractionDigits <= Money.maximumFractionDigits else { return nil }
                    fraction = fraction * 10 + digit
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 12 else { return nil }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard wholeDigits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        var scaledFraction = fraction
        for _ in fractionDigits..<Money.maximumFractionDigits { scaledFraction *= 10 }
        self.micros = whole * Money.scale + scaledFraction
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.micros < rhs.micros }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros + rhs.micros) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros - rhs.micros) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.micros += rhs.micros }

    /// The exact decimal, trailing zeros trimmed: `12.3`, `0.000125`, `7`.
    public var plainDecimal: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Money.scale)
        var fraction = String(magnitude % UInt64(Money.scale))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
