import Foundation
import Testing
@testable import ForgeKit

/// A large usage.yaml is read in two halves at once (issue 11): the table must be the one the
/// whole reading gives, and any problem must be said exactly as the whole reading says it.
@Suite struct YAMLUsageHalvesTests {
    static let whole = YAMLUsageReader(halvesFrom: .max)
    static let halves = YAMLUsageReader(halvesFrom: 0)

    /// `count` records, the services, keys and models first seen at different places, and the
    /// latest date in the second half (so "newest" and its location come from there).
    static func export(_ count: Int, indent: String = "  ") -> String {
        var text = "usage:\n"
        for index in 0..<count {
            let day = index == count * 3 / 4 ? 28 : 1 + (index * 7) % 27
            text += "\(indent)- date: 2026-11-\(day < 10 ? "0" : "")\(day)\n"
            text += "\(indent)  service: \"Service \(index % 5 == 0 ? index % 11 : index % 3)\"\n"
            if index % 4 != 0 { text += "\(indent)  key: \(index % 3 == 0 ? "key_prod" : "key_dev")\n" }
            if index % 3 != 0 { text += "\(indent)  model: m-\(index % 7)\n" }
            text += "\(indent)  requests: \(index * 13)\n"
            if index % 2 == 0 { text += "\(indent)  tokens: \(index * 1_001)\n" }
            text += "\(indent)  cost: \(index).\(index % 100)\n"
        }
        return text
    }

    static func table(_ text: String, with reader: YAMLUsageReader) -> (UsageTable, [String]) {
        var diagnostics = Diagnostics()
        let table = reader.read(Data(text.utf8), displayPath: "Content/data/usage.yaml", context: UsageReadContext(knownKeyIDs: testKeyIDs),
                                diagnostics: &diagnostics)
        return (table, diagnostics.items.map(\.description))
    }

    @Test(arguments: ["  ", "", "    "])
    func theHalvesMakeTheTableTheWholeFileMakes(indent: String) throws {
        let text = YAMLUsageHalvesTests.export(2_000, indent: indent)
        let halves = try text.utf8.withContiguousStorageIfAvailable { bytes in
            try #require(YAMLUsageReader.readInHalves(UnsafeRawBufferPointer(bytes), displayPath: "Content/data/usage.yaml",
                                                      context: UsageReadContext(knownKeyIDs: testKeyIDs)), "the file was not read in halves")
        }
        let (whole, problems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.whole)
        #expect(problems == [])
        let table = try #require(halves)
        #expect(table.rows == whole.rows && table.rows.count == 2_000)
        #expect(table.services == whole.services && table.keyIDs == whole.keyIDs && table.models == whole.models)
        #expect(table.records == whole.records)
        #expect(table.newest == whole.newest && table.runnerUp == whole.runnerUp)
        #expect(table.newest?.location.line ?? 0 > text.split(separator: "\n").count / 2, "the newest record is in the second half")
    }

    /// Each a problem in the second half (or across the split): said as the whole reading says it.
    @Test(arguments: [
        ("a bad value", "    cost: 350.50\n", "    cost: twelve\n"),
        ("an unknown key", "    requests: 4550\n", "    requests: 4550\n    reqests: 1\n"),
        ("an alias", "    service: \"Service 2\"\n", "    service: *name\n"),
        ("a second document", "  - date: 2026-11-22\n", "---\nusage:\n  - date: 2026-11-22\n"),
        ("an unknown key id", "    key: key_dev\n", "    key: key_gone\n"),
        ("a stray key after the list", "", "other: 1\n"),
    ])
    func aProblemInTheSecondHalfIsSaidAsTheWholeReadingSaysIt(_ what: String, _ find: String, _ replacement: String) throws {
        var text = YAMLUsageHalvesTests.export(400)
        let middle = text.index(text.startIndex, offsetBy: text.count * 3 / 4)
        if find.isEmpty {
            text += replacement
        } else {
            let range = try #require(text.range(of: find, range: middle..<text.endIndex), "\(what): nothing to change")
            text.replaceSubrange(range, with: replacement)
        }
        let (whole, wholeProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.whole)
        let (halves, halvesProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.halves)
        #expect(!wholeProblems.isEmpty, "\(what): the whole reading found nothing")
        #expect(halvesProblems == wholeProblems, "\(what)")
        #expect(halves.rows == whole.rows, "\(what)")
    }

    /// A string left open across the split: the first half fails, the file is read whole.
    @Test func aQuotedStringAcrossTheSplitIsReadWhole() throws {
        var text = "usage:\n  - date: 2026-11-01\n    service: \"Chat\n  - still the same string\"\n    requests: 1\n    cost: 1\n"
        text += YAMLUsageHalvesTests.export(40).dropFirst("usage:\n".count)
        let bytes = Array(text.utf8)
        let split = try #require(bytes.withUnsafeBytes { YAMLUsageReader.splitPoint($0) })
        #expect(split.offset > 0)
        let (whole, wholeProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.whole)
        let (halves, halvesProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.halves)
        #expect(halvesProblems == wholeProblems && halves.rows == whole.rows)
    }

    /// Each half's sums fit; together they do not: the whole reading says where.
    @Test func sumsThatOverflowOnlyTogetherAreReportedWhereTheWholeReadingReportsThem() {
        let big = Int64.max / 2 + 1
        var text = "usage:\n"
        for day in 1...4 { text += "  - {date: 2026-11-0\(day), service: S, requests: \(big / 2 + 1), cost: 1}\n" }
        let (whole, wholeProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.whole)
        let (halves, halvesProblems) = YAMLUsageHalvesTests.table(text, with: YAMLUsageHalvesTests.halves)
        #expect(!wholeProblems.isEmpty)
        #expect(halvesProblems == wholeProblems && halves.rows == whole.rows)
    }

    @Test(arguments: ["usage: [\n", "---\nusage:\n  - a\n", "# a comment\nusage:\n  - a\n", "usage:\n  -a\n"])
    func aFileNotInTheUsualShapeIsNotSplit(_ start: String) {
        let bytes = Array((start + String(repeating: "  - x\n", count: 10)).utf8)
        #expect(bytes.withUnsafeBytes { YAMLUsageReader.splitPoint($0) } == nil)
    }
}
