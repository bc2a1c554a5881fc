import Foundation
import Testing
@testable import ForgeKit

/// `data/usage-first.*.js` must hold exactly what the browser would compute from every chunk:
/// the first rows of each sort (stable over history order) and each name's rows and totals.
/// Checked against an independent computation over the rows of the chunk files themselves.
struct HistoryFirstPagesTests {
    /// Seeded records with many ties (few distinct values), some without key, model or tokens.
    static func table(records count: Int, seed: UInt64 = 42) -> UsageTable {
        var table = UsageTable()
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let start = Day(year: 2026, month: 9, day: 1)?.daysSinceEpoch ?? 0
        for _ in 0..<count {
            let keys = ["key_a", "key_b", "key_c", nil], models = ["m-large", "m-small", nil]
            table.append(day: Day(daysSinceEpoch: start + next(60)), service: ["Chat", "Embeddings", "Images"][next(3)],
                         keyID: keys[next(4)], requests: Int64(next(20)), tokens: next(5) == 0 ? nil : Int64(next(30)),
                         cost: Money(micros: Int64(next(12)) * 250_000), model: models[next(3)])
        }
        return table
    }

    /// The JSON inside a self-registering data file.
    static func json(_ file: OutputFile, after prefix: String) throws -> Any {
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.hasPrefix(prefix) && text.hasSuffix(");\n"))
        let body = text.dropFirst(prefix.count).dropLast(3)
        return try JSONSerialization.jsonObject(with: Data(body.utf8))
    }

    typealias Row = [Int]

    @Test func holdsTheFirstRowsOfEverySortAndEachNamesRowsAndTotals() throws {
        let chunks = HistoryChunks(table: Self.table(records: 3_000), through: Day(year: 2026, month: 12, day: 1), rowsPerChunk: 700)
        let firstPath = try #require(chunks.firstPages)
        #expect(firstPath.hasPrefix("data/usage-first.") && firstPath.hasSuffix(".js"))
        let firstFile = try #require(chunks.files.first { $0.path == firstPath })
        #expect(chunks.files.count == chunks.chunks.count + 1)

        // Every row, in history order, from the chunk files.
        var rows: [Row] = []
        for file in chunks.files where file.path != firstPath {
            let chunk = try #require(try Self.json(file, after: "(window.ForgeHistory=window.ForgeHistory||[]).push(") as? [String: Any])
            rows += try #require(chunk["rows"] as? [Row])
        }
        #expect(rows.count == 3_000)

        let first = try #require(try Self.json(firstFile, after: "(window.ForgeHistoryFirst=window.ForgeHistoryFirst||[]).push(") as? [String: Any])
        let sorts = try #require(first["sorts"] as? [String: [Row]])
        let columns = ["date": 0, "requests": 3, "tokens": 4, "cost": 5]
        #expect(Set(sorts.keys) == ["date:ascending", "requests:ascending", "requests:descending", "tokens:ascending",
                                    "tokens:descending", "cost:ascending", "cost:descending"])
        for (name, kept) in sorts {
            let parts = name.split(separator: ":"), column = try #require(columns[String(parts[0])])
            let descending = parts[1] == "descending"
            // Swift's sort is not stable: sort positions, ties by position (history order).
            let expected = rows.indices.sorted { a, b in
                let x = rows[a][column], y = rows[b][column]
                return x != y ? (descending ? x > y : x < y) : a < b
            }.prefix(HistoryFirstPages.rowsPerSort).map { rows[$0] }
            #expect(kept == Array(expected), "\(name)")
        }

        for (name, column) in [("service", 1), ("key", 2), ("model", 6)] {
            let groups = try #require(first[name] as? [Any])
            var values = groups.indices.map { $0 }
            if name != "service" { values.append(-1) }
            for value in values {
                let group = value == -1 ? first[name == "key" ? "noKey" : "noModel"] : groups[value]
                let matching = rows.filter { $0[column] == value }
                guard let group = group as? [String: Any] else {
                    #expect(matching.isEmpty, "\(name) \(value) has rows but no group")
                    continue
                }
                #expect(group["count"] as? Int == matching.count, "\(name) \(value)")
                #expect(group["requests"] as? String == String(matching.reduce(0) { $0 + $1[3] }))
                #expect(group["tokens"] as? String == String(matching.reduce(0) { $0 + max($1[4], 0) }))
                #expect(group["cost"] as? String == String(matching.reduce(0) { $0 + $1[5] }))
                #expect(group["rows"] as? [Row] == Array(matching.prefix(HistoryFirstPages.rowsPerSort)), "\(name) \(value)")
            }
        }
    }

    @Test func noHistoryMeansNoFile() {
        let chunks = HistoryChunks(table: Self.table(records: 10), through: nil)
        #expect(chunks.firstPages == nil && chunks.files.isEmpty)
    }

    @Test func manyNamesKeepFewerRowsEach() throws {
        var table = UsageTable()
        let day = try #require(Day(year: 2026, month: 11, day: 1))
        for key in 0..<400 {
            for _ in 0..<60 {
                table.append(day: day, service: "Chat", keyID: "key_\(key)", requests: 1, tokens: 1, cost: Money(micros: 1))
            }
        }
        let chunks = HistoryChunks(table: table, through: day)
        let file = try #require(chunks.files.first { $0.path == chunks.firstPages })
        let first = try #require(try Self.json(file, after: "(window.ForgeHistoryFirst=window.ForgeHistoryFirst||[]).push(") as? [String: Any])
        let keys = try #require(first["key"] as? [[String: Any]])
        #expect(keys.count == 400)
        // 20,000 rows shared by 403 lists (1 service, 400 keys, no key, no model): 49 each, all 60 counted.
        #expect(keys.allSatisfy { ($0["rows"] as? [Row])?.count == 49 && $0["count"] as? Int == 60 })
        #expect(file.bytes.count < 1_000_000)
    }
}
