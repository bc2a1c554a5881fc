/// Rounding parts so the figures on screen add up.
///
/// Shown to the cent, three services costing $0.005 each would read $0.01 + $0.01 + $0.01 under
/// a total of $0.02: the complaint "the breakdown doesn't add up". Breakdowns are therefore
/// rounded as a whole with the largest-remainder method (Hamilton's apportionment): the total
/// is rounded half up as everywhere else (`Currency.minorUnits`), each part is first rounded
/// down, and the cents still missing go one each to the parts that lost the most, ties to the
/// earlier part. Every part then differs from its exact value by less than one cent, and the
/// parts add up to the total shown.
extension UsageSummary {
    /// Minor units (cents) for each part, adding up to `currency.minorUnits(sum of parts)`.
    public static func allocate(_ parts: [Money], in currency: Currency) -> [Int64] {
        let unit = Int128(Currency.power(of: 10, Money.maximumFractionDigits - currency.exponent))
        let micros = parts.map { Int128($0.micros) }
        let exactSum = micros.reduce(0, +)
        // The total rounded half away from zero, as Currency.minorUnits does.
        var target = exactSum / unit
        let rest = exactSum % unit
        if rest != 0, rest.magnitude * 2 >= unit.magnitude { target += exactSum < 0 ? -1 : 1 }
        return apportion(micros, per: unit, total: target).map { Int64(clamping: $0) }
    }

    /// Each part's share of the whole in tenths of a percent, adding up to exactly 1000
    /// (100.0 %) when there is anything to share; all zero otherwise.
    public static func sharesInTenths(_ parts: [Money]) -> [Int] {
        let micros = parts.map { Int128($0.micros) }
        let total = micros.reduce(0, +)
        guard total > 0 else { return parts.map { _ in 0 } }
        return apportion(micros.map { $0 * 1000 }, per: total, total: 1000).map { Int(clamping: $0) }
    }

    /// Largest remainders: `numerators[i] / denominator` rounded down, then the units still
    /// missing to reach `total` added one each to the largest remainders (ties: earlier part).
    static func apportion(_ numerators: [Int128], per denominator: Int128, total: Int128) -> [Int128] {
        guard denominator > 0 else { return numerators.map { _ in 0 } }
        var floors: [Int128] = []
        var remainders: [Int128] = []
        floors.reserveCapacity(numerators.count)
        remainders.reserveCapacity(numerators.count)
        for numerator in numerators {
            var quotient = numerator / denominator
            var remainder = numerator % denominator
            if remainder < 0 {
                quotient -= 1
                remainder += denominator
            }
            floors.append(quotient)
            remainders.append(remainder)
        }
        var missing = total - floors.reduce(0, +)
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        var index = 0
        while missing > 0, index < order.count {
            floors[order[index]] += 1
            missing -= 1
            index += 1
        }
        return floors
    }
}
