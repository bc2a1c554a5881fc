import Foundation
import Testing
@testable import ForgeKit

/// Every billing period and every grouping, reconciled with seeded random records: the test finds
/// the periods with Foundation's Gregorian calendar in UTC, sums the cost strings as Decimal, and
/// compares with what the Usage dialog would show for each period (its view context, as rendered
/// into the page or a period file) and with the Periods table and the page data.
/// Cases cover cycle days 1, 15 and 28, year ends and leap Februaries.
@Suite struct UsagePeriodReconciliationTests {
    typealias G = UsageReconciliationTests.Generator

    struct Case: CustomTestStringConvertible, Sendable {
        var asOf: String
        var cycleDay: Int
        var seed: UInt64
        var testDescription: String { "as of \(asOf), cycle day \(cycleDay), seed \(seed)" }
    }

    static let cases: [Case] = [
        Case(asOf: "2024-03-10", cycleDay: 28, seed: 1),   // 2024-02-28 ..< 2024-03-28: a leap February
        Case(asOf: "2024-02-29", cycleDay: 1, seed: 2),    // the leap day itself
        Case(asOf: "2025-01-05", cycleDay: 15, seed: 3),   // 2024-12-15 ..< 2025-01-15: across the year end
        Case(asOf: "2026-12-31", cycleDay: 1, seed: 4),
        Case(asOf: "2027-01-14", cycleDay: 15, seed: 5),
        Case(asOf: "2028-03-27", cycleDay: 28, seed: 6),
        Case(asOf: "2026-11-25", cycleDay: 15, seed: 7),
        Case(asOf: "2023-03-01", cycleDay: 1, seed: 8),
    ]

    static let models: [String?] = ["gpt-4o-mini", "claude-sonnet", "m-3", nil]
    static let services = UsageReconciliationTests.services + ["Vision", "Audio", "Search", "Rerank", "Batch 2", "Realtime", "Assistants"]

    @Test(arguments: cases)
    func everyPeriodAndGroupingReconciles(_ test: Case) throws {
        var random = G(state: test.seed &* 104_729)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let posix = Locale(identifier: "en_US_POSIX")
        func date(_ text: String) throws -> Date {
            let p = text.split(separator: "-").compactMap { Int($0) }
            return try #require(calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2])))
        }
        func text(_ date: Date) -> String {
            let p = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!)
        }
        let asOfDate = try date(test.asOf)
        // Records over about fourteen months up to a few days past as_of; some periods stay empty.
        var raw = UsageReconciliationTests.makeRecords(seed: test.seed, count: random.int(400...1_500), around: asOfDate)
        for index in raw.indices {
            raw[index].service = random.pick(UsagePeriodReconciliationTests.services)
        }
        let models = raw.map { _ in random.pick(UsagePeriodReconciliationTests.models) }
        var table = UsageTable()
        for (record, model) in zip(raw, models) {
            table.append(day: try #require(Day(parsing: record.date)), service: record.service, keyID: record.key,
                         requests: record.requests, tokens: record.tokens, cost: try #require(Money(parsing: record.cost)), model: model)
        }
        var config = SiteConfig(title: "T", plan: "pro", billingCycleDay: test.cycleDay)
        config.currency = Currency(code: "USD")
        let keyNames = ["key_prod": "Production"]
        let keys = [APIKey(id: "key_prod", name: "Production", start: "sk_ab12", end: "wx89", created: try #require(Day(parsing: "2020-01-01")),
                           monthlyLimit: Money(micros: 2_000_000_000), location: SourceLocation(path: "keys.yaml"))]
        let presenter = try UsagePresenter(table: table, config: config, asOf: try #require(Day(parsing: test.asOf)),
                                           plans: UsageTestData.plans, keys: keys)

        // The periods, independently: [start, start + 1 month), start on the cycle day.
        func period(of day: Date) throws -> (start: Date, end: Date) {
            let p = calendar.dateComponents([.year, .month, .day], from: day)
            var start = DateComponents(year: p.year, month: p.month, day: test.cycleDay)
            if p.day! < test.cycleDay { start.month! -= 1 }
            let startDate = try #require(calendar.date(from: start))
            return (startDate, try #require(calendar.date(byAdding: .month, value: 1, to: startDate)))
        }
        struct Sums { var total = Decimal(0); var records = 0; var by: [String: [String: Decimal]] = [:]; var days: [String: Decimal] = [:] }
        var expected: [String: Sums] = [:]
        for (record, model) in zip(raw, models) where record.date <= test.asOf {
            let start = text(try period(of: try date(record.date)).start)
            let cost = try #require(Decimal(string: record.cost, locale: posix))
            var sums = expected[start] ?? Sums()
            sums.total += cost
            sums.records += 1
            sums.days[record.date, default: 0] += cost
            sums.by["service", default: [:]][record.service, default: 0] += cost
            sums.by["model", default: [:]][model ?? "No model", default: 0] += cost
            sums.by["key", default: [:]][record.key.map { keyNames[$0] ?? $0 } ?? "No key", default: 0] += cost
            expected[start] = sums
        }
        let current = try period(of: asOfDate)
        expected[text(current.start), default: Sums()].records += 0

        // The same periods, newest first, the current one first even when empty.
        let periods = presenter.summary.periods
        #expect(periods.map { $0.period.start.description } == expected.keys.sorted(by: >))
        #expect(periods.first?.isCurrent == true && periods.dropFirst().allSatisfy { !$0.isCurrent })
        func micros(_ value: Decimal) -> String { NSDecimalNumber(decimal: value * 1_000_000).stringValue }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONScript.encode(presenter.pageData).utf8)) as? [String: Any])
        let entries = try #require(json["periods"] as? [[String: Any]])
        #expect(entries.count == periods.count)
        let table2 = presenter.periodsTableContext.rows

        for (index, summary) in periods.enumerated() {
            let start = summary.period.start.description
            let sums = try #require(expected[start])
            let bounds = try period(of: try date(start))
            #expect(summary.period.end.description == text(bounds.end), "\(start)")
            #expect(summary.through.description == (summary.isCurrent ? test.asOf : text(try #require(calendar.date(byAdding: .day, value: -1, to: bounds.end)))))
            #expect(String(summary.totals.spend.micros) == micros(sums.total), "\(start)")
            #expect(summary.totals.records == sums.records)
            #expect(entries[index]["spendMicros"] as? String == micros(sums.total))
            #expect(entries[index]["start"] as? String == start)
            #expect(table2[index].total == UsageReconciliationTests.dollars(sums.total))
            let limit = Decimal(500)
            let over = sums.total > limit ? UsageReconciliationTests.dollars(sums.total - limit) + " over" : "—"
            #expect(table2[index].overrun == over, "\(start)")

            for grouping in presenter.groupings {
                let view = presenter.viewContext(summary, grouping: grouping)
                #expect(view.spend == UsageReconciliationTests.dollars(sums.total))
                let rows = view.breakdown.rows
                let truth = sums.by[grouping.rawValue] ?? [:]
                #expect(rows.count == truth.count, "\(start) \(grouping)")
                if !rows.isEmpty {
                    try UsageReconciliationTests.checkParts(rows.map { ($0.name, $0.spend) },
                                                            exact: truth, total: sums.total)
                    let shares = rows.compactMap { Decimal(string: String($0.share.dropLast())) }
                    #expect(shares.reduce(0, +) == 100, "shares add up to 100.0%")
                }
                // Each day's parts by series add up to the day; Other holds exactly the lines past the twelfth.
                let series = summary.series[grouping] ?? []
                #expect(series.count <= UsagePeriod.maximumSeries + 1)
                #expect(series.count == min(rows.count, UsagePeriod.maximumSeries) + (rows.count > UsagePeriod.maximumSeries ? 1 : 0))
                for (day, parts) in (summary.dailySeries[grouping] ?? []).enumerated() {
                    #expect(parts.reduce(Money.zero, +) == summary.daily[day], "\(start) \(grouping) day \(day)")
                }
                // The daily chart's table: every counted day, within a cent, adding up to the total shown.
                let dayRows = view.daily.rows
                #expect(dayRows.count == summary.daysCounted)
                var byDay = sums.days
                for row in dayRows { byDay[row.day, default: 0] += 0 }
                try UsageReconciliationTests.checkParts(dayRows.map { ($0.day, $0.spend) },
                                                        exact: byDay, total: sums.total)
            }
            // The change against the period before, like for like.
            let previousStart = text(try #require(calendar.date(byAdding: .month, value: -1, to: bounds.start)))
            let days = summary.isCurrent ? summary.daysCounted : Int.max
            let base = (expected[previousStart]?.days ?? [:]).filter { entry in
                let offset = calendar.dateComponents([.day], from: (try? date(previousStart)) ?? bounds.start, to: (try? date(entry.key)) ?? bounds.start).day ?? 0
                return offset < days
            }.values.reduce(Decimal(0), +)
            let change = presenter.viewContext(summary, grouping: .service).change
            if base == 0 {
                #expect(change.headline == "—")
            } else {
                var tenths = (sums.total - base) * 1000 / base
                var rounded = Decimal()
                NSDecimalRound(&rounded, &tenths, 0, .plain)
                let value = NSDecimalNumber(decimal: rounded).intValue
                let digits = Array(String(abs(value) / 10))
                let whole = digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
                let expectedText = (value > 0 ? "+" : value < 0 ? "-" : "") + "\(whole).\(abs(value) % 10)%"
                #expect(change.headline == expectedText, "\(start): \(sums.total) against \(base)")
                #expect(change.detail.hasSuffix(UsageReconciliationTests.dollars(base) + ")"))
            }
        }
    }
}
