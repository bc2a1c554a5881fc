import Testing
@testable import ForgeKit

@Suite struct DayTests {
    @Test func roundTripsEveryDayOfFourCenturies() {
        var day = Day(year: 1900, month: 1, day: 1)!
        var seen = 0
        while day.year < 2300 {
            #expect(Day(parsing: day.description) == day)
            day = day.adding(days: 1)
            seen += 1
        }
        #expect(seen == 146_097)
    }

    @Test func knowsTheEpochAndLeapDays() {
        #expect(Day(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        #expect(Day(parsing: "2024-02-29") != nil)
        #expect(Day(parsing: "2023-02-29") == nil)
        #expect(Day(parsing: "1900-02-29") == nil)
        #expect(Day(parsing: "2000-02-29") != nil)
    }

    @Test func rejectsAnythingButYYYYMMDD() {
        for text in ["2026-1-05", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-01-01T00:00:00Z", "2026/01/01", "2026-01/01", "2026/01-01", "", "２０２６-01-01"] {
            #expect(Day(parsing: text) == nil, "\(text)")
        }
    }

    @Test func convertsUnixSecondsInUTC() {
        #expect(Day(unixSeconds: 0).description == "1970-01-01")
        #expect(Day(unixSeconds: 1_795_651_199).description == "2026-11-25")
        #expect(Day(unixSeconds: -1).description == "1969-12-31")
    }
}
