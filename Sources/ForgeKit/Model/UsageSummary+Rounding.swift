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
        var floors: [Int128] = []
        var remainders: [Int128] = []
        floors.reserveCapacity(parts.count)
        remainders.reserveCapacity(parts.count)
        var exactSum: Int128 = 0
        for part in parts {
            let micros = Int128(part.micros)
            exactSum += micros
            var quotient = micros / unit
            var remainder = micros % unit
            if remainder < 0 {
                quotient -= 1
                remainder += unit
            }
            floors.append(quotient)
            remainders.append(remainder)
        }
        // The total rounded half away from zero, as Currency.minorUnits does.
        var target = exactSum / unit
        let rest = exactSum % unit
        if rest.magnitude * 2 >= unit.magnitude, rest != 0 { target += exactSum < 0 ? -1 : 1 }
        var missing = target - floors.reduce(0, +)
        let order = remainders.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        var index = 0
        while missing > 0, index < order.count {
            floors[order[index]] += 1
            missing -= 1
            index += 1
        }
        return floors.map { Int64(clamping: $0) }
    }
}
