/// The Usage dialog's charts, drawn at build time as inline SVG: no chart library, no canvas,
/// and the same bytes on every build.
///
/// A chart is a named group (`role="group"`, its `<title>`); each slice or day is named by its own
/// `<title>` (hover shows it; `usage-views.js` makes the parts focusable, one tab stop per chart
/// with arrows between parts, and writes the focused or hovered value under the chart), and the
/// table beside the chart carries every figure, with or without script. Up to twelve series
/// are told apart by colour and pattern (`patterns`), the rest share "Other". Colours are CSS
/// custom properties reached through classes (the CSP forbids `style`), so dark mode follows.
/// Geometry is integer arithmetic written with two decimals: no floating point decides a byte.
enum UsageCharts {
    /// One part of a chart: a series of the breakdown.
    struct Slice {
        var label: String
        var amount: Money
        /// 1...12 for a series, 13 for "Other".
        var series: Int
    }

    /// "Other": the neutral series after the twelve patterned ones.
    static let otherSeries = UsagePeriod.maximumSeries + 1

    /// The paint of series `n`: its pattern (`patterns` must be in the page).
    static func paint(_ series: Int) -> String { "url(#up\(series))" }

    /// Tiles of 2 × 2 units, one per series: colour `--color-chart-N` under marks in the surface
    /// colour. Series 1 is plain; "Other" is plain and neutral. Drawn about 7-8 px wide in every
    /// chart (each draws at 3.5-4 px per unit), so the marks read at a glance.
    static let marks: [String] = [
        "",
        "<path d=\"M-.5.5l1-1M0 2L2 0M1.5 2.5l1-1\"/>",
        "<circle cx=\"1\" cy=\"1\" r=\".45\"/>",
        "<path d=\"M0 1h2\"/>",
        "<path d=\"M1 0v2\"/>",
        "<path d=\"M0 0l2 2M2 0L0 2\" stroke-width=\".3\"/>",
        "<path d=\"M-.5 1.5l1 1M0 0l2 2M1.5-.5l1 1\"/>",
        "<path d=\"M0 1h2M1 0v2\" stroke-width=\".3\"/>",
        "<circle cx=\"1\" cy=\"1\" r=\".7\"/>",
        "<path d=\"M0 .5h1M1 1.5h1\"/>",
        "<path d=\"M0 0h1v1H0zM1 1h1v1H1z\" stroke=\"none\"/>",
        "<circle cx=\"1\" cy=\"1\" r=\".55\" fill=\"none\" stroke-width=\".3\"/>",
    ]

    /// The patterns of series 1...`count` (and "Other" when `hasOther`), in an SVG of no size.
    static func patterns(count: Int, hasOther: Bool) -> String {
        var svg = "<svg class=\"usage-patterns\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>"
        for series in 1...max(1, min(count, UsagePeriod.maximumSeries)) where count > 0 {
            svg += "<pattern id=\"up\(series)\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\">"
            svg += "<rect class=\"chart-\(series)\"/>"  // 2 × 2 from CSS (.usage-patterns rect)
            let mark = marks[series - 1]
            if !mark.isEmpty { svg += "<g class=\"usage-mark\">" + mark + "</g>" }
            svg += "</pattern>"
        }
        if hasOther {
            svg += "<pattern id=\"up\(otherSeries)\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\"><rect " +
                "class=\"chart-other\"/></pattern>"
        }
        return svg + "</defs></svg>"
    }

    /// A square of the series' pattern, for a table row or a legend.
    static func swatch(_ series: Int) -> String {
        "<svg class=\"usage-swatch\" viewBox=\"0 0 4 4\" aria-hidden=\"true\"><rect width=\"4\" height=\"4\" " +
            "fill=\"\(paint(series))\"/></svg>"
    }

    /// A donut of the parts' shares, starting at 12 o'clock and going clockwise. The ring is a
    /// circle of circumference 100 (r = 100 / 2π), so each part is a dash as long as its
    /// percentage: no trigonometry.
    static func donut(_ slices: [Slice], id: String, title: String) -> String {
        let total = slices.reduce(Int128(0)) { $0 + Int128(max($1.amount.micros, 0)) }
        var svg = "<svg class=\"usage-donut\" viewBox=\"0 0 42 42\" width=\"168\" height=\"168\" role=\"group\" " +
            "aria-labelledby=\"\(id)-title\">"
        svg += "<title id=\"\(id)-title\">\(title.htmlEscaped)</title>"
        svg += "<g fill=\"none\" stroke-width=\"6\"><circle class=\"usage-donut__track\" cx=\"21\" cy=\"21\" r=\"15.9155\" " +
            "stroke=\"currentColor\"/>"
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
                svg += "<circle cx=\"21\" cy=\"21\" r=\"15.9155\" stroke=\"\(paint(slice.series))\""
                svg += " stroke-dasharray=\"\(hundredths(length)) \(hundredths(10_000 - length))\" " +
                    "stroke-dashoffset=\"\(hundredths(2_500 - start))\">"
                svg += "<title>\(slice.label.htmlEscaped)</title></circle>"
            }
            start = end
        }
        return svg + "</g></svg>"
    }

    /// One day of the daily chart: its spend per series (nil after `asOf`) and its label.
    struct Day {
        var parts: [Money]?
        var label: String
    }

    /// One bar per day of the billing period, stacked by series in the order given (the first
    /// series at the bottom). Days after `asOf` are a faint stub (the period is not over); `pace`,
    /// when given, is a dashed line at the daily spend that would use exactly the limit. The value
    /// axis runs from 0 to `axisMaximum` (its labels are HTML beside the chart: the SVG stretches
    /// to its box, `preserveAspectRatio="none"`, which would distort text); gridlines at quarters.
    static func dailyBars(_ days: [Day], series: [Int], axisMaximum: Money, pace: Money?, id: String, title: String,
        summary: String) -> String {
        let width = max(days.count, 1) * 10
        let top = Int128(max(axisMaximum.micros, 1))
        func y(_ micros: Int128) -> Int { Int(micros * 1_000 / top) }  // tenths of the 100-unit height: 0.14 px
        var svg = "<svg class=\"usage-daily\" viewBox=\"0 0 \(width) 100\" preserveAspectRatio=\"none\" role=\"group\" " +
            "aria-labelledby=\"\(id)-title \(id)-desc\">"
        svg += "<title id=\"\(id)-title\">\(title.htmlEscaped)</title><desc id=\"\(id)-desc\">\(summary.htmlEscaped)</desc>"
        svg += "<path class=\"usage-daily__grid\" d=\"M0 25H\(width)M0 50H\(width)M0 75H\(width)\" stroke=\"currentColor\" " +
            "vector-effect=\"non-scaling-stroke\"/>"
        // Each part is a stroke 8 units wide, from its bottom up: `M5 100V92.04`.
        var paths = [String](repeating: "", count: series.count)
        var future = "", hits = ""
        for (index, day) in days.enumerated() {
            let x = index * 10
            // Width and height come from CSS (.usage-daily__hits rect): the same for every day.
            hits += "<rect x=\"\(x)\"><title>\(day.label.htmlEscaped)</title></rect>"
            guard let parts = day.parts else {
                future += "M\(x + 5) 100V98"
                continue
            }
            var base: Int128 = 0
            var bottom = 1_000
            for (position, part) in parts.enumerated() where part.micros > 0 && bottom > 0 {
                base += Int128(part.micros)
                // A visible sliver for tiny parts; later parts start where it ends.
                let top = min(1_000 - y(base), bottom - 4)
                paths[position] += "M\(x + 5) \(tenths(bottom))V\(tenths(max(top, 0)))"
                bottom = max(top, 0)
            }
        }
        for (position, path) in paths.enumerated() where !path.isEmpty {
            svg += "<path d=\"\(path)\" stroke=\"\(paint(series[position]))\" stroke-width=\"8\"/>"
        }
        if !future.isEmpty { svg += "<path class=\"usage-daily__future\" d=\"\(future)\" stroke=\"currentColor\" stroke-width=\"8\"/>" }
        if let pace, pace.micros > 0, Int128(pace.micros) <= top {
            let level = tenths(1_000 - y(Int128(pace.micros)))
            svg += "<path class=\"usage-daily__pace\" d=\"M0 \(level)H\(width)\" stroke=\"currentColor\" stroke-width=\"1.5\" " +
                "stroke-dasharray=\"6 4\" vector-effect=\"non-scaling-stroke\"/>"
        }
        svg += "<path class=\"usage-daily__axis\" d=\"M0 100H\(width)\" stroke=\"currentColor\" vector-effect=\"non-scaling-stroke\"/>"
        return svg + "<g class=\"usage-daily__hits\">" + hits + "</g></svg>"
    }

    /// The top of a value axis with four equal steps of a round amount (1, 2, 2.5 or 5 times a
    /// power of ten minor units) at or above `highest`: `$40` over `$10` steps for a $37.12 day.
    static func axisStep(for highest: Money, in currency: Currency) -> Int64 {
        let unit = Currency.power(of: 10, Money.maximumFractionDigits - currency.exponent)
        let minor = highest.micros / unit + (highest.micros % unit > 0 ? 1 : 0)  // rounded up
        guard minor > 0 else { return Currency.power(of: 10, currency.exponent) }
        var magnitude: Int64 = 1
        while magnitude <= Int64.max / 100 {
            let steps = [magnitude, 2 * magnitude] + (magnitude >= 10 ? [magnitude / 2 * 5] : []) + [5 * magnitude]
            if let step = steps.sorted().first(where: { $0 * 4 >= minor }) { return step }
            magnitude *= 10
        }
        return magnitude
    }

    /// 1234 → "123.4", 5 → "0.5", 250 → "25"
    static func tenths(_ value: Int) -> String {
        value % 10 == 0 ? String(value / 10) : "\(value / 10).\(value.magnitude % 10)"
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
