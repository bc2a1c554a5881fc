import Foundation
import Testing
@testable import ForgeKit

@Suite struct UsageChartsTests {
    typealias Slice = UsageCharts.Slice

    @Test func donutDashesAreTheSharesOfACircleOf100() {
        let svg = UsageCharts.donut([
            Slice(label: "Chat: $3.00 (75%)", amount: Money(micros: 3_000_000), color: 1),
            Slice(label: "Embeddings <v2> & co: $1.00 (25%)", amount: Money(micros: 1_000_000), color: 2),
        ], id: "c", title: "Spend by service: \"all\"")
        #expect(svg == """
            <svg class="usage-donut" viewBox="0 0 42 42" width="168" height="168" role="img" aria-labelledby="c-title">\
            <title id="c-title">Spend by service: &quot;all&quot;</title>\
            <g fill="none" stroke="currentColor" stroke-width="6"><circle class="usage-donut__track" cx="21" cy="21" r="15.9155"/>\
            <circle class="chart-1" cx="21" cy="21" r="15.9155" \
            stroke-dasharray="74.6 25.4" stroke-dashoffset="25"><title>Chat: $3.00 (75%)</title></circle>\
            <circle class="chart-2" cx="21" cy="21" r="15.9155" \
            stroke-dasharray="24.6 75.4" stroke-dashoffset="-50"><title>Embeddings &lt;v2&gt; &amp; co: $1.00 (25%)</title></circle></g></svg>
            """)
    }

    @Test func aSingleServiceIsTheWholeRingAndNothingIsDrawnForNoSpend() {
        let whole = UsageCharts.donut([Slice(label: "Chat", amount: Money(micros: 5), color: 1)], id: "c", title: "t")
        #expect(whole.contains("stroke-dasharray=\"100 0\" stroke-dashoffset=\"25\""))
        let empty = UsageCharts.donut([Slice(label: "Chat", amount: .zero, color: 1)], id: "c", title: "t")
        #expect(!empty.contains("chart-1"))
        #expect(empty.hasSuffix("</g></svg>"))
    }

    @Test func slicesTileTheRingWithoutGapsOrOverlap() {
        // Prime-ish amounts whose shares do not divide evenly.
        let amounts: [Int64] = [7_777_777, 3_333_333, 1_111_111, 999_999, 12_345, 1]
        let svg = UsageCharts.donut(amounts.enumerated().map { Slice(label: "s\($0)", amount: Money(micros: $1), color: $0 + 1) }, id: "c", title: "t")
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

    @Test func dailyBarsScaleToTheHighestDayAndStubTheFuture() {
        let days: [Money?] = [Money(micros: 10_000_000), Money(micros: 5_000_000), .zero, Money(micros: 1), nil]
        let svg = UsageCharts.dailyBars(days, pace: Money(micros: 2_000_000), id: "d", title: "Daily spend", summary: "Highest day 2026-11-01.")
        #expect(svg.hasPrefix("<svg class=\"usage-daily\" viewBox=\"0 0 50 100\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"d-title d-desc\">"))
        #expect(svg.contains("<title id=\"d-title\">Daily spend</title><desc id=\"d-desc\">Highest day 2026-11-01.</desc>"))
        #expect(svg.contains("x=\"1\" y=\"5\" width=\"8\" height=\"95\""))        // the highest day
        #expect(svg.contains("x=\"11\" y=\"52.5\" width=\"8\" height=\"47.5\""))  // half of it
        #expect(!svg.contains("x=\"21\""))                                          // nothing spent, no bar
        #expect(svg.contains("x=\"31\" y=\"99.5\" width=\"8\" height=\"0.5\""))   // a sliver, not nothing
        #expect(svg.contains("<g class=\"usage-daily__future\" fill=\"currentColor\"><rect x=\"41\" y=\"98\" width=\"8\" height=\"2\"/></g>"))
        #expect(svg.contains("<line class=\"usage-daily__pace\" x1=\"0\" y1=\"81\" x2=\"50\" y2=\"81\""))  // $2 of $10 at 95
        #expect(svg.components(separatedBy: "<title").count - 1 == 1)
    }

    @Test func chartsUseNoStyleAttributesAndAreDeterministic() {
        let slices = (0..<6).map { Slice(label: "s\($0)", amount: Money(micros: Int64($0 * 1_000 + 17)), color: $0 + 1) }
        let days: [Money?] = (0..<31).map { $0 < 20 ? Money(micros: Int64($0 * 13_457)) : nil }
        let first = UsageCharts.donut(slices, id: "a", title: "t") + UsageCharts.dailyBars(days, pace: nil, id: "b", title: "t", summary: "s")
        let second = UsageCharts.donut(slices, id: "a", title: "t") + UsageCharts.dailyBars(days, pace: nil, id: "b", title: "t", summary: "s")
        #expect(first == second)
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
