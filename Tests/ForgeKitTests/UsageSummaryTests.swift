import Testing
@testable import ForgeKit

/// Builds usage tables from short rows: `("2026-11-03", "Chat", "key_prod", 1200, 340000, "12.34")`.
enum UsageTestData {
    typealias Row = (date: String, service: String, key: String?, requests: Int64, tokens: Int64?, cost: String)

    static func table(_ rows: [Row], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> UsageTable {
        var table = UsageTable()
        for row in rows {
            let day = try #require(Day(parsing: row.date), sourceLocation: sourceLocation)
            let cost = try #require(Money(parsing: row.cost), sourceLocation: sourceLocation)
            table.append(day: day, service: row.service, keyID: row.key, requests: row.requests, tokens: row.tokens, cost: cost)
        }
        return table
    }

    static func day(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Day {
        try #require(Day(parsing: text), sourceLocation: sourceLocation)
    }

    static func money(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Money {
        try #require(Money(parsing: text), sourceLocation: sourceLocation)
    }

    static let plans = [
        Plan(id: "starter", name: "Starter", monthlyLimit: Money(micros: 100_000_000), price: Money(micros: 0)),
        Plan(id: "pro", name: "Pro", monthlyLimit: Money(micros: 500_000_000), price: Money(micros: 49_000_000)),
        Plan(id: "scale", name: "Scale", monthlyLimit: Money(micros: 2_000_000_000), price: Money(micros: 199_000_000)),
    ]
}

@Suite struct UsageSummaryTests {
    typealias T = UsageTestData
    let usd = Currency(code: "USD")

    @Test func sumsTheCurrentPeriodThroughAsOfOnly() throws {
        let table = try T.table([
            ("2026-10-31", "Chat", "key_a", 10, 100, "7.00"),     // previous period
            ("2026-11-01", "Chat", "key_a", 20, 200, "1.10"),     // first day
            ("2026-11-03", "Embeddings", "key_b", 5, nil, "0.25"),
            ("2026-11-25", "Chat", nil, 1, 10, "2.00"),            // as_of itself counts
            ("2026-11-26", "Chat", "key_a", 99, 99, "50.00"),     // after as_of: nowhere
            ("2026-12-01", "Chat", "key_a", 99, 99, "60.00"),     // next period, after as_of
        ])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-25"), billingCycleDay: 1,
                                       plans: T.plans, planID: "pro", keyNames: ["key_a": "Production"])
        #expect(summary.period?.description == "2026-11-01..<2026-12-01")
        #expect(summary.current.spend == (try T.money("3.35")))
        #expect(summary.current.requests == 26)
        #expect(summary.current.tokens == 210)
        #expect(summary.current.records == 3)
        #expect(summary.history.records == 4)
        #expect(summary.history.spend == (try T.money("10.35")))
        #expect(summary.history.firstDay?.description == "2026-10-31")
        #expect(summary.history.lastDay?.description == "2026-11-25")
        #expect(summary.recordsAfterAsOf == 2)
        #expect(summary.services.map(\.name) == ["Chat", "Embeddings"])
        #expect(summary.services.map(\.spend.micros) == [3_100_000, 250_000])
        #expect(summary.keys.map(\.name) == ["Production", "key_b", ""])
        #expect(summary.keys.map(\.id) == ["key_a", "key_b", nil])
        #expect(summary.spendByKey == ["key_a": Money(micros: 1_100_000), "key_b": Money(micros: 250_000)])
        #expect(summary.daily.count == 25)
        #expect(summary.daily[0].micros == 1_100_000 && summary.daily[2].micros == 250_000 && summary.daily[24].micros == 2_000_000)
        #expect(summary.daily.reduce(Money.zero, +) == summary.current.spend)
        #expect(summary.daysElapsed == 25 && summary.daysLeft == 5)
    }

    @Test func cycleDay28() throws {
        let table = try T.table([
            ("2026-10-27", "Chat", nil, 1, nil, "1"),
            ("2026-10-28", "Chat", nil, 1, nil, "2"),
            ("2026-11-27", "Chat", nil, 1, nil, "4"),
            ("2026-11-28", "Chat", nil, 1, nil, "8"),
        ])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-27"), billingCycleDay: 28, plans: nil, planID: nil)
        #expect(summary.period?.description == "2026-10-28..<2026-11-28")
        #expect(summary.current.spend.micros == 6_000_000)
        #expect(summary.daysElapsed == 31 && summary.daysLeft == 0)
        #expect(summary.daily.count == 31)
    }

    @Test func aPeriodAcrossTheYearEndAndALeapFebruary() throws {
        let newYear = try UsageSummary(table: try T.table([
            ("2026-12-14", "Chat", nil, 1, nil, "1"),
            ("2026-12-15", "Chat", nil, 1, nil, "2"),
            ("2027-01-02", "Chat", nil, 1, nil, "4"),
        ]), asOf: try T.day("2027-01-02"), billingCycleDay: 15, plans: nil, planID: nil)
        #expect(newYear.period?.description == "2026-12-15..<2027-01-15")
        #expect(newYear.current.spend.micros == 6_000_000)
        #expect(newYear.daysElapsed == 19 && newYear.daysLeft == 12)

        let leap = try UsageSummary(table: try T.table([
            ("2028-02-29", "Chat", nil, 1, nil, "29"),
            ("2028-02-01", "Chat", nil, 1, nil, "1"),
        ]), asOf: try T.day("2028-02-29"), billingCycleDay: 1, plans: T.plans, planID: "starter")
        #expect(leap.period?.length == 29)
        #expect(leap.daysLeft == 0)
        #expect(leap.daily.count == 29 && leap.daily[28].micros == 29_000_000)
        #expect(leap.projection?.micros == 30_000_000)  // last day: the projection is the spend
    }

    @Test func asOfBeforeAnyRecordIsAnEmptyPeriod() throws {
        let table = try T.table([("2026-12-02", "Chat", "key_a", 1, 1, "5")])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-25"), billingCycleDay: 1, plans: T.plans, planID: "pro")
        #expect(summary.current == UsageSummary.Totals())
        #expect(summary.history.records == 0)
        #expect(summary.recordsAfterAsOf == 1)
        #expect(summary.services.isEmpty && summary.keys.isEmpty)
        #expect(summary.daily == Array(repeating: .zero, count: 25))
        #expect(summary.percentTenths == 0 && summary.status == .ok)
        #expect(summary.projection == .zero)
        #expect(summary.limitReachedDay == nil)
    }

    @Test func noAsOfMeansNoPeriodAndNothingCounted() throws {
        let summary = try UsageSummary(table: UsageTable(), asOf: nil, billingCycleDay: 1, plans: nil, planID: nil)
        #expect(summary.period == nil && summary.asOf == nil)
        #expect(summary.current.records == 0 && summary.history.records == 0)
        #expect(summary.daily.isEmpty && summary.projection == nil && summary.status == nil && summary.percentTenths == nil)
        #expect(summary.daysElapsed == 0 && summary.daysLeft == 0)
    }

    @Test func noPlanNoPlansFileAndAnUnknownPlan() throws {
        let table = try T.table([("2026-11-02", "Chat", nil, 1, nil, "5")])
        let asOf = try T.day("2026-11-02")
        let withoutPlan = try UsageSummary(table: table, asOf: asOf, billingCycleDay: 1, plans: T.plans, planID: nil)
        #expect(withoutPlan.plan == nil && withoutPlan.limit == nil && withoutPlan.status == nil && withoutPlan.plans?.count == 3)
        let withoutFile = try UsageSummary(table: table, asOf: asOf, billingCycleDay: 1, plans: nil, planID: "pro")
        #expect(withoutFile.plan == nil && withoutFile.plans == nil)
        let unknown = try UsageSummary(table: table, asOf: asOf, billingCycleDay: 1, plans: T.plans, planID: "enterprise")
        #expect(unknown.plan == nil && unknown.percentTenths == nil)
    }

    /// 0.1 and 0.2 have no exact binary form: summed as Double, 3,000 of each drift off $900.
    @Test func tenthsAndFifthsSumExactlyWhereDoublesDrift() throws {
        var rows: [UsageTestData.Row] = []
        for index in 0..<6000 {
            rows.append(("2026-11-\(index % 9 + 1 < 10 ? "0" : "")\(index % 9 + 1)", index % 3 == 0 ? "A" : "B", nil, 1, nil, index % 2 == 0 ? "0.1" : "0.2"))
        }
        var double = 0.0
        for row in rows { double += row.cost == "0.1" ? 0.1 : 0.2 }
        #expect(double != 900, "the pattern must be one that drifts in binary floating point")

        let summary = try UsageSummary(table: try T.table(rows), asOf: try T.day("2026-11-30"), billingCycleDay: 1, plans: nil, planID: nil)
        #expect(summary.current.spend.micros == 900_000_000)
        #expect(usd.format(summary.current.spend) == "$900.00")
        #expect(summary.services.map(\.spend.micros).reduce(0, +) == 900_000_000)
        #expect(summary.daily.map(\.micros).reduce(0, +) == 900_000_000)
    }

    @Test func percentageIsRoundedDownSoTheThresholdsMatchTheFigure() throws {
        func summary(_ cost: String) throws -> UsageSummary {
            try UsageSummary(table: try T.table([("2026-11-10", "Chat", nil, 1, nil, cost)]), asOf: try T.day("2026-11-10"),
                             billingCycleDay: 1, plans: T.plans, planID: "pro")
        }
        #expect(try summary("0").percentTenths == 0)
        #expect(try summary("212.5").percentTenths == 425)
        #expect(try summary("399.99").percentTenths == 799)
        #expect(try summary("399.99").status == .ok)
        #expect(try summary("400").percentTenths == 800)
        #expect(try summary("400").status == .warning)
        #expect(try summary("499.999999").percentTenths == 999)
        #expect(try summary("499.999999").status == .warning)
        #expect(try summary("500").status == .exceeded)
        #expect(try summary("1234.5").percentTenths == 2469)
        #expect(try summary("1234.5").status == .exceeded)
    }

    @Test func aZeroLimitIsExceededByAnySpend() throws {
        let free = [Plan(id: "free", name: "Free", monthlyLimit: .zero, price: .zero)]
        let table = try T.table([("2026-11-10", "Chat", nil, 1, nil, "0.01")])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-10"), billingCycleDay: 1, plans: free, planID: "free")
        #expect(summary.percentTenths == nil && summary.status == .exceeded)
        let idle = try UsageSummary(table: UsageTable(), asOf: try T.day("2026-11-10"), billingCycleDay: 1, plans: free, planID: "free")
        #expect(idle.status == .ok)
    }

    @Test func projectsTheDailyRateOverThePeriod() throws {
        // $250 over 25 of 30 days: $10 a day, $300 at the end of the period.
        let table = try T.table([("2026-11-01", "Chat", nil, 1, nil, "150"), ("2026-11-20", "Chat", nil, 1, nil, "100")])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-25"), billingCycleDay: 1, plans: T.plans, planID: "scale")
        #expect(summary.projection?.micros == 300_000_000)
        #expect(summary.dailyRate?.micros == 10_000_000)
        #expect(summary.limitReachedDay == nil)  // $2,000 is not reached this period

        // $1 over 3 days of a 30-day period: 10 exactly; rounding half up at the micro.
        let thirds = try UsageSummary(table: try T.table([("2026-11-01", "Chat", nil, 1, nil, "1")]), asOf: try T.day("2026-11-03"),
                                      billingCycleDay: 1, plans: nil, planID: nil)
        #expect(thirds.projection?.micros == 10_000_000)
        #expect(thirds.dailyRate?.micros == 333_333)
        let sevenths = try UsageSummary(table: try T.table([("2026-11-01", "Chat", nil, 1, nil, "1")]), asOf: try T.day("2026-11-07"),
                                        billingCycleDay: 1, plans: nil, planID: nil)
        #expect(sevenths.projection?.micros == 4_285_714)  // 30/7 = 4.2857142…
    }

    @Test func findsTheDayTheLimitWillBeReached() throws {
        // $100 limit, $40 in 10 days: $4 a day, the 25th day of the period reaches $100.
        let table = try T.table([("2026-11-05", "Chat", nil, 1, nil, "40")])
        let summary = try UsageSummary(table: table, asOf: try T.day("2026-11-10"), billingCycleDay: 1, plans: T.plans, planID: "starter")
        #expect(summary.limitReachedDay?.description == "2026-11-25")
        #expect(summary.projection?.micros == 120_000_000)
    }

    @Test func largestRemaindersMakeThePartsAddUpToTheTotal() {
        func allocate(_ micros: [Int64], _ code: String = "USD") -> [Int64] {
            UsageSummary.allocate(micros.map { Money(micros: $0) }, in: Currency(code: code))
        }
        // Three half-cents: the total $0.015 shows as $0.02, the parts as 1 + 1 + 0 cents.
        #expect(allocate([5_000, 5_000, 5_000]) == [1, 1, 0])
        // Exact cents are left alone.
        #expect(allocate([1_230_000, 10_000, 0]) == [123, 1, 0])
        // 33.333…% each of $1.00.
        #expect(allocate([333_334, 333_333, 333_333]) == [34, 33, 33])
        // The largest remainder wins over the earlier part.
        #expect(allocate([1_001_000, 2_009_000]) == [100, 201])
        #expect(allocate([]) == [])
        // Yen has no minor unit; three dinars' thousandths.
        #expect(allocate([1_500_000, 1_500_000], "JPY") == [2, 1])
        #expect(allocate([1_000_500, 500], "KWD") == [1001, 0])
        for parts in [[4_999, 4_999, 4_999, 4_999], [1, 2, 3, 9_994], [123_456_789, 987_654_321, 5_555]] as [[Int64]] {
            let total = parts.reduce(0, +)
            #expect(allocate(parts).reduce(0, +) == Currency(code: "USD").minorUnits(Money(micros: total)))
        }
    }

    @Test func sumsThatWouldOverflowStopTheBuild() throws {
        var table = UsageTable()
        let day = try T.day("2026-11-01")
        for _ in 0..<10 {
            table.append(day: day, service: "Chat", keyID: nil, requests: 1, tokens: nil, cost: Money(micros: 999_999_999_999_999_999))
        }
        #expect(throws: UsageSummary.OverflowError(what: "cost")) {
            _ = try UsageSummary(table: table, asOf: day, billingCycleDay: 1, plans: nil, planID: nil)
        }
        var tokens = UsageTable()
        tokens.append(day: day, service: "Chat", keyID: nil, requests: 1, tokens: Int64.max, cost: .zero)
        tokens.append(day: day, service: "Chat", keyID: nil, requests: 1, tokens: 1, cost: .zero)
        #expect(throws: UsageSummary.OverflowError(what: "tokens")) {
            _ = try UsageSummary(table: tokens, asOf: day, billingCycleDay: 1, plans: nil, planID: nil)
        }
    }

    @Test func equalSpendsAreOrderedByNameWhateverTheFileOrder() throws {
        let a = try T.table([("2026-11-01", "Zeta", nil, 1, nil, "1"), ("2026-11-01", "Alpha", nil, 1, nil, "1"), ("2026-11-01", "Mid", nil, 1, nil, "2")])
        let b = try T.table([("2026-11-01", "Mid", nil, 1, nil, "2"), ("2026-11-01", "Alpha", nil, 1, nil, "1"), ("2026-11-01", "Zeta", nil, 1, nil, "1")])
        let asOf = try T.day("2026-11-01")
        let first = try UsageSummary(table: a, asOf: asOf, billingCycleDay: 1, plans: nil, planID: nil)
        let second = try UsageSummary(table: b, asOf: asOf, billingCycleDay: 1, plans: nil, planID: nil)
        #expect(first.services.map(\.name) == ["Mid", "Alpha", "Zeta"])
        #expect(first.services == second.services)
    }
}

extension UsageSummaryTests {
    @Test func sharesAddUpTo100Percent() {
        #expect(UsageSummary.sharesInTenths([Money(micros: 1), Money(micros: 1), Money(micros: 1)]) == [334, 333, 333])
        #expect(UsageSummary.sharesInTenths([Money(micros: 3), Money(micros: 1)]) == [750, 250])
        #expect(UsageSummary.sharesInTenths([.zero, .zero]) == [0, 0])
        #expect(UsageSummary.sharesInTenths([Money(micros: 999_999), Money(micros: 1)]) == [1000, 0])
    }
}
