import Foundation
import Testing
@testable import ForgeKit

@Suite struct UsageLoaderTests {
    let record = "{date: 2026-11-03, service: Chat, requests: 1, cost: 1}"

    func load(_ folder: TemporaryDirectory) -> UsageReading {
        var diagnostics = Diagnostics()
        let table = UsageLoader.load(dataDirectory: folder.url.appendingPathComponent("data"), displayDirectory: "Content/data",
                                     context: UsageReadContext(knownKeyIDs: testKeyIDs), diagnostics: &diagnostics)
        return UsageReading(rows: table.rows, models: table.records.map { table.modelName($0) ?? "-" },
                            errors: diagnostics.items.map(\.description), suppressed: diagnostics.suppressed)
    }

    @Test func mergesTheTopLevelFileAndTheFolderInByteOrderOfNames() throws {
        let folder = try TemporaryDirectory()
        try folder.write("usage:\n  - {date: 2026-11-01, service: Top, key: key_prod, requests: 1, cost: 1}\n", to: "data/usage.yaml")
        try folder.write("usage:\n  - {date: 2026-11-04, service: Lower, requests: 4, cost: 4}\n", to: "data/usage/a.yml")
        try folder.write("date,service,key,requests,tokens,cost\n2026-11-02,Upper B,key_dev,2,20,2\n", to: "data/usage/B.csv")
        try folder.write(#"{"usage": [{"date": "2026-11-03", "service": "Upper Z", "requests": 3, "cost": 3}]}"#, to: "data/usage/Z.json")
        try folder.write("not usage data", to: "data/usage/.DS_Store")
        let result = load(folder)
        #expect(result.errors == [])
        #expect(result.rows == [
            "2026-11-01 | Top | key_prod | 1 | - | 1",
            "2026-11-02 | Upper B | key_dev | 2 | 20 | 2",
            "2026-11-03 | Upper Z | - | 3 | - | 3",
            "2026-11-04 | Lower | - | 4 | - | 4",
        ])
    }

    @Test func readsNothingWhenThereIsNoUsageData() throws {
        let folder = try TemporaryDirectory()
        try folder.makeFolder("data")
        let result = load(folder)
        #expect(result.errors == [])
        #expect(result.rows == [])
        #expect(load(try TemporaryDirectory()).errors == []) // not even a data folder
    }

    @Test func reportsMoreThanOneTopLevelUsageFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("usage: [\(record)]\n", to: "data/usage.yaml")
        try folder.write("usage: [\(record)]\n", to: "data/usage.yml")
        try folder.write(#"{"usage": [{"date": "2026-11-04", "service": "Chat", "requests": 1, "cost": 1}]}"#, to: "data/usage.json")
        let result = load(folder)
        #expect(result.errors == [
            "Content/data/usage.yml: error: usage data is in usage.yaml and usage.yml and usage.json; keep one of them, or move the others into Content/data/usage/",
            "Content/data/usage.json: error: usage data is in usage.yaml and usage.yml and usage.json; keep one of them, or move the others into Content/data/usage/",
        ])
        #expect(result.rows.count == 3)
    }

    @Test func reportsFilesThatDoNotBelongInTheUsageFolder() throws {
        let folder = try TemporaryDirectory()
        try folder.write("usage: [\(record)]\n", to: "data/usage/ok.yaml")
        try folder.write("date,service\n", to: "data/usage/notes.txt")
        try folder.write("usage: []\n", to: "data/usage/old/2025.yaml")
        let result = load(folder)
        #expect(result.errors == [
            "Content/data/usage/notes.txt: error: not a usage file: only .yaml, .yml, .json and .csv files may be in usage/",
            "Content/data/usage/old: error: folders inside usage/ are not read; move its files up into usage/",
        ])
        #expect(result.rows == ["2026-11-03 | Chat | - | 1 | - | 1"])
    }

    @Test func reportsAUsageFileWhereTheFolderBelongs() throws {
        let folder = try TemporaryDirectory()
        try folder.write("date,service,key,requests,tokens,cost\n", to: "data/usage")
        #expect(load(folder).errors == [
            "Content/data/usage: error: expected a folder of usage files (usage/*.yaml, *.csv), found a file",
        ])
    }

    @Test func keepsTheErrorsOfEveryFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("usage:\n  - {date: 2026-11-03, service: Chat, requests: 1, cost: ten}\n", to: "data/usage.yaml")
        try folder.write("date,service,key,requests,tokens,cost\n2026-11-03,Chat,key_x,1,,1\n", to: "data/usage/2026-11.csv")
        #expect(load(folder).errors == [
            """
            Content/data/usage.yaml:2:58: error: usage[0].cost: expected a number, found "ten"
              - {date: 2026-11-03, service: Chat, requests: 1, cost: ten}
                                                                     ^
            """,
            """
            Content/data/usage/2026-11.csv:2:17: error: row 2.key: no key in keys.yaml has the id "key_x"
            2026-11-03,Chat,key_x,1,,1
                            ^
            """,
        ])
    }

    @Test func reportsAFileThatCannotBeRead() throws {
        let folder = try TemporaryDirectory()
        try folder.makeFolder("data/usage")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("data/usage/gone.csv").path,
                                                   withDestinationPath: "/nonexistent/usage.csv")
        let errors = load(folder).errors
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/data/usage/gone.csv: error: cannot read the file: ") == true)
    }

    /// Issue 7: the sum of all records is checked across files, at the record that passes Int64.
    @Test func reportsASumPastInt64InTheFileThatCarriesIt() throws {
        let folder = try TemporaryDirectory()
        try folder.write("usage:\n  - {date: 2026-11-01, service: Chat, requests: 1, cost: 999999999999}\n", to: "data/usage.yaml")
        let csv = "date,service,key,requests,tokens,cost\n" + String(repeating: "2026-11-02,Chat,,1,,999999999999\n", count: 9_300)
        try folder.write(csv, to: "data/usage/a.csv")
        let result = load(folder)
        // 10^12 - 1 currency units is 10^18 micro-units: the ninth record passes 9.22 * 10^18.
        #expect(result.errors.count == 9_300 - 9_222 + 1 || result.errors.count == Diagnostics.limit, "\(result.errors.prefix(2))")
        #expect(result.errors.first?.hasPrefix("Content/data/usage/a.csv:") == true, "\(result.errors.prefix(2))")
        #expect(result.errors.first?.contains("error: row ") == true)
        #expect(result.errors.first?.contains(".cost: 999999999999 makes the cost of all usage records add up to more than Forge can sum exactly (9,223,372,036,854,775,807 (in micro-units))") == true, "\(result.errors.prefix(2))")
    }
}
