import Testing
@testable import ForgeKit

@Suite struct BillingPeriodTests {
    private func day(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Day {
        try #require(Day(parsing: text), sourceLocation: sourceLocation)
    }

    private func period(_ asOf: String, cycle: Int) throws -> String {
        BillingPeriod(containing: try day(asOf), cycleDay: cycle).description
    }

    @Test func cycleDayOneIsTheCalendarMonth() throws {
        #expect(try period("2026-11-01", cycle: 1) == "2026-11-01..<2026-12-01")
        #expect(try period("2026-11-25", cycle: 1) == "2026-11-01..<2026-12-01")
        #expect(try period("2026-11-30", cycle: 1) == "2026-11-01..<2026-12-01")
        #expect(try period("2026-12-31", cycle: 1) == "2026-12-01..<2027-01-01")
        #expect(try period("2027-01-01", cycle: 1) == "2027-01-01..<2027-02-01")
    }

    @Test func cycleDay28StartsInThePreviousMonthBeforeThe28th() throws {
        #expect(try period("2026-11-27", cycle: 28) == "2026-10-28..<2026-11-28")
        #expect(try period("2026-11-28", cycle: 28) == "2026-11-28..<2026-12-28")
        #expect(try period("2026-03-01", cycle: 28) == "2026-02-28..<2026-03-28")
    }

    @Test func periodsCrossYearEnds() throws {
        #expect(try period("2026-12-15", cycle: 15) == "2026-12-15..<2027-01-15")
        #expect(try period("2027-01-14", cycle: 15) == "2026-12-15..<2027-01-15")
        #expect(try period("2027-01-01", cycle: 28) == "2026-12-28..<2027-01-28")
        #expect(try period("2026-12-27", cycle: 28) == "2026-11-28..<2026-12-28")
    }

    @Test func februaryIs29DaysInLeapYears() throws {
        let leap = BillingPeriod(containing: try day("2028-02-29"), cycleDay: 1)
        #expect(leap.description == "2028-02-01..<2028-03-01")
        #expect(leap.length == 29)
        #expect(leap.lastDay.description == "2028-02-29")
        #expect(BillingPeriod(containing: try day("2027-02-10"), cycleDay: 1).length == 28)
        // A period starting on Feb 28 is as long as February.
        #expect(BillingPeriod(containing: try day("2028-03-27"), cycleDay: 28).description == "2028-02-28..<2028-03-28")
        #expect(BillingPeriod(containing: try day("2028-03-27"), cycleDay: 28).length == 29)
        #expect(BillingPeriod(containing: try day("2100-03-01"), cycleDay: 28).length == 28)  // 2100 is not leap
        #expect(BillingPeriod(containing: try day("2000-03-01"), cycleDay: 28).length == 29)  // 2000 is
    }

    @Test func everyDayOfTenYearsLiesInExactlyOnePeriodOfAMonth() throws {
        for cycle in [1, 2, 15, 27, 28] {
            var day = try day("2024-01-01")
            var previous: BillingPeriod?
            while day.year < 2034 {
                let period = BillingPeriod(containing: day, cycleDay: cycle)
                #expect(period.contains(day))
                #expect(period.start.day == cycle && period.end.day == cycle)
                #expect((28...31).contains(period.length))
                #expect(period.daysElapsed(asOf: day) + period.daysLeft(asOf: day) == period.length)
                if let previous, previous != period {
                    #expect(previous.end == period.start, "periods must tile the calendar")
                    #expect(previous.next == period && period.previous == previous)
                }
                previous = period
                day = day.adding(days: 1)
            }
        }
    }

    @Test func daysElapsedCountsAsOfAndDaysLeftCountsTheDaysAfter() throws {
        let period = BillingPeriod(containing: try day("2026-11-25"), cycleDay: 1)
        #expect(period.length == 30)
        #expect(period.daysElapsed(asOf: try day("2026-11-25")) == 25)
        #expect(period.daysLeft(asOf: try day("2026-11-25")) == 5)
        #expect(period.daysElapsed(asOf: try day("2026-11-01")) == 1)
        #expect(period.daysLeft(asOf: try day("2026-11-30")) == 0)
        #expect(period.lastDay.description == "2026-11-30")
    }

    @Test func anOutOfRangeCycleDayIsClampedNotFatal() throws {
        #expect(try period("2026-02-10", cycle: 31) == "2026-01-28..<2026-02-28")
        #expect(try period("2026-02-10", cycle: 0) == "2026-02-01..<2026-03-01")
    }
}
