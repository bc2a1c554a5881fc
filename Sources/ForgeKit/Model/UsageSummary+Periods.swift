/// Every billing period's figures in two passes over the records: the first sums each period's
/// totals, lines and days with checked arithmetic; the second, once the lines are ranked, splits
/// each day by chart series. Both are linear in the records, whatever the number of periods.
extension UsageSummary {
    struct PeriodBuilder {
        let table: UsageTable
        let asOf: Day?
        let cycleDay: Int
        let keyNames: [String: String]
        private(set) var history = Totals()
        private(set) var after = 0
        /// Period start → index into `accumulators`.
        private var index: [Day: Int] = [:]
        private var accumulators: [Accumulator] = []
        private var last: (period: BillingPeriod, index: Int)?

        /// One period's sums while the records pass: lines by the table's own indexes (the last
        /// slot of models and keys is "none").
        struct Accumulator {
            var period: UsagePeriod
            var services: [Line]
            var models: [Line]
            var keys: [Line]
        }

        init(table: UsageTable, asOf: Day?, cycleDay: Int, keyNames: [String: String]) {
            self.table = table
            self.asOf = asOf
            self.cycleDay = cycleDay
            self.keyNames = keyNames
            if let asOf {
                // The current period exists even without records.
                _ = slot(for: asOf)
            }
        }

        /// The accumulator of the period holding `day` (made on first use). Records mostly come
        /// in date order, so the last period answers nearly every lookup.
        private mutating func slot(for day: Day) -> Int {
            if let last, last.period.contains(day) { return last.index }
            let period = BillingPeriod(containing: day, cycleDay: cycleDay)
            if let known = index[period.start] {
                last = (period, known)
                return known
            }
            let isCurrent = asOf.map { period.contains($0) } ?? false
            let through = isCurrent ? (asOf ?? period.lastDay) : period.lastDay
            let empty = { (id: String?, name: String) in Line(id: id, name: name, spend: .zero, requests: 0, tokens: 0, records: 0) }
            accumulators.append(Accumulator(
                period: UsagePeriod(period: period, through: through, isCurrent: isCurrent),
                services: table.services.map { empty($0, $0) },
                models: table.models.map { empty($0, $0) } + [empty(nil, "")],
                keys: table.keyIDs.map { empty($0, keyNames[$0] ?? $0) } + [empty(nil, "")]))
            index[period.start] = accumulators.count - 1
            last = (period, accumulators.count - 1)
            return accumulators.count - 1
        }

        /// The first pass: totals, lines and days of every period.
        mutating func sum() throws(OverflowError) {
            guard let asOf else {
                after = table.records.count
                return
            }
            let noModel = table.models.count, noKey = table.keyIDs.count
            for record in table.records {
                guard record.day <= asOf else {
                    after += 1
                    continue
                }
                try history.add(record)
                let p = slot(for: record.day)
                try accumulators[p].period.totals.add(record)
                try accumulators[p].services[Int(record.service)].add(record)
                try accumulators[p].models[record.model < 0 ? noModel : Int(record.model)].add(record)
                try accumulators[p].keys[record.key < 0 ? noKey : Int(record.key)].add(record)
                let day = accumulators[p].period.period.start.distance(to: record.day)
                accumulators[p].period.daily[day] = try UsageSummary.sum(accumulators[p].period.daily[day], record.cost)
            }
        }

        /// Ranks the lines, splits the days by series (the second pass), and returns the current
        /// period and every earlier one with records, newest first.
        mutating func finish() -> [UsagePeriod] {
            guard let asOf else { return [] }
            // Per period and grouping: the table's slot → chart series (-1: none).
            var slotSeries: [(service: [Int], model: [Int], key: [Int])] = []
            for p in accumulators.indices {
                var map: [UsageGrouping: [Int]] = [:]
                for grouping in UsageGrouping.allCases {
                    let slots = slots(accumulators[p], grouping)
                    let used = slots.indices.filter { slots[$0].records > 0 }
                    let named = UsageSummary.ranked(used.filter { slots[$0].id != nil }.map { slots[$0] })
                    let lines = named + used.filter { slots[$0].id == nil }.map { slots[$0] }
                    let (series, lineToSeries) = UsagePeriod.series(of: lines)
                    // The line of each used slot, by id (ids are unique within a grouping; nil once).
                    var lineOf: [String?: Int] = [:]
                    for (position, line) in lines.enumerated() { lineOf[line.id] = position }
                    map[grouping] = slots.map { slot in slot.records > 0 ? lineOf[slot.id].map { lineToSeries[$0] } ?? -1 : -1 }
                    accumulators[p].period.lines[grouping] = lines
                    accumulators[p].period.series[grouping] = series
                    accumulators[p].period.dailySeries[grouping] = Array(
                        repeating: Array(repeating: Money.zero, count: series.count), count: accumulators[p].period.daysCounted)
                }
                slotSeries.append((map[.service] ?? [], map[.model] ?? [], map[.key] ?? []))
            }
            let noModel = table.models.count, noKey = table.keyIDs.count
            for record in table.records where record.day <= asOf {
                let p = slot(for: record.day)
                let day = accumulators[p].period.period.start.distance(to: record.day)
                // Parts of a checked day total: no overflow.
                let service = slotSeries[p].service[Int(record.service)]
                let model = slotSeries[p].model[record.model < 0 ? noModel : Int(record.model)]
                let key = slotSeries[p].key[record.key < 0 ? noKey : Int(record.key)]
                if service >= 0 { accumulators[p].period.dailySeries[.service]?[day][service] += record.cost }
                if model >= 0 { accumulators[p].period.dailySeries[.model]?[day][model] += record.cost }
                if key >= 0 { accumulators[p].period.dailySeries[.key]?[day][key] += record.cost }
            }
            let current = accumulators.first { $0.period.isCurrent }.map(\.period)
            let past = accumulators.filter { !$0.period.isCurrent && $0.period.totals.records > 0 }
                .map(\.period).sorted { $0.period.start > $1.period.start }
            return (current.map { [$0] } ?? []) + past
        }

        private func slots(_ accumulator: Accumulator, _ grouping: UsageGrouping) -> [Line] {
            switch grouping {
            case .service: accumulator.services
            case .model: accumulator.models
            case .key: accumulator.keys
            }
        }
    }
}
