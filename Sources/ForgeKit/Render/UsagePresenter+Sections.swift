import Foundation

/// A view's sections: the breakdown (donut and table), the daily chart and the spend by key.
extension UsagePresenter {
    /// The series number (1...12, or 13 for Other) of each line of `period`'s `grouping`.
    func seriesNumbers(_ period: UsagePeriod, _ grouping: UsageGrouping) -> (lines: [Int], series: [UsagePeriod.Series], numbers: [Int]) {
        let series = period.series[grouping] ?? []
        var byLine = [Int](repeating: UsageCharts.otherSeries, count: period.lines(grouping).count)
        var numbers: [Int] = []
        for (position, item) in series.enumerated() {
            let number = item.line == nil ? UsageCharts.otherSeries : position + 1
            numbers.append(number)
            if let line = item.line { byLine[line] = number }
        }
        return (byLine, series, numbers)
    }

    /// What a line is called: the service, the model or "No model", the key's name or "No key".
    func name(of line: UsageSummary.Line, _ grouping: UsageGrouping) -> String {
        line.id == nil ? grouping.noneName : line.name
    }

    /// A table's lines, the way both the breakdown and the keys table show them: each line's
    /// spend rounded to the minor unit and apportioned so the parts add up to the total shown,
    /// its share in tenths of a percent likewise, and the exact amount where rounding changed it.
    struct LineFigures {
        var name: String
        var isNone: Bool
        var cents: Int64
        var spend: String
        var exact: String?
        var shareTenths: Int
        var share: String
        var requests: String
    }

    func lineFigures(_ lines: [UsageSummary.Line], _ grouping: UsageGrouping) -> [LineFigures] {
        let cents = UsageSummary.allocate(lines.map(\.spend), in: currency)
        let shares = UsageSummary.sharesInTenths(lines.map(\.spend))
        return lines.enumerated().map { index, line in
            LineFigures(name: name(of: line, grouping), isNone: line.id == nil, cents: cents[index],
                        spend: format.money(minorUnits: cents[index]),
                        exact: currency.money(minorUnits: cents[index]) != line.spend ? format.exact(line.spend) : nil,
                        shareTenths: shares[index], share: format.percent(tenths: shares[index], fixed: true),
                        requests: format.integer(line.requests))
        }
    }

    func breakdownContext(_ period: UsagePeriod, grouping: UsageGrouping) -> UsageViewContext.Breakdown {
        let lines = period.lines(grouping)
        let figures = lineFigures(lines, grouping)
        let (lineSeries, series, numbers) = seriesNumbers(period, grouping)
        let rows = figures.enumerated().map { index, line in
            UsageViewContext.Breakdown.Row(name: line.name, isNone: line.isNone, spend: line.spend, exact: line.exact, share: line.share,
                                           requests: line.requests, swatch: UsageCharts.swatch(lineSeries[index]))
        }
        // Chart labels use the same apportioned figures as the table.
        var slices: [UsageCharts.Slice] = []
        for (position, item) in series.enumerated() {
            let members = item.line.map { [$0] } ?? lines.indices.filter { lineSeries[$0] == UsageCharts.otherSeries }
            let shown = members.reduce(Int64(0)) { $0 + figures[$1].cents }
            let share = members.reduce(0) { $0 + figures[$1].shareTenths }
            let label = item.line.map { figures[$0].name } ?? "\(format.integer(item.lineCount)) other \(grouping.plural)"
            slices.append(UsageCharts.Slice(label: "\(label): \(format.money(minorUnits: shown)) " +
                "(\(format.percent(tenths: share, fixed: true)))",
                                            amount: item.spend, series: numbers[position]))
        }
        let range = "\(period.period.start) to \(period.through)"
        let title = "Spend by \(grouping.title.lowercased()), \(range) (UTC): " + slices.map(\.label).joined(separator: "; ")
        return UsageViewContext.Breakdown(
            hasRows: !rows.isEmpty,
            rows: rows,
            total: format.money(period.totals.spend),
            totalExact: exactTitle(period.totals.spend),
            totalRequests: format.integer(period.totals.requests),
            chart: rows.isEmpty ? "" : UsageCharts.donut(slices, id: "usage-breakdown-chart", title: title),
            patterns: UsageCharts.patterns(count: series.filter { $0.line != nil }.count, hasOther: series.contains { $0.line == nil }),
            hasOther: series.contains { $0.line == nil },
            otherCount: series.first { $0.line == nil }.map { format.integer($0.lineCount) } ?? "",
            range: range)
    }

    func dailyContext(_ period: UsagePeriod, grouping: UsageGrouping) -> UsageViewContext.Daily {
        let p = period.period
        let cents = UsageSummary.allocate(period.daily, in: currency)
        let numbers = seriesNumbers(period, grouping).numbers
        let perDay = period.dailySeries[grouping] ?? []
        var days: [UsageCharts.Day] = []
        var rows: [UsageViewContext.Daily.Row] = []
        var highest: (day: Day, cents: Int64, micros: Int64)?
        for offset in 0..<p.length {
            let day = p.start.adding(days: offset)
            guard offset < period.daysCounted else {
                days.append(UsageCharts.Day(parts: nil, label: "\(day): not yet"))
                continue
            }
            let amount = period.daily[offset]
            let text = format.money(minorUnits: cents[offset])
            rows.append(UsageViewContext.Daily.Row(day: day.description, spend: text,
                                                   exact: currency.money(minorUnits: cents[offset]) != amount ? format.exact(amount) : nil))
            let parts = offset < perDay.count ? perDay[offset] : []
            days.append(UsageCharts.Day(parts: parts, label: "\(day): \(text)"))
            if amount.micros > (highest?.micros ?? 0) { highest = (day, cents[offset], amount.micros) }
        }
        let pace = summary.limit.map { Money(micros: $0.micros / Int64(p.length)) }
        let top = max(highest?.micros ?? 0, pace?.micros ?? 0)
        let step = UsageCharts.axisStep(for: Money(micros: top), in: currency)
        // In micro-units, clamped: four steps of a day near Int64's end must not trap.
        let unit = Int128(Currency.power(of: 10, Money.maximumFractionDigits - currency.exponent))
        let axisMaximum = Money(micros: Int64(clamping: Int128(step) * 4 * unit))
        var description = highest.map { "Highest day: \($0.day), \(format.money(minorUnits: $0.cents))." } ?? "No spend in this period."
        let rate = period.daysCounted > 0 ? Money(micros: period.totals.spend.micros / Int64(period.daysCounted)) : nil
        if let rate { description += " Average \(format.money(rate)) per day." }
        if let pace { description += " Even pace for the limit: \(format.money(pace)) per day." }
        let title = "Daily spend by \(grouping.title.lowercased()), \(p.start) to \(p.lastDay) (UTC)"
        return UsageViewContext.Daily(
            hasChart: true,
            chart: UsageCharts.dailyBars(days, series: numbers, axisMaximum: axisMaximum, pace: pace,
                                         id: "usage-daily-chart", title: title, summary: description),
            axis: (0...4).reversed().map { UsageViewContext.Daily.AxisLabel(label: format.roundMoney(minorUnits: step * Int64($0))) },
            axisTitle: "\(currency.code) per day",
            summary: description,
            first: p.start.description,
            last: p.lastDay.description,
            rows: rows,
            total: format.money(period.totals.spend),
            totalExact: exactTitle(period.totals.spend),
            highest: highest.map { format.money(minorUnits: $0.cents) },
            hasPace: pace != nil,
            pace: pace.map { format.money($0) })
    }

    /// Spend by key, with each key's own budget (`monthly_limit`) where it has one. Grouped by key,
    /// the breakdown already shows the spend: the section is then only for the budgets.
    func keysContext(_ period: UsagePeriod, grouping: UsageGrouping) -> UsageViewContext.Keys {
        let lines = period.lines(.key)
        let rows = zip(lines, lineFigures(lines, .key)).map { line, figures in
            UsageViewContext.Keys.Row(name: figures.name, isNoKey: figures.isNone, spend: figures.spend, exact: figures.exact,
                                      share: figures.share, requests: figures.requests,
                                      budget: line.id.flatMap { budget(of: $0, spend: line.spend) })
        }
        let hasBudgets = rows.contains { $0.budget != nil }
        return UsageViewContext.Keys(hasRows: !rows.isEmpty && (grouping != .key || hasBudgets), rows: rows, hasBudgets: hasBudgets,
                                     title: grouping == .key ? "Key budgets" : "Spend by key",
                                     total: format.money(period.totals.spend), totalRequests: format.integer(period.totals.requests))
    }

    /// A key's budget figures for `spend`: the bar (value, state) and its words; nil without one.
    func budget(of keyID: String, spend: Money) -> UsageViewContext.Budget? {
        guard let limit = keyBudgets[keyID] else { return nil }
        let status = UsageSummary.status(of: spend, limit: limit)
        let tenths = UsageSummary.percentTenths(of: spend, limit: limit)
        let name = keyNames[keyID] ?? keyID
        let percent = tenths.map { format.percent(tenths: $0) } ?? "—"
        // The state in words too, not only in the bar's colour.
        let text: String
        switch status {
        case .ok: text = "\(percent) of \(format.money(limit))"
        case .warning: text = "\(percent) of \(format.money(limit)), past \(format.percent(tenths: 800))"
        case .exceeded: text = spend > limit
            ? "\(format.money(spend - limit)) over \(format.money(limit))" : "\(format.money(limit)) reached"
        }
        return UsageViewContext.Budget(
            limit: format.money(limit),
            status: status.rawValue,
            value: tenths.map { UsageCharts.hundredths(min($0, 1000) * 10) } ?? (spend.micros > 0 ? "100" : "0"),
            text: text,
            label: "\(name): \(text) budget")
    }
}
