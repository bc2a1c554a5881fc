import Foundation
import Testing
@testable import ForgeKit

@Suite struct UsageChartsTests {
    typealias Slice = UsageCharts.Slice
    typealias Day = UsageCharts.Day

    @Test func donutDashesAreTheSharesOfACircleOf100AndEachIsNamed() {
        let svg = UsageCharts.donut([
            Slice(label: "Chat: $3.00 (75%)", amount: Money(micros: 3_000_000), series: 1),
            Slice(label: "Embeddings <v2> & co: $1.00 (25%)", amount: Money(micros: 1_000_000), series: 2),
        ], id: "c", title: "Spend by service: \"all\"")
        #expect(svg == """
            <svg class="usage-donut" viewBox="0 0 42 42" width="168" height="168" role="group" aria-labelledby="c-title">\
            <title id="c-title">Spend by service: &quot;all&quot;</title>\
            <g fill="none" stroke-width="6"><circle class="usage-donut__track" cx="21" cy="21" r="15.9155" stroke="currentColor"/>\
            <circle cx="21" cy="21" r="15.9155" stroke="url(#up1)" \
            stroke-dasharray="74.6 25.4" stroke-dashoffset="25"><title>Chat: $3.00 (75%)</title></circle>\
            <circle cx="21" cy="21" r="15.9155" stroke="url(#up2)" \
            stroke-dasharray="24.6 75.4" stroke-dashoffset="-50"><title>Embeddings &lt;v2&gt; &amp; co: $1.00 (25%)</title></circle></g></svg>
            """)
    }

    @Test func aSingleServiceIsTheWholeRingAndNothingIsDrawnForNoSpend() {
        let whole = UsageCharts.donut([Slice(label: "Chat", amount: Money(micros: 5), series: 1)], id: "c", title: "t")
        #expect(whole.contains("stroke-dasharray=\"100 0\" stroke-dashoffset=\"25\""))
        let empty = UsageCharts.donut([Slice(label: "Chat", amount: .zero, series: 1)], id: "c", title: "t")
        #expect(!empty.contains("url("))
        #expect(empty.hasSuffix("</g></svg>"))
    }

    @Test func slicesTileTheRingWithoutGapsOrOverlap() {
        // Prime-ish amounts whose shares do not divide evenly.
        let amounts: [Int64] = [7_777_777, 3_333_333, 1_111_111, 999_999, 12_345, 1]
        let svg = UsageCharts.donut(amounts.enumerated().map { Slice(label: "s\($0)", amount: Money(micros: $1), series: $0 + 1) }, id: "c", title: "t")
        // Each drawn dash starts where the previous part ended: offset = 25 - start.
        let offsets = svg.split(separator: "stroke-dashoffset=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        let dashes = svg.split(separator: "stroke-dasharray=\"").dropFirst().compactMap { Double($0.prefix { $0 != " " }) }
        #expect(offsets.first == 25)
        #expect(offsets.count == dashes.count)
        for index in 1..<offsets.count {
            // dash plus the 0.4 gap (for parts longer than 1.2) is the distance to the next start
            let step = offsets[index - 1] - offsets[index]
            #expect(abs(step - dashes[index - 1] - (dashes[index - 1] > 0.8 ? 0.4 : 0)) < 0.0001)
        }
    }

    @Test func dailyBarsScaleToTheAxisStackTheSeriesAndStubTheFuture() {
        let money = { (micros: Int64) in Money(micros: micros) }
        let days = [
            Day(parts: [money(10_000_000)], label: "2026-11-01: $10.00"),
            Day(parts: [money(5_000_000)], label: "2026-11-02: $5.00"),
            Day(parts: [.zero], label: "2026-11-03: $0.00"),
            Day(parts: [money(1)], label: "2026-11-04: $0.00"),
            Day(parts: nil, label: "2026-11-05: not yet"),
        ]
        let svg = UsageCharts.dailyBars(days, series: [1], axisMaximum: money(20_000_000), pace: money(2_000_000),
                                        id: "d", title: "Daily spend", summary: "Highest day 2026-11-01.")
        #expect(svg.hasPrefix("<svg class=\"usage-daily\" viewBox=\"0 0 50 100\" preserveAspectRatio=\"none\" role=\"group\" aria-labelledby=\"d-title d-desc\">"))
        #expect(svg.contains("<title id=\"d-title\">Daily spend</title><desc id=\"d-desc\">Highest day 2026-11-01.</desc>"))
        // $10 of a $20 axis is half the height; $5 a quarter; nothing spent, no bar; a micro-unit a sliver.
        #expect(svg.contains("<path d=\"M5 100V50M15 100V75M35 100V99.6\" stroke=\"url(#up1)\" stroke-width=\"8\"/>"))
        #expect(svg.contains("<path class=\"usage-daily__future\" d=\"M45 100V98\" stroke=\"currentColor\" stroke-width=\"8\"/>"))
        #expect(svg.contains("<path class=\"usage-daily__pace\" d=\"M0 90H50\""))  // $2 of $20
        #expect(svg.contains("<path class=\"usage-daily__grid\" d=\"M0 25H50M0 50H50M0 75H50\""))
        // Every day says its value (the script makes them focusable); the future too ("not yet").
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 5)
        #expect(svg.contains("<g class=\"usage-daily__hits\"><rect x=\"0\"><title>2026-11-01: $10.00</title></rect><rect x=\"10\"><title>2026-11-02: $5.00</title></rect>"))
    }

    @Test func partsStackInSeriesOrderWithSlivers() {
        let days = [Day(parts: [Money(micros: 3_000_000), Money(micros: 1_000_000), Money(micros: 1)], label: "d")]
        let svg = UsageCharts.dailyBars(days, series: [1, 2, 13], axisMaximum: Money(micros: 4_000_000), pace: nil, id: "d", title: "t", summary: "s")
        #expect(svg.contains("<path d=\"M5 100V25\" stroke=\"url(#up1)\""))
        #expect(svg.contains("<path d=\"M5 25V0\" stroke=\"url(#up2)\""))
        // The third part is a micro-unit on a bar that already reaches the top: no room left.
        #expect(!svg.contains("up13"))
        #expect(!svg.contains("pace"))
    }

    @Test func theValueAxisHasFourRoundSteps() {
        let usd = Currency(code: "USD"), jpy = Currency(code: "JPY")
        #expect(UsageCharts.axisStep(for: Money(micros: 51_450_000), in: usd) == 2_000)  // $20: an axis to $80
        #expect(UsageCharts.axisStep(for: Money(micros: 99_990_000), in: usd) == 2_500)  // $25: to $100
        #expect(UsageCharts.axisStep(for: Money(micros: 100_000_000), in: usd) == 2_500)
        #expect(UsageCharts.axisStep(for: Money(micros: 100_000_001), in: usd) == 5_000)
        #expect(UsageCharts.axisStep(for: Money(micros: 30_000), in: usd) == 1)          // 1 cent: to 4 cents
        #expect(UsageCharts.axisStep(for: .zero, in: usd) == 100)                         // nothing: $1 steps
        #expect(UsageCharts.axisStep(for: Money(micros: 1_235_000_000), in: jpy) == 500) // ¥500: to ¥2,000
        #expect(UsageCharts.axisStep(for: Money(micros: Int64.max), in: usd) * 4 >= Int64.max / 10_000)
    }

    @Test func patternsAreMadeForTheSeriesInUse() {
        let defs = UsageCharts.patterns(count: 3, hasOther: true)
        for series in [1, 2, 3, 13] { #expect(defs.contains("id=\"up\(series)\"")) }
        #expect(!defs.contains("up4"))
        #expect(defs.contains("<rect class=\"chart-2\"/><g class=\"usage-mark\">"))
        #expect(defs.contains("<rect class=\"chart-other\""))
        #expect(UsageCharts.marks.count == UsagePeriod.maximumSeries)
        #expect(Set(UsageCharts.marks).count == UsagePeriod.maximumSeries, "twelve different marks")
        #expect(UsageCharts.patterns(count: 0, hasOther: false) == "<svg class=\"usage-patterns\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs></defs></svg>")
    }

    @Test func chartsUseNoStyleAttributesAndAreDeterministic() {
        let slices = (0..<6).map { Slice(label: "s\($0)", amount: Money(micros: Int64($0 * 1_000 + 17)), series: $0 + 1) }
        let days = (0..<31).map { Day(parts: $0 < 20 ? [Money(micros: Int64($0 * 13_457))] : nil, label: "d\($0)") }
        let make = {
            UsageCharts.donut(slices, id: "a", title: "t")
                + UsageCharts.dailyBars(days, series: [1], axisMaximum: Money(micros: 400_000), pace: nil, id: "b", title: "t", summary: "s")
        }
        let first = make()
        #expect(first == make())
        #expect(!first.contains("style"))
        #expect(!first.contains("pace"))
    }

    @Test func hundredthsAreWrittenWithoutFloatingPoint() {
        #expect(UsageCharts.hundredths(2_500) == "25")
        #expect(UsageCharts.hundredths(1_234) == "12.34")
        #expect(UsageCharts.hundredths(1_230) == "12.3")
        #expect(UsageCharts.hundredths(5) == "0.05")
        #expect(UsageCharts.hundredths(-5_000) == "-50")
        #expect(UsageCharts.hundredths(-5) == "-0.05")
    }
}
