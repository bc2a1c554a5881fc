/// The Usage dialog's charts, drawn at build time as inline SVG: no chart library, no canvas,
/// nothing to run in the browser, and the same bytes on every build.
///
/// Accessible as images (`role="img"` named by a `<title>` that states the figures); the
/// tables beside them carry the same numbers. Colours come from CSS classes (`chart-1` …
/// `chart-6`, which set `color` from `--color-chart-N`) through `currentColor`, because the
/// page's CSP forbids `style` attributes. Geometry is integer arithmetic written with two
/// decimals, so no floating point decides a byte of the output.
enum UsageCharts {
    /// One part of the breakdown.
    struct Slice {
        var label: String
        var amount: Money
        /// 1...6: the `chart-N` colour class.
        var color: Int
    }

    /// A donut of the parts' shares, starting at 12 o'clock and going clockwise. The ring is a
    /// circle of circumference 100 (r = 100 / 2π), so each part is a dash as long as its
    /// percentage: no trigonometry.
    static func donut(_ slices: [Slice], id: String, title: String) -> String {
        let total = slices.reduce(Int128(0)) { $0 + Int128(max($1.amount.micros, 0)) }
        var svg = "<svg class=\"usage-donut\" viewBox=\"0 0 42 42\" width=\"168\" height=\"168\" role=\"img\" aria-labelledby=\"\(id)-title\">"
        svg += "<title id=\"\(id)-title\">\(title.htmlEscaped)</title>"
        // Shared paint on the group; currentColor resolves on each circle, from its own class.
        svg += "<g fill=\"none\" stroke=\"currentColor\" stroke-width=\"6\"><circle class=\"usage-donut__track\" cx=\"21\" cy=\"21\" r=\"15.9155\"/>"
        guard total > 0 else { return svg + "</g></svg>" }
        let visible = slices.filter { $0.amount.micros > 0 }
        var cumulative: Int128 = 0
        var start = 0  // hundredths of the circumference
        for slice in visible {
            cumulative += Int128(slice.amount.micros)
            let end = Int(cumulative * 10_000 / total)
            var length = end - start
            // A hair of background between parts; a part too small for it is drawn whole.
            if visible.count > 1, length > 120 { length -= 40 }
            if length > 0 {
                svg += "<circle class=\"chart-\(slice.color)\" cx=\"21\" cy=\"21\" r=\"15.9155\""
                svg += " stroke-dasharray=\"\(hundredths(length)) \(hundredths(10_000 - length))\" stroke-dashoffset=\"\(hundredths(2_500 - start))\">"
                svg += "<title>\(slice.label.htmlEscaped)</title></circle>"
            }
            start = end
        }
        return svg + "</g></svg>"
    }

    /// One bar per day of the billing period. Days after `asOf` are a faint stub (the period is
    /// not over); `pace`, when given, is a dashed line at the daily spend that would use exactly
    /// the limit over the period. The SVG stretches to the width of its box
    /// (`preserveAspectRatio="none"`), so axis labels are HTML around it, not SVG text.
    ///
    /// - Parameter days: every day of the period in order: its spend, or nil when the day is after `asOf`.
    static func dailyBars(_ days: [Money?], pace: Money?, id: String, title: String, summary: String) -> String {
        let width = max(days.count, 1) * 10
        let highest = max(days.reduce(Int64(0)) { max($0, $1?.micros ?? 0) }, pace?.micros ?? 0)
        var svg = "<svg class=\"usage-daily\" viewBox=\"0 0 \(width) 100\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
        svg += "<title id=\"\(id)-title\">\(title.htmlEscaped)</title><desc id=\"\(id)-desc\">\(summary.htmlEscaped)</desc>"
        var bars = "", future = ""
        for (index, day) in days.enumerated() {
            let x = index * 10 + 1
            guard let day else {
                future += "<rect x=\"\(x)\" y=\"98\" width=\"8\" height=\"2\"/>"
                continue
            }
            // Heights in hundredths of the 100-unit box, the highest day at 95 (room for the line).
            let height = highest > 0 ? Int(Int128(max(day.micros, 0)) * 9_500 / Int128(highest)) : 0
            let shown = day.micros > 0 ? max(height, 50) : 0  // a visible sliver for tiny days
            // No per-bar <title>: the "Daily figures" table beside the chart has every day's amount.
            if shown > 0 { bars += "<rect x=\"\(x)\" y=\"\(hundredths(10_000 - shown))\" width=\"8\" height=\"\(hundredths(shown))\"/>" }
        }
        svg += "<g class=\"usage-daily__bar\" fill=\"currentColor\">" + bars + "</g>"
        if !future.isEmpty { svg += "<g class=\"usage-daily__future\" fill=\"currentColor\">" + future + "</g>" }
        if let pace, highest > 0, pace.micros > 0 {
            let y = hundredths(10_000 - Int(Int128(pace.micros) * 9_500 / Int128(highest)))
            svg += "<line class=\"usage-daily__pace\" x1=\"0\" y1=\"\(y)\" x2=\"\(width)\" y2=\"\(y)\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" vector-effect=\"non-scaling-stroke\"/>"
        }
        svg += "<line class=\"usage-daily__axis\" x1=\"0\" y1=\"100\" x2=\"\(width)\" y2=\"100\" stroke=\"currentColor\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"/>"
        return svg + "</svg>"
    }

    /// 1234 → "12.34", -5 → "-0.05", 2500 → "25"
    static func hundredths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(magnitude / 100) }
        let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
        return sign + String(magnitude / 100) + "." + (digits.hasSuffix("0") ? String(digits.prefix(1)) : digits)
    }
}
