import Foundation

/// One view of the Usage dialog: a billing period's figures grouped one way, the context of
/// `_partials/usage-period.mustache`. The current period grouped by service is written into the
/// page; every other view is a lazily loaded data file (`UsagePeriodFiles`).
extension UsagePresenter {
    func viewContext(_ period: UsagePeriod, grouping: UsageGrouping) -> UsageViewContext {
        let totals = period.totals
        var context = UsageViewContext(
            id: period.period.start.description,
            grouping: grouping.rawValue,
            groupTitle: grouping.title,
            groupName: grouping.title.lowercased(),
            isCurrent: period.isCurrent,
            period: periodContext(period),
            spend: format.money(totals.spend),
            spendExact: exactTitle(totals.spend),
            requests: format.integer(totals.requests),
            tokens: format.integer(totals.tokens),
            records: format.count(totals.records, "record", "records"),
            hasUsage: totals.records > 0,
            change: changeContext(period),
            hasPlans: !(summary.plans ?? []).isEmpty,
            hundredPercent: format.percent(tenths: 1000, fixed: true),
            hasPlan: summary.plan != nil,
            planName: summary.plan.map(\.name),
            hasLimit: summary.limit != nil,
            hasProjection: false,
            hasLaterRecords: false,
            asOf: summary.asOf?.description,
            breakdown: breakdownContext(period, grouping: grouping),
            daily: dailyContext(period, grouping: grouping),
            keys: keysContext(period, grouping: grouping))
        addLimit(period, to: &context)
        if period.isCurrent {
            addProjection(to: &context)
            if summary.recordsAfterAsOf > 0 {
                context.hasLaterRecords = true
                context.laterRecords = format.count(summary.recordsAfterAsOf, "record", "records")
            }
        }
        return context
    }

    /// The exact amount, when rounding to the minor unit changed it: a cell's `title`.
    func exactTitle(_ amount: Money) -> String? {
        currency.money(minorUnits: currency.minorUnits(amount)) == amount ? nil : format.exact(amount)
    }

    /// `2026-11-01 to 2026-11-30`
    static func label(_ period: BillingPeriod) -> String { "\(period.start) to \(period.lastDay)" }

    private func periodContext(_ period: UsagePeriod) -> UsageViewContext.Period {
        let p = period.period
        var context = UsageViewContext.Period(
            start: p.start.description,
            lastDay: p.lastDay.description,
            end: p.end.description,
            through: period.through.description,
            label: UsagePresenter.label(p),
            length: p.length,
            lengthText: format.count(p.length, "day", "days"))
        if period.isCurrent {
            let left = p.daysLeft(asOf: period.through)
            let elapsed = p.daysElapsed(asOf: period.through)
            context.daysElapsed = elapsed
            context.daysLeft = left
            context.daysLeftText = left == 0 ? "Last day" : format.count(left, "day", "days") + " left"
            context.dayOfPeriod = "Day \(format.integer(elapsed)) of \(format.integer(p.length))"
        }
        return context
    }

    /// The plan's limit against this period's spend: the bar, its state, what is left or over.
    private func addLimit(_ period: UsagePeriod, to context: inout UsageViewContext) {
        guard let limit = summary.limit else { return }
        let spend = period.totals.spend
        let status = UsageSummary.status(of: spend, limit: limit)
        context.limit = format.money(limit)
        context.status = status.rawValue
        context.statusOK = status == .ok
        context.statusWarning = status == .warning
        context.statusExceeded = status == .exceeded
        if let tenths = UsageSummary.percentTenths(of: spend, limit: limit) {
            context.hasPercent = true
            context.percent = format.percent(tenths: tenths)
            // <progress> clamps to max; the text says how far over it is.
            context.progressValue = UsageCharts.hundredths(min(tenths, 1000) * 10)
        } else {
            context.hasPercent = false
            context.percent = "—"
            context.progressValue = spend.micros > 0 ? "100" : "0"
        }
        let over = format.money(spend - limit)
        switch status {
        case .ok: context.statusText = "Within limit"
        case .warning: context.statusText = "Warning: \(format.percent(tenths: 800)) of the limit reached"
        case .exceeded: context.statusText = spend > limit ? "Over the limit by \(over)" : "Limit reached"
        }
        let plan = summary.plan.map { "the \($0.name) plan's monthly limit" } ?? "the monthly limit"
        context.remaining = spend > limit ? "\(over) over \(plan)." : "\(format.money(limit - spend)) left of \(plan)."
        context.thresholds = "Warning at \(format.percent(tenths: 800)), limit at \(format.percent(tenths: 1000))."
    }

    private func addProjection(to context: inout UsageViewContext) {
        guard let projection = summary.projection, summary.daysElapsed > 0 else { return }
        context.hasProjection = true
        context.projection = format.money(projection)
        context.dailyRate = summary.dailyRate.map { format.money($0) } ?? ""
        context.projectionOverLimit = summary.limit.map { projection > $0 } ?? false
        context.limitReachedDay = summary.limitReachedDay.map(\.description)
    }

    /// The change against the period before: like for like, so the current period (not over yet)
    /// is compared with the same number of days of the previous one.
    private func changeContext(_ period: UsagePeriod) -> UsageViewContext.Change {
        let previous = period.period.previous
        let days = period.isCurrent ? period.daysCounted : previous.length
        let earlier = summary.period(before: period)
        let base = earlier.map { $0.spend(firstDays: days) } ?? .zero
        let span = period.isCurrent && days < previous.length
            ? "the same \(format.count(days, "day", "days")) of the previous period"
            : "the previous period"
        let through = period.isCurrent && days < previous.length ? previous.start.adding(days: days - 1) : previous.lastDay
        let range = "\(previous.start) to \(through)"
        guard let tenths = UsageSummary.changeTenths(from: base, to: period.totals.spend) else {
            return UsageViewContext.Change(headline: "—", detail: "No usage in \(span) (\(range)) to compare with", direction: "none")
        }
        let difference = currency.minorUnits(period.totals.spend) - currency.minorUnits(base)
        return UsageViewContext.Change(
            headline: (tenths > 0 ? "+" : "") + format.percent(tenths: tenths, fixed: true),
            detail: "\(format.signedMoney(minorUnits: difference)) against \(span) (\(range): \(format.money(base)))",
            direction: tenths > 0 ? "up" : tenths < 0 ? "down" : "same")
    }
}
