import Foundation
import Testing
@testable import ForgeKit

/// The usage history files the Usage dialog loads: rows newest first with a complete tie-break,
/// names sorted by bytes, chunks of a fixed size named by their content, nothing after as-of.
@Suite struct HistoryChunksTests {
    static func day(_ text: String) -> Day { Day(parsing: text)! }

    /// Records in a scrambled order, one after as-of and one of more than 2^53 micro-units.
    static func table(reversed: Bool = false) -> UsageTable {
        var table = UsageTable()
        var rows: [(String, String, String?, Int64, Int64?, Int64, String?)] = [
            ("2026-11-02", "search", "key_b", 5, nil, 1_500, nil),
            ("2026-11-03", "chat", nil, 1, 10, 2_000, "large"),
            ("2026-11-02", "chat", "key_a", 2, 20, 9_007_199_254_740_993, "small"),
            ("2026-11-09", "chat", "key_a", 9, 9, 9, nil),
            ("2026-11-02", "chat", "key_a", 1, 20, 7, "small"),
        ]
        if reversed { rows.reverse() }
        for (day, service, key, requests, tokens, micros, model) in rows {
            table.append(day: Self.day(day), service: service, keyID: key, requests: requests, tokens: tokens,
                         cost: Money(micros: micros), model: model)
        }
        return table
    }

    @Test func rowsAreNewestFirstAndTheBytesDoNotDependOnReadingOrder() throws {
        let history = HistoryChunks(table: Self.table(), through: Self.day("2026-11-05"), rowsPerChunk: 3)
        let again = HistoryChunks(table: Self.table(reversed: true), through: Self.day("2026-11-05"), rowsPerChunk: 3)
        #expect(history.files == again.files)
        #expect(history.count == 4, "the record after as-of is not history")
        #expect(history.services == ["chat", "search"] && history.keyIDs == ["key_a", "key_b"] && history.models == ["large", "small"])
        #expect(history.hasRowsWithoutKey && history.hasRowsWithoutModel)
        #expect(history.chunks.map(\.count) == [3, 1])
        #expect(history.chunks[0].newest == Self.day("2026-11-03") && history.chunks[0].oldest == Self.day("2026-11-02"))

        let first = String(decoding: history.files[0].bytes, as: UTF8.self)
        let day2 = Self.day("2026-11-02").daysSinceEpoch, day3 = Self.day("2026-11-03").daysSinceEpoch
        #expect(first == """
            (window.ForgeHistory=window.ForgeHistory||[]).push({"chunk":0,"rows":[
            [\(day3),0,-1,1,10,2000,0],
            [\(day2),0,0,1,20,7,1],
            [\(day2),0,0,2,20,"9007199254740993",1]
            ]});

            """)
        let second = String(decoding: history.files[1].bytes, as: UTF8.self)
        #expect(second.contains("\"chunk\":1") && second.contains("[\(day2),1,1,5,-1,1500,-1]"))
    }

    @Test func aChunkIsNamedByItsNumberAndItsContent() throws {
        let history = HistoryChunks(table: Self.table(), through: Self.day("2026-11-05"), rowsPerChunk: 3)
        for (chunk, file) in zip(history.chunks, history.files) {
            #expect(file.path == chunk.path && chunk.path.hasPrefix("data/usage-") && chunk.path.hasSuffix(".js"))
            let hash = chunk.name.split(separator: ".").last ?? ""
            #expect(hash.count == 10 && hash.allSatisfy { "0123456789abcdef".contains($0) }, "\(chunk.name)")
        }
        #expect(history.chunks.map { String($0.name.prefix(5)) } == ["0000.", "0001."])
        let other = HistoryChunks(table: Self.table(), through: Self.day("2026-11-09"), rowsPerChunk: 3)
        #expect(other.chunks[0].name != history.chunks[0].name, "other rows, another name")
    }

    @Test func noAsOfMeansNoHistory() {
        let history = HistoryChunks(table: Self.table(), through: nil)
        #expect(history.count == 0 && history.files.isEmpty && history.services.isEmpty && history.leading.isEmpty)
    }

    @Test func theLeadingRowsAreTheNewestInHistoryOrder() {
        let history = HistoryChunks(table: Self.table(), through: Self.day("2026-11-05"), leadingCount: 2)
        #expect(history.leading.map(\.requests) == [1, 1])
        #expect(history.leading.map(\.day) == [Self.day("2026-11-03"), Self.day("2026-11-02")])
    }
}
