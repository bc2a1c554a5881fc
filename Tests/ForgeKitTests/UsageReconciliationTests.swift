import Foundation
import Testing
@testable import ForgeKit

/// Random usage, reconciled: seeded generators make records, the test computes every figure on
/// its own (Decimal sums of the cost strings, periods from Foundation's Gregorian calendar in
/// UTC), and compares with what the built page says: the forge-usage JSON, the history chunk
/// files and the template's formatted figures. Deterministic: the same seeds every run.
@Suite struct UsageReconciliationTests {
    /// SplitMix64: small, fast, and the same sequence on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    }

    struct RawRecord {
        var date: String
        var service: String
        var key: String?
        var requests: Int64
        var tokens: Int64?
        var cost: String
    }

    static let services = ["Chat Completions", "Embeddings", "Image Generation", "Speech, to \"Text\"", "Fine-tuning", "Modération ✓",
                           "=HYPERLINK(1)", "Batch"]
    static let keys: [String?] = ["key_prod", "key_ci", "key_mobile", "key_unknown_to_yaml", nil]
    static let plans = UsageTestData.plans

    static func makeRecords(seed: UInt64, count: Int, around asOf: Date) -> [RawRecord] {
        var random = Generator(state: seed)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var records: [RawRecord] = []
        for _ in 0..<count {
            let offset = random.int(-420...20)
            let date = calendar.date(byAdding: .day, value: offset, to: asOf)!
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            // Costs with 0 to 6 decimals; many of the 0.1 / 0.2 / 0.3 kind that drift in binary.
            let cost: String
            switch random.int(0...3) {
            case 0: cost = random.pick(["0.1", "0.2", "0.3", "0.7", "1.1"])
            case 1: cost = "\(random.int(0...500)).\(String(format: "%02d", random.int(0...99)))"
            case 2: cost = "0.\(String(format: "%06d", random.int(0...999_999)))"
            default: cost = "\(random.int(0...99_999))"
            }
            records.append(RawRecord(date: text, service: random.pick(services), key: random.pick(keys),
                                     requests: Int64(random.int(0...100_000)),
                                     tokens: random.int(0...4) == 0 ? nil : Int64(random.int(0...9_000_000)), cost: cost))
        }
        return records
    }

    @Test(arguments: 1...12)
    func pageDataReconcilesWithTheRawRecords(seed: UInt64) throws {
        var random = Generator(state: seed &* 7919)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        // as_of between 2023 and 2029, so leap Februaries and year ends come up.
        let asOfDate = try #require(calendar.date(from: DateComponents(year: random.int(2023...2029), month: random.int(1...12), day: random.int(1...28))))
        let asOfParts = calendar.dateComponents([.year, .month, .day], from: asOfDate)
        let asOfText = String(format: "%04d-%02d-%02d", asOfParts.year!, asOfParts.month!, asOfParts.day!)
        let cycleDay = random.pick([1, 1, 2, 15, 27, 28, random.int(1...28)])
        let raw = UsageReconciliationTests.makeRecords(seed: seed, count: random.int(50...2_500), around: asOfDate)
        let planID = random.pick(["starter", "pro", "scale", nil])

        // What Forge computes.
        var table = UsageTable()
        for record in raw {
            table.append(day: try #require(Day(parsing: record.date)), service: record.service, keyID: record.key,
                         requests: record.requests, tokens: record.tokens, cost: try #require(Money(parsing: record.cost)))
        }
        var config = SiteConfig(title: "T", plan: planID, billingCycleDay: cycleDay)
        config.currency = Currency(code: "USD")
        let keys = [APIKey(id: "key_prod", name: "Production", start: "sk_ab12", end: "wx89", created: try #require(Day(parsing: "2020-01-01")),
                           location: SourceLocation(path: "keys.yaml"))]
        let presenter = try UsagePresenter(table: table, config: config, asOf: try #require(Day(parsing: asOfText)),
                                           plans: UsageReconciliationTests.plans, keys: keys, rowsPerChunk: 97)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONScript.encode(presenter.pageData).utf8)) as? [String: Any])

        // The period, independently: Foundation's calendar in UTC.
        var start = DateComponents(year: asOfParts.year, month: asOfParts.month, day: cycleDay)
        if asOfParts.day! < cycleDay { start.month! -= 1 }
        let startDate = try #require(calendar.date(from: start))
        let endDate = try #require(calendar.date(byAdding: .month, value: 1, to: startDate))
        func text(_ date: Date) -> String {
            let p = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!)
        }
        let period = try #require(json["period"] as? [String: Any])
        #expect(period["start"] as? String == text(startDate))
        #expect(period["end"] as? String == text(endDate))
        let length = try #require(calendar.dateComponents([.day], from: startDate, to: endDate).day)
        let elapsed = try #require(calendar.dateComponents([.day], from: startDate, to: asOfDate).day) + 1
        #expect(period["days"] as? Int == length)
        #expect(period["daysElapsed"] as? Int == elapsed)
        #expect(period["daysLeft"] as? Int == length - elapsed)

        // Expected sums: Decimal over the cost strings; ISO dates compare as strings.
        let startText = text(startDate)
        var current = Decimal(0), history = Decimal(0)
        var historyRequests: Int64 = 0, historyTokens: Int64 = 0, historyCount = 0
        var byService: [String: Decimal] = [:], byKey: [String: Decimal] = [:], byDay: [String: Decimal] = [:]
        for record in raw where record.date <= asOfText {
            let cost = try #require(Decimal(string: record.cost, locale: Locale(identifier: "en_US_POSIX")))
            history += cost
            historyRequests += record.requests
            historyTokens += record.tokens ?? 0
            historyCount += 1
            if record.date >= startText {
                current += cost
                byService[record.service, default: 0] += cost
                byKey[record.key ?? "", default: 0] += cost
                byDay[record.date, default: 0] += cost
            }
        }
        func micros(_ value: Decimal) -> String { NSDecimalNumber(decimal: value * 1_000_000).stringValue }
        let currentJSON = try #require(json["current"] as? [String: Any])
        #expect(currentJSON["spendMicros"] as? String == micros(current))
        #expect(currentJSON["spend"] as? String == UsageReconciliationTests.dollars(current))
        if let planID, let plan = UsageReconciliationTests.plans.first(where: { $0.id == planID }) {
            let limit = Decimal(plan.monthlyLimit.micros) / 1_000_000
            var tenths = current * 1000 / limit
            var floored = Decimal()
            NSDecimalRound(&floored, &tenths, 0, .down)
            #expect(currentJSON["percentTenths"] as? Int == NSDecimalNumber(decimal: floored).intValue)
            let status = current >= limit ? "exceeded" : current * 5 >= limit * 4 ? "warning" : "ok"
            #expect(currentJSON["status"] as? String == status)
        } else {
            #expect(currentJSON["percentTenths"] is NSNull && currentJSON["status"] is NSNull)
        }

        // The history manifest and every chunk file.
        let manifest = try #require(json["history"] as? [String: Any])
        #expect(manifest["count"] as? Int == historyCount)
        #expect(manifest["spendMicros"] as? String == micros(history))
        #expect(manifest["requests"] as? String == String(historyRequests))
        #expect(manifest["tokens"] as? String == String(historyTokens))
        let services = try #require(json["services"] as? [String])
        let keyList = try #require(json["keys"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let files = Dictionary(uniqueKeysWithValues: presenter.dataFiles.map { ($0.path, $0.bytes) })
        var rows: [[Any]] = []
        let prefix = try #require(manifest["prefix"] as? String)
        for chunk in try #require(manifest["chunks"] as? [[Any]]) {
            let name = try #require(chunk[0] as? String)
            let bytes = try #require(files[prefix + name + ".js"])
            let chunkRows = try UsageReconciliationTests.rows(of: bytes)
            #expect(chunkRows.count == chunk[1] as? Int)
            #expect(chunkRows.first?[0] as? Int == chunk[2] as? Int && chunkRows.last?[0] as? Int == chunk[3] as? Int)
            #expect(chunkRows.count <= 97)
            rows += chunkRows
        }
        #expect(rows.count == historyCount)
        var rowSum = Decimal(0)
        var previousDay = Int.max
        var seen: [String] = []
        for row in rows {
            let day = try #require(row[0] as? Int)
            #expect(day <= previousDay, "rows are newest first")
            previousDay = day
            let micros = try #require(row[5] as? Int64 ?? (row[5] as? Int).map(Int64.init))
            rowSum += Decimal(micros) / 1_000_000
            let key = try #require(row[2] as? Int)
            let date = Day(daysSinceEpoch: day).description
            let service = try #require(row[1] as? Int)
            seen.append("\(date)|\(services[service])|\(key < 0 ? "" : keyList[key])|\(row[3])|\(row[4])|\(micros)")
        }
        #expect(rowSum == history)
        // The same multiset of records, none lost, none invented, none after as_of.
        let expected = try raw.filter { $0.date <= asOfText }.map { record -> String in
            let micros = try #require(Money(parsing: record.cost)).micros
            return "\(record.date)|\(record.service)|\(record.key ?? "")|\(record.requests)|\(record.tokens ?? -1)|\(micros)"
        }
        #expect(seen.sorted() == expected.sorted())

        // Figures shown rounded: each part within a cent of exact, parts adding up to the total shown.
        let context = try #require(presenter.templateContext.current)
        #expect(context.spend == UsageReconciliationTests.dollars(current))
        let serviceRows = context.breakdown.rows
        #expect(serviceRows.count == byService.count)
        try UsageReconciliationTests.checkParts(serviceRows.map { ($0.name, $0.spend) },
                                                exact: byService, total: current)
        let keyRows = context.keys.rows
        let keyNames = ["key_prod": "Production"]
        let byKeyName = Dictionary(uniqueKeysWithValues: byKey.map { ($0.key.isEmpty ? "No key" : keyNames[$0.key] ?? $0.key, $0.value) })
        try UsageReconciliationTests.checkParts(keyRows.map { ($0.name, $0.spend) },
                                                exact: byKeyName, total: current)
        for offset in 0..<elapsed {
            byDay[text(try #require(calendar.date(byAdding: .day, value: offset, to: startDate))), default: 0] += 0
        }
        let dayRows = context.daily.rows
        #expect(dayRows.count == elapsed)
        try UsageReconciliationTests.checkParts(dayRows.map { ($0.day, $0.spend) },
                                                exact: byDay, total: current)
        let shares = serviceRows.compactMap { Decimal(string: String($0.share.dropLast())) }
        #expect(shares.isEmpty || shares.reduce(0, +) == 100)
        for (id, spend) in presenter.spendByKey {
            #expect(micros(byKey[id] ?? 0) == String(spend.micros))
        }
    }

    /// `$1,234.57` from an exact amount, rounded half up, without going through Forge's code.
    static func dollars(_ value: Decimal) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.numberStyle = .decimal
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        return "$" + (formatter.string(from: NSDecimalNumber(decimal: rounded)) ?? "?")
    }

    static func cents(_ text: String) -> Decimal? {
        Decimal(string: text.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: ",", with: ""), locale: Locale(identifier: "en_US_POSIX"))
    }

    static func checkParts(_ shown: [(String, String)], exact: [String: Decimal], total: Decimal,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var sum = Decimal(0)
        for (name, text) in shown {
            let value = try #require(cents(text), sourceLocation: sourceLocation)
            let truth = try #require(exact[name], "\(name)", sourceLocation: sourceLocation)
            let difference = value - truth
            #expect(difference < Decimal(string: "0.01")! && difference > Decimal(string: "-0.01")!, "\(name): \(text) vs \(truth)", sourceLocation: sourceLocation)
            sum += value
        }
        #expect(sum == cents(dollars(total)), "shown parts add up to the total shown", sourceLocation: sourceLocation)
    }

    /// The rows of a history chunk file: the JSON between the registration call's parentheses.
    static func rows(of bytes: [UInt8]) throws -> [[Any]] {
        let text = String(decoding: bytes, as: UTF8.self)
        let prefix = "(window.ForgeHistory=window.ForgeHistory||[]).push("
        #expect(text.hasPrefix(prefix) && text.hasSuffix(");\n"))
        let json = text.dropFirst(prefix.count).dropLast(3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["rows"] as? [[Any]])
    }
}
