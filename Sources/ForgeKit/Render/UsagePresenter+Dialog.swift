import Foundation

/// The parts of the Usage dialog outside the period view: the period and grouping controls, the
/// Periods table (the invoice history), the history's first page, and the plans.
extension UsagePresenter {
    var controlsContext: UsageDialogContext.Controls {
        let periods = summary.periods.map { period in
            UsageDialogContext.Controls.Choice(value: period.period.start.description,
                                               label: UsagePresenter.label(period.period) + (period.isCurrent ? " (current)" : ""),
                                               isCurrent: period.isCurrent)
        }
        let groupings = groupings.map { UsageDialogContext.Controls.Grouping(value: $0.rawValue, title: $0.title,
            isDefault: $0 == .service) }
        return UsageDialogContext.Controls(periods: periods, groupings: groupings, hasChoice: periods.count > 1 || groupings.count > 1)
    }

    /// One row per period, newest first: total, limit, % of limit, overrun.
    var periodsTableContext: UsageDialogContext.PeriodsTable {
        let limit = summary.limit
        let rows = summary.periods.map { period in
            let spend = period.totals.spend
            var row = UsageDialogContext.PeriodsTable.Row(
                start: period.period.start.description,
                label: UsagePresenter.label(period.period),
                isCurrent: period.isCurrent,
                through: period.through.description,
                total: format.money(spend),
                exact: exactTitle(spend),
                records: format.integer(period.totals.records))
            if let limit {
                let status = UsageSummary.status(of: spend, limit: limit)
                row.limit = format.money(limit)
                row.percent = UsageSummary.percentTenths(of: spend, limit: limit).map { format.percent(tenths: $0, fixed: true) } ?? "—"
                row.overrun = spend > limit ? format.money(spend - limit) + " over" : "—"
                row.isOver = spend > limit
                row.status = status.rawValue
            }
            return row
        }
        return UsageDialogContext.PeriodsTable(rows: rows, hasLimit: limit != nil, count: format.count(rows.count, "period", "periods"))
    }

    var historyContext: UsageDialogContext.History {
        typealias Option = UsageDialogContext.History.Option
        let serviceIndex = Dictionary(uniqueKeysWithValues: history.services.enumerated().map { ($1, $0) })
        let rows = history.leading.map { record in
            let keyID = table.keyID(record)
            return UsageDialogContext.History.Row(
                date: record.day.description,
                service: table.serviceName(record),
                model: table.modelName(record) ?? "—",
                key: keyID.map { keyNames[$0] ?? $0 } ?? "No key",
                isNoKey: keyID == nil,
                requests: format.integer(record.requests),
                tokens: record.tokens >= 0 ? format.integer(record.tokens) : "—",
                cost: format.money(record.cost),
                exact: exactTitle(record.cost))
        }
        let count = history.count
        let pages = max(1, (count + UsagePresenter.pageSize - 1) / UsagePresenter.pageSize)
        var keys = history.keyIDs.enumerated().map { Option(value: $0, name: keyNames[$1] ?? $1) }
        keys.sort { $0.name < $1.name }
        let records = format.count(count, "record", "records")
        return UsageDialogContext.History(
            hasRows: count > 0,
            rows: rows,
            count: count,
            countText: records,
            status: count <= rows.count
                ? "All \(records), newest first." : "The newest \(format.integer(rows.count)) of \(records), newest first.",
            pageText: "Page 1 of \(format.integer(pages))",
            isPaged: pages > 1,
            total: format.money(summary.history.spend),
            totalExact: exactTitle(summary.history.spend),
            requests: format.integer(summary.history.requests),
            tokens: format.integer(summary.history.tokens),
            services: history.services.map { Option(value: serviceIndex[$0] ?? 0, name: $0) },
            keys: keys,
            models: history.models.enumerated().map { Option(value: $0, name: $1) },
            hasModels: hasModels,
            hasNoKey: history.hasRowsWithoutKey,
            hasNoModel: history.hasRowsWithoutModel,
            newest: summary.history.lastDay?.description ?? "",
            oldest: summary.history.firstDay?.description ?? "")
    }

    var plansContext: UsageDialogContext.Plans {
        guard let plans = summary.plans, !plans.isEmpty else { return UsageDialogContext.Plans(hasPlans: false) }
        let current = summary.plan
        // When the projection outgrows the current limit, point at the smallest plan that fits it.
        var recommended: String?
        if let projection = summary.projection, let limit = summary.limit, projection > limit {
            recommended = plans.filter { $0.monthlyLimit >= projection }.min { $0.monthlyLimit < $1.monthlyLimit }?.id
        }
        let list = plans.map { plan in
            let isCurrent = plan.id == current?.id
            let verb: String
            if let current { verb = plan.monthlyLimit > current.monthlyLimit ? "Upgrade to" : "Switch to" } else { verb = "Choose" }
            return UsageDialogContext.Plans.Plan(
                id: plan.id,
                name: plan.name,
                limit: format.money(plan.monthlyLimit),
                price: plan.price.micros == 0 ? "Free" : format.money(plan.price),
                isFree: plan.price.micros == 0,
                features: plan.features,
                hasFeatures: !plan.features.isEmpty,
                isCurrent: isCurrent,
                isRecommended: plan.id == recommended,
                action: "\(verb) \(plan.name)",
                hasURL: !isCurrent && plan.upgradeURL != nil,
                url: plan.upgradeURL)
        }
        return UsageDialogContext.Plans(hasPlans: true, list: list, hasCurrent: current != nil)
    }
}
