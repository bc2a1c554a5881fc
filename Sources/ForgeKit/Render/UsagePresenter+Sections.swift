/// The Usage dialog's sections: breakdowns, daily chart, history's first page, plans.
extension UsagePresenter {
    /// Service rows beyond the fifth share one "Other" slice in the chart (six colours).
    static let chartSlices = 6

    var breakdownContext: [String: Any] {
        let lines = summary.services
        let cents = UsageSummary.allocate(lines.map(\.spend), in: currency)
        let shares = UsageSummary.sharesInTenths(lines.map(\.spend))
        let grouped = lines.count > UsagePresenter.chartSlices
        var rows: [[String: Any]] = []
        for (index, line) in lines.enumerated() {
            rows.append([
                "name": line.name,
                "spend": currency.format(minorUnits: cents[index]),
                "share": UsagePresenter.percent(tenths: shares[index]),
                "requests": UsagePresenter.integer(line.requests),
                "color": min(index + 1, UsagePresenter.chartSlices),
            ])
        }
        var slices: [UsageCharts.Slice] = []
        for (index, line) in lines.enumerated() where !grouped || index < UsagePresenter.chartSlices - 1 {
            slices.append(UsageCharts.Slice(label: "\(line.name): \(currency.format(minorUnits: cents[index])) (\(UsagePresenter.percent(tenths: shares[index])))",
                                            amount: line.spend, color: index + 1))
        }
        if grouped {
            let rest = lines.dropFirst(UsagePresenter.chartSlices - 1)
            let restCents = cents.dropFirst(UsagePresenter.chartSlices - 1).reduce(0, +)
            let restShare = shares.dropFirst(UsagePresenter.chartSlices - 1).reduce(0, +)
            let amount = rest.reduce(Money.zero) { $0 + $1.spend }  // parts of a checked total: no overflow
            slices.append(UsageCharts.Slice(label: "\(rest.count) other services: \(currency.format(minorUnits: restCents)) (\(UsagePresenter.percent(tenths: restShare)))",
                                            amount: amount, color: UsagePresenter.chartSlices))
        }
        let period = summary.period.map { "\($0.start) to \(summary.asOf?.description ?? $0.lastDay.description)" } ?? ""
        let title = "Spend by service, \(period) (UTC): " + slices.map(\.label).joined(separator: "; ")
        return [
            "hasRows": !rows.isEmpty,
            "rows": rows,
            "total": currency.format(summary.current.spend),
            "totalRequests": UsagePresenter.integer(summary.current.requests),
            "chart": rows.isEmpty ? "" : UsageCharts.donut(slices, id: "usage-breakdown-chart", title: title),
            "hasOther": grouped,
        ]
    }

    var keysContext: [String: Any] {
        let lines = summary.keys
        let cents = UsageSummary.allocate(lines.map(\.spend), in: currency)
        let shares = UsageSummary.sharesInTenths(lines.map(\.spend))
        let rows: [[String: Any]] = lines.enumerated().map { index, line in
            [
                "name": line.id == nil ? "No key" : line.name,
                "isNoKey": line.id == nil,
                "spend": currency.format(minorUnits: cents[index]),
                "share": UsagePresenter.percent(tenths: shares[index]),
                "requests": UsagePresenter.integer(line.requests),
            ]
        }
        return ["hasRows": !rows.isEmpty, "rows": rows, "total": currency.format(summary.current.spend),
                "totalRequests": UsagePresenter.integer(summary.current.requests)]
    }

    var dailyContext: [String: Any] {
        guard let period = summary.period, summary.asOf != nil else { return ["hasChart": false] }
        let cents = UsageSummary.allocate(summary.daily, in: currency)
        var days: [Money?] = []
        var rows: [[String: Any]] = []
        var highest: (day: Day, cents: Int64, micros: Int64)?
        for offset in 0..<period.length {
            let day = period.start.adding(days: offset)
            guard offset < summary.daily.count else {
                days.append(nil)
                continue
            }
            let amount = summary.daily[offset]
            let text = currency.format(minorUnits: cents[offset])
            days.append(amount)
            rows.append(["day": day.description, "spend": text])
            if amount.micros > (highest?.micros ?? 0) { highest = (day, cents[offset], amount.micros) }
        }
        let pace = summary.limit.map { limit in Money(micros: limit.micros / Int64(period.length)) }
        var description = highest.map { "Highest day: \($0.day), \(currency.format(minorUnits: $0.cents))." } ?? "No spend yet this period."
        if let rate = summary.dailyRate { description += " Average \(currency.format(rate)) per day." }
        if let pace, summary.limit != nil { description += " Even pace for the limit: \(currency.format(pace)) per day." }
        let title = "Daily spend, \(period.start) to \(period.lastDay) (UTC)"
        var context: [String: Any] = [
            "hasChart": true,
            "chart": UsageCharts.dailyBars(days, pace: pace, id: "usage-daily-chart", title: title, summary: description),
            "summary": description,
            "first": period.start.description,
            "last": period.lastDay.description,
            "rows": rows,
            "total": currency.format(summary.current.spend),
            "hasPace": pace != nil,
        ]
        context["highest"] = highest.map { currency.format(minorUnits: $0.cents) }.orTemplateNull
        context["pace"] = pace.map { currency.format($0) }.orTemplateNull
        return context
    }

    var historyContext: [String: Any] {
        let serviceIndex = Dictionary(uniqueKeysWithValues: history.services.enumerated().map { ($1, $0) })
        let rows: [[String: Any]] = history.leading.map { record in
            let keyID = table.keyID(record)
            return [
                "date": record.day.description,
                "service": table.serviceName(record),
                "key": keyID.map { keyNames[$0] ?? $0 } ?? "No key",
                "isNoKey": keyID == nil,
                "requests": UsagePresenter.integer(record.requests),
                "tokens": record.tokens >= 0 ? UsagePresenter.integer(record.tokens) : "—",
                "cost": UsagePresenter.exact(record.cost, in: currency),
            ]
        }
        let count = history.count
        let pages = max(1, (count + UsagePresenter.pageSize - 1) / UsagePresenter.pageSize)
        let services: [[String: Any]] = history.services.map { ["value": serviceIndex[$0] ?? 0, "name": $0] }
        var keys: [[String: Any]] = history.keyIDs.enumerated().map { ["value": $0, "name": keyNames[$1] ?? $1] }
        keys.sort { ($0["name"] as? String ?? "") < ($1["name"] as? String ?? "") }
        return [
            "hasRows": count > 0,
            "rows": rows,
            "count": count,
            "countText": UsagePresenter.count(count, "record", "records"),
            "status": count <= rows.count
                ? "All \(UsagePresenter.count(count, "record", "records")), newest first."
                : "The newest \(UsagePresenter.integer(rows.count)) of \(UsagePresenter.count(count, "record", "records")), newest first.",
            "pageText": "Page 1 of \(UsagePresenter.integer(pages))",
            "isPaged": pages > 1,
            "total": UsagePresenter.exact(summary.history.spend, in: currency),
            "requests": UsagePresenter.integer(summary.history.requests),
            "tokens": UsagePresenter.integer(summary.history.tokens),
            "services": services,
            "keys": keys,
            "hasNoKey": history.hasRowsWithoutKey,
            "newest": summary.history.lastDay?.description ?? "",
            "oldest": summary.history.firstDay?.description ?? "",
        ]
    }

    var plansContext: [String: Any] {
        guard let plans = summary.plans, !plans.isEmpty else { return ["hasPlans": false] }
        let current = summary.plan
        // When the projection outgrows the current limit, point at the smallest plan that fits it.
        var recommended: String?
        if let projection = summary.projection, let limit = summary.limit, projection > limit {
            recommended = plans.filter { $0.monthlyLimit >= projection }.min { $0.monthlyLimit < $1.monthlyLimit }?.id
        }
        let list: [[String: Any]] = plans.map { plan in
            let isCurrent = plan.id == current?.id
            let verb: String
            if let current { verb = plan.monthlyLimit > current.monthlyLimit ? "Upgrade to" : "Switch to" } else { verb = "Choose" }
            var item: [String: Any] = [
                "id": plan.id,
                "name": plan.name,
                "limit": currency.format(plan.monthlyLimit),
                "price": plan.price.micros == 0 ? "Free" : currency.format(plan.price),
                "isFree": plan.price.micros == 0,
                "features": plan.features,
                "hasFeatures": !plan.features.isEmpty,
                "isCurrent": isCurrent,
                "isRecommended": plan.id == recommended,
                "action": "\(verb) \(plan.name)",
                "hasURL": !isCurrent && plan.upgradeURL != nil,
            ]
            item["url"] = plan.upgradeURL.orTemplateNull
            return item
        }
        return ["hasPlans": true, "list": list, "hasCurrent": current != nil]
    }
}
