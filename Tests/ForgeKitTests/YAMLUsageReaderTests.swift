import Foundation
import Testing
@testable import ForgeKit

@Suite struct YAMLUsageReaderTests {
    let reader = YAMLUsageReader()

    // MARK: - Records

    @Test func readsEveryFieldAndLeavesOptionalOnesOut() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat Completions
                key: key_prod
                requests: 1200
                tokens: 340000
                cost: 12.34
              - date: 2026-11-04
                service: Embeddings
                requests: 0
                cost: 0.000125
              - {date: 2026-11-04, service: "Chat Completions", key: key_dev, requests: 3, tokens: ~, cost: 7}
            """, with: reader)
        #expect(result.errors == [])
        #expect(result.rows == [
            "2026-11-03 | Chat Completions | key_prod | 1200 | 340000 | 12.34",
            "2026-11-04 | Embeddings | - | 0 | - | 0.000125",
            "2026-11-04 | Chat Completions | key_dev | 3 | - | 7",
        ])
    }

    @Test func internsServiceNamesAndKeysInFirstSeenOrder() {
        var diagnostics = Diagnostics()
        let table = reader.read(Data("""
            usage:
              - {date: 2026-11-03, service: B, key: key_dev, requests: 1, cost: 1}
              - {date: 2026-11-03, service: A, key: key_prod, requests: 1, cost: 1}
              - {date: 2026-11-04, service: B, key: key_dev, requests: 1, cost: 1}
            """.utf8), displayPath: "u.yaml", context: UsageReadContext(knownKeyIDs: testKeyIDs), diagnostics: &diagnostics)
        #expect(table.services == ["B", "A"])
        #expect(table.keyIDs == ["key_dev", "key_prod"])
        #expect(table.records.map(\.service) == [0, 1, 0])
    }

    /// v2: a usage file without records is a truncated export, not "no usage yet" (that is no file).
    @Test(arguments: ["", "\n", "# nothing exported yet\n", "---\n", "usage: []\n", "usage:\n", "usage: ~\n", "{\"usage\": []}"])
    func reportsAFileWithoutRecords(text: String) {
        let result = readUsage(text, with: reader)
        #expect(result.errors == [
            #"Content/data/usage.yaml: error: this usage file holds no records: a truncated export must not publish a dashboard that silently lacks its records; write the records under "usage:", or delete the file"#,
        ])
        #expect(result.rows == [])
    }

    @Test func aListOfOnlyBadRecordsSaysWhatIsWrongWithThemAndNotThatItIsEmpty() {
        let result = readUsage("usage:\n  - date: 2026-11-03\n", with: reader)
        #expect(result.errors.count == 3)
        #expect(!result.errors.contains { $0.contains("holds no records") })
    }

    @Test func readsTheOptionalModel() {
        let result = readUsage("""
            usage:
              - {date: 2026-11-03, service: Chat, model: gpt-4o-mini, requests: 1, cost: 1}
              - {date: 2026-11-03, service: Chat, model: "", requests: 2, cost: 2}
              - {date: 2026-11-04, service: Chat, requests: 3, cost: 3}
              - {date: 2026-11-04, service: Chat, modle: x, requests: 4, cost: 4}
              - {date: 2026-11-04, service: Chat, model: "  ", requests: 5, cost: 5}
            """, with: reader)
        #expect(result.models == ["gpt-4o-mini", "-", "-"])
        #expect(result.errors == [
            #"""
            Content/data/usage.yaml:5:39: error: usage[3]: unknown key "modle" (did you mean "model"?)
              - {date: 2026-11-04, service: Chat, modle: x, requests: 4, cost: 4}
                                                  ^
            """#,
            #"""
            Content/data/usage.yaml:6:46: error: usage[4].model: must not be blank; leave it out (or empty) for records without a model
              - {date: 2026-11-04, service: Chat, model: "  ", requests: 5, cost: 5}
                                                         ^
            """#,
        ])
    }

    @Test func readsJSON() {
        let result = readUsage("""
            {"usage": [
              {"date": "2026-11-03", "service": "Chat Completions", "key": "key_prod", "requests": 1200, "tokens": 340000, "cost": 12.34},
              {"date": "2026-11-04", "service": "Embeddings", "key": null, "requests": 5, "cost": 0.5}
            ]}
            """, with: reader, path: "Content/data/usage.json")
        #expect(result.errors == [])
        #expect(result.rows == [
            "2026-11-03 | Chat Completions | key_prod | 1200 | 340000 | 12.34",
            "2026-11-04 | Embeddings | - | 5 | - | 0.5",
        ])
    }

    @Test func readsJSONIndentedWithTabsAndItsEscapes() {
        // Go's json.MarshalIndent writes tabs, which YAML forbids in block indentation.
        let text = "{\n\t\"usage\": [\n\t\t{\"date\": \"2026-11-03\", \"service\": \"Chat\\/Completions \\u00e9\", \"requests\": 1, \"cost\": 1.5}\n\t]\n}\n"
        let result = readUsage(text, with: reader, path: "Content/data/usage.json")
        #expect(result.errors == [])
        #expect(result.rows == ["2026-11-03 | Chat/Completions é | - | 1 | - | 1.5"])
    }

    @Test func readsJSONNumbersOnlyWhenUnquoted() {
        let result = readUsage("""
            {"usage": [{"date": "2026-11-03", "service": "Chat", "requests": "12", "cost": 1}]}
            """, with: reader, path: "Content/data/usage.json")
        #expect(result.errors == ["""
            Content/data/usage.json:1:66: error: usage[0].requests: expected a whole number, found "12"
            {"usage": [{"date": "2026-11-03", "service": "Chat", "requests": "12", "cost": 1}]}
                                                                             ^
            """])
        #expect(result.rows == [])
    }

    @Test func skipsAByteOrderMarkAndCountsColumnsWithoutIt() {
        let result = readUsage(Data([0xEF, 0xBB, 0xBF]) + Data("usage: [{date: 2026-11-03, service: S, requests: x, cost: 1}]\n".utf8), with: reader)
        #expect(result.errors == ["""
            Content/data/usage.yaml:1:50: error: usage[0].requests: expected a whole number, found "x"
            usage: [{date: 2026-11-03, service: S, requests: x, cost: 1}]
                                                             ^
            """])
    }

    // MARK: - Values

    @Test func reportsAQuotedNumberAsAString() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat
                requests: 1
                cost: "12"
            """, with: reader)
        #expect(result.errors == ["""
            Content/data/usage.yaml:5:11: error: usage[0].cost: expected a number, found "12"
                cost: "12"
                      ^
            """])
        #expect(result.rows == [])
    }

    @Test func reportsWordsWhereNumbersBelong() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat
                requests: 1.5
                tokens: many
                cost: ten
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:4:15: error: usage[0].requests: expected a whole number, found "1.5"
                requests: 1.5
                          ^
            """,
            """
            Content/data/usage.yaml:5:13: error: usage[0].tokens: expected a whole number, found "many"
                tokens: many
                        ^
            """,
            """
            Content/data/usage.yaml:6:11: error: usage[0].cost: expected a number, found "ten"
                cost: ten
                      ^
            """,
        ])
    }

    @Test func reportsNegativeNumbers() {
        let result = readUsage("""
            usage:
              - {date: 2026-11-03, service: Chat, requests: -3, tokens: -1, cost: -0.5}
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:2:49: error: usage[0].requests: must not be negative, found -3
              - {date: 2026-11-03, service: Chat, requests: -3, tokens: -1, cost: -0.5}
                                                            ^
            """,
            """
            Content/data/usage.yaml:2:61: error: usage[0].tokens: must not be negative, found -1
              - {date: 2026-11-03, service: Chat, requests: -3, tokens: -1, cost: -0.5}
                                                                        ^
            """,
            """
            Content/data/usage.yaml:2:71: error: usage[0].cost: must not be negative, found -0.5
              - {date: 2026-11-03, service: Chat, requests: -3, tokens: -1, cost: -0.5}
                                                                                  ^
            """,
        ])
    }

    @Test func reportsImpossibleDatesAndTooManyDecimals() {
        let result = readUsage("""
            usage:
              - date: 2026-02-30
                service: Chat
                requests: 1
                cost: 0.1234567
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:2:11: error: usage[0].date: "2026-02-30" is not a real UTC day in the form YYYY-MM-DD
              - date: 2026-02-30
                      ^
            """,
            """
            Content/data/usage.yaml:5:11: error: usage[0].cost: 0.1234567 is not a plain decimal amount below 10^12 with at most 6 decimals
                cost: 0.1234567
                      ^
            """,
        ])
    }

    @Test func reportsAnEmptyServiceAndAListWhereAValueBelongs() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: ""
                requests: [1, 2]
                cost: {amount: 1}
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:3:14: error: usage[0].service: must not be empty
                service: ""
                         ^
            """,
            """
            Content/data/usage.yaml:4:15: error: usage[0].requests: expected a whole number, found a list
                requests: [1, 2]
                          ^
            """,
            """
            Content/data/usage.yaml:5:11: error: usage[0].cost: expected a number, found a mapping
                cost: {amount: 1}
                      ^
            """,
        ])
    }

    /// Blank is empty: spaces or tabs alone name no service (`make mutants` found tabs unchecked).
    @Test(arguments: ["\"\\t\"", "\" \\t \"", "\"  \""])
    func aServiceOfBlanksIsEmpty(_ written: String) {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: \(written)
                requests: 1
                cost: 1
            """, with: reader)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.hasPrefix("Content/data/usage.yaml:3:14: error: usage[0].service: must not be empty") == true,
                "\(result.errors)")
    }

    @Test func reportsAKeyThatKeysYAMLDoesNotProvision() {
        let result = readUsage("""
            usage:
              - {date: 2026-11-03, service: Chat, key: key_x, requests: 1, cost: 1}
            """, with: reader)
        #expect(result.errors == ["""
            Content/data/usage.yaml:2:44: error: usage[0].key: no key in keys.yaml has the id "key_x"
              - {date: 2026-11-03, service: Chat, key: key_x, requests: 1, cost: 1}
                                                       ^
            """])
    }

    @Test func countsColumnsInUnicodeScalars() {
        let result = readUsage("""
            usage:
              - {service: "Café ☕️ 🚀", date: 2026-11-03, requests: one, cost: 1}
            """, with: reader)
        // "☕️" is two scalars (U+2615 U+FE0F), as libyaml counts it.
        #expect(result.errors == ["""
            Content/data/usage.yaml:2:56: error: usage[0].requests: expected a whole number, found "one"
              - {service: "Café ☕️ 🚀", date: 2026-11-03, requests: one, cost: 1}
                                                                   ^
            """])
    }

    // MARK: - Keys and records

    @Test func reportsUnknownKeysWithASuggestion() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat
                requets: 1
                requests: 1
                cost: 1
                region: eu
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:4:5: error: usage[0]: unknown key "requets" (did you mean "requests"?)
                requets: 1
                ^
            """,
            """
            Content/data/usage.yaml:7:5: error: usage[0]: unknown key "region"
                region: eu
                ^
            """,
        ])
        #expect(result.rows == [])
    }

    @Test func reportsMissingKeysAtTheRecord() {
        let result = readUsage("""
            usage:
              - service: Chat
                requests: 1
                cost: ~
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:2:5: error: usage[0]: required key "date" is missing
              - service: Chat
                ^
            """,
            """
            Content/data/usage.yaml:2:5: error: usage[0]: required key "cost" is missing
              - service: Chat
                ^
            """,
        ])
    }

    @Test func reportsADuplicateKeyInARecord() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat
                requests: 1
                cost: 1
                cost: 2
            """, with: reader)
        #expect(result.errors == ["""
            Content/data/usage.yaml:6:5: error: usage[0]: duplicate key "cost" in one mapping
                cost: 2
                ^
            """])
        #expect(result.rows == [])
    }

    @Test func reportsAliasesAndMergeKeysInsteadOfResolvingThem() {
        let result = readUsage("""
            usage:
              - &first {date: 2026-11-03, service: Chat, requests: 1, cost: &price 1}
              - date: 2026-11-04
                service: Chat
                requests: 1
                cost: *price
              - <<: *first
                date: 2026-11-05
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:6:11: error: usage[1].cost: aliases (*price) are not supported in usage files; write the value out
                cost: *price
                      ^
            """,
            """
            Content/data/usage.yaml:7:5: error: usage[2]: merge keys (<<) are not supported in usage files; write each field out
              - <<: *first
                ^
            """,
            """
            Content/data/usage.yaml:7:5: error: usage[2]: required key "service" is missing
              - <<: *first
                ^
            """,
            """
            Content/data/usage.yaml:7:5: error: usage[2]: required key "requests" is missing
              - <<: *first
                ^
            """,
            """
            Content/data/usage.yaml:7:5: error: usage[2]: required key "cost" is missing
              - <<: *first
                ^
            """,
        ])
        #expect(result.rows == ["2026-11-03 | Chat | - | 1 | - | 1"])
    }

    @Test func reportsARecordThatIsNotAMapping() {
        let result = readUsage("""
            usage:
              - 2026-11-03,Chat,,1,,1
              - [2026-11-03, Chat]
            """, with: reader)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:2:5: error: usage[0]: expected a mapping of keys to values, found "2026-11-03,Chat,,1,,1"
              - 2026-11-03,Chat,,1,,1
                ^
            """,
            """
            Content/data/usage.yaml:3:5: error: usage[1]: expected a mapping of keys to values, found a list
              - [2026-11-03, Chat]
                ^
            """,
        ])
    }

    @Test func keepsGoodRecordsAndReportsEveryBadOne() {
        let result = readUsage("""
            usage:
              - {date: 2026-11-01, service: Chat, requests: 1, cost: 1}
              - {date: 2026-11-02, service: Chat, requests: x, cost: 1}
              - {date: 2026-11-03, service: Chat, requests: 3, cost: 3}
              - {date: 2026-11-04, service: Chat, requests: 4, cost: y}
            """, with: reader)
        #expect(result.errors.map { $0.prefix { $0 != "\n" } } == [
            "Content/data/usage.yaml:3:49: error: usage[1].requests: expected a whole number, found \"x\"",
            "Content/data/usage.yaml:5:58: error: usage[3].cost: expected a number, found \"y\"",
        ])
        #expect(result.rows == ["2026-11-01 | Chat | - | 1 | - | 1", "2026-11-03 | Chat | - | 3 | - | 3"])
    }

    // MARK: - The file

    @Test func reportsATopLevelThatIsNotAMappingWithUsage() {
        #expect(readUsage("- date: 2026-11-03\n", with: reader).errors == ["""
            Content/data/usage.yaml:1:1: error: expected a mapping with a "usage" list at the top of the file, found a list
            - date: 2026-11-03
            ^
            """])
        #expect(readUsage("records: []\n", with: reader).errors == [
            """
            Content/data/usage.yaml:1:1: error: unknown key "records"
            records: []
            ^
            """,
            """
            Content/data/usage.yaml:1:1: error: required key "usage" is missing
            records: []
            ^
            """,
        ])
        #expect(readUsage("usages: []\n", with: reader).errors.first?.hasPrefix(
            "Content/data/usage.yaml:1:1: error: unknown key \"usages\" (did you mean \"usage\"?)") == true)
        #expect(readUsage("usage: 12\n", with: reader).errors == ["""
            Content/data/usage.yaml:1:8: error: usage: expected a list, found "12"
            usage: 12
                   ^
            """])
    }

    @Test func reportsASecondDocument() {
        #expect(readUsage("usage: []\n---\nusage: []\n", with: reader).errors == ["""
            Content/data/usage.yaml:2:1: error: a usage file holds one YAML document; this is a second one
            ---
            ^
            """])
    }

    @Test func reportsSyntaxErrorsInLibyamlsWords() {
        let result = readUsage("""
            usage:
              - date: 2026-11-03
                service: Chat
               requests: 1
            """, with: reader)
        #expect(result.errors == ["""
            Content/data/usage.yaml:4:4: error: YAML: did not find expected '-' indicator while parsing a block collection
               requests: 1
               ^
            """])
    }

    @Test func reportsInvalidUTF8AtItsLineAndColumn() {
        let bytes = Data("usage:\n  - service: Caf".utf8) + Data([0xE9]) + Data("\n".utf8)
        #expect(readUsage(bytes, with: reader).errors == ["""
            Content/data/usage.yaml:2:17: error: the file is not valid UTF-8
              - service: Caf\u{FFFD}
                            ^
            """])
    }

    @Test func quotesNoLineTooLongForAnExcerpt() {
        // A minified JSON export is one long line: the error keeps its column, without the line.
        let record = #"{"date": "2026-11-03", "service": "Chat", "requests": 1, "cost": 1}, "#
        let line = #"{"usage": ["# + String(repeating: record, count: 20) + #"{"date": "2026-11-03", "service": "Chat", "requests": 1, "cost": "x"}]}"#
        let column = line.count - #""x"}]}"#.count + 1
        #expect(readUsage(line, with: reader, path: "Content/data/usage.json").errors == [
            "Content/data/usage.json:1:\(column): error: usage[20].cost: expected a number, found \"x\"",
        ])
    }

    @Test func stopsQuotingLinesPastTheDiagnosticsLimit() {
        let text = "usage:\n" + String(repeating: "  - {date: 2026-11-03, service: Chat, requests: x, cost: 1}\n", count: Diagnostics.limit + 5)
        let result = readUsage(text, with: reader)
        #expect(result.errors.count == Diagnostics.limit)
        #expect(result.suppressed == 5)
        #expect(result.errors.last?.hasPrefix("Content/data/usage.yaml:201:49: error: usage[199].requests") == true)
    }

    // MARK: - Issue 7: tags, control characters, sums past Int64

    @Test func reportsExplicitTagsAtTheirPosition() {
        let text = "usage:\n  - {date: 2026-11-03, service: Chat, requests: 1, cost: !!str 2}\n  - !!map {date: 2026-11-03, service: Chat, requests: 1, cost: 2}\n"
        let errors = readUsage(text, with: reader).errors
        #expect(errors.count == 2)
        #expect(errors.first?.hasPrefix("Content/data/usage.yaml:2:58: error: YAML: explicit tags such as !!str are not supported") == true, "\(errors)")
        #expect(errors.last?.hasPrefix("Content/data/usage.yaml:3:5: error: YAML: explicit tags such as !!map are not supported") == true, "\(errors)")
    }

    @Test func reportsAControlCharacterFromAnEscapeAtItsValue() {
        let text = "usage:\n  - {date: 2026-11-03, service: \"Ch\\x07at\\u0000\", requests: 1, cost: 2}\n"
        let result = readUsage(text, with: reader)
        #expect(result.rows == [])
        #expect(result.errors == [
            """
            Content/data/usage.yaml:2:33: error: usage[0].service: holds the control character U+0007 (BEL); control characters are not allowed, typed or escaped
              - {date: 2026-11-03, service: "Ch\\x07at\\u0000", requests: 1, cost: 2}
                                            ^
            """,
        ])
    }

    @Test func reportsASumPastInt64AtTheRecordThatCarriesIt() {
        let text = """
            usage:
              - {date: 2026-11-03, service: Chat, requests: 9223372036854775807, cost: 1}
              - {date: 2026-11-04, service: Chat, requests: 1, cost: 1}
              - {date: 2026-11-05, service: Chat, requests: 0, tokens: 9223372036854775807, cost: 1}
              - {date: 2026-11-06, service: Chat, requests: 0, tokens: 1, cost: 1}
            """
        let result = readUsage(text, with: reader)
        #expect(result.rows.count == 2)
        #expect(result.errors == [
            """
            Content/data/usage.yaml:3:5: error: usage[1].requests: 1 makes the requests of all usage records add up to more than Forge can sum exactly (9,223,372,036,854,775,807); check it for a wrong value, or split the data
              - {date: 2026-11-04, service: Chat, requests: 1, cost: 1}
                ^
            """,
            """
            Content/data/usage.yaml:5:5: error: usage[3].tokens: 1 makes the tokens of all usage records add up to more than Forge can sum exactly (9,223,372,036,854,775,807); check it for a wrong value, or split the data
              - {date: 2026-11-06, service: Chat, requests: 0, tokens: 1, cost: 1}
                ^
            """,
        ])
    }
}
