import Foundation
import Testing
@testable import ForgeKit

@Suite struct CSVUsageReaderTests {
    let reader = CSVUsageReader()
    let path = "Content/data/usage/2026-11.csv"

    // MARK: - Records

    @Test func readsRowsWithEmptyOptionalFieldsAndQuoting() {
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,Chat Completions,key_prod,1200,340000,12.34
            2026-11-03,Embeddings,,0,,0.000125
            2026-11-04,"Chat, ""beta""",key_dev,"3",,"7"
            2026-11-04,"Two
            lines",,1,,1
            """#, with: reader, path: path)
        #expect(result.errors == [])
        #expect(result.rows == [
            "2026-11-03 | Chat Completions | key_prod | 1200 | 340000 | 12.34",
            "2026-11-03 | Embeddings | - | 0 | - | 0.000125",
            "2026-11-04 | Chat, \"beta\" | key_dev | 3 | - | 7",
            "2026-11-04 | Two\nlines | - | 1 | - | 1",
        ])
    }

    @Test func readsCRLFAByteOrderMarkAndBlankLines() {
        let text = "\u{FEFF}date,service,key,requests,tokens,cost\r\n2026-11-03,Chat,,1,,1\r\n\r\n2026-11-04,Chat,,2,,2\r\n\n"
        let result = readUsage(text, with: reader, path: path)
        #expect(result.errors == [])
        #expect(result.rows == ["2026-11-03 | Chat | - | 1 | - | 1", "2026-11-04 | Chat | - | 2 | - | 2"])
    }

    // MARK: - v2: columns by name, models, no empty files

    @Test func readsColumnsInAnyOrderWithAModelAndWithoutOptionalOnes() {
        let result = readUsage(#"""
            cost,model,date,service,requests
            12.34,gpt-4o-mini,2026-11-03,Chat Completions,1200
            0.5,,2026-11-04,Embeddings,3
            """#, with: reader, path: path)
        #expect(result.errors == [])
        #expect(result.rows == ["2026-11-03 | Chat Completions | - | 1200 | - | 12.34", "2026-11-04 | Embeddings | - | 3 | - | 0.5"])
        #expect(result.models == ["gpt-4o-mini", "-"])
    }

    @Test func reportsAnUnknownColumnWithADidYouMeanAndReadsNoFurther() {
        let result = readUsage(#"""
            date,service,modle,requests,cost,region
            2026-11-03,Chat,gpt,1,1,eu
            """#, with: reader, path: path)
        #expect(result.errors == [
            #"""
            Content/data/usage/2026-11.csv:1:14: error: header: unknown column "modle" (did you mean "model"?); the columns are date, service, key, requests, tokens, cost, model
            date,service,modle,requests,cost,region
                         ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:1:34: error: header: unknown column "region"; the columns are date, service, key, requests, tokens, cost, model
            date,service,modle,requests,cost,region
                                             ^
            """#,
        ])
        #expect(result.rows == [])
    }

    @Test func reportsMissingRequiredColumnsAndRepeatedOnes() {
        let missing = readUsage("date,service,requests\n2026-11-03,Chat,1\n", with: reader, path: path)
        #expect(missing.errors == [#"""
            Content/data/usage/2026-11.csv:1:1: error: header: the required column "cost" is missing, found "date,service,requests"; the columns are date, service, key, requests, tokens, cost, model, in any order; date, service, requests and cost are required
            date,service,requests
            ^
            """#])
        let twice = readUsage("date,service,cost,requests,cost\n2026-11-03,Chat,1,1,1\n", with: reader, path: path)
        #expect(twice.errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/data/usage/2026-11.csv:1:28: error: header: the column "cost" appears twice"#,
        ])
        #expect(twice.rows == [])
    }

    @Test func aFirstLineWithNoColumnNameIsNotAHeader() {
        let result = readUsage("2026-11-03,Chat,,1,,1\n", with: reader, path: path)
        #expect(result.errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/data/usage/2026-11.csv:1:1: error: the first line must be the header naming the columns, found "2026-11-03,Chat,,1,,1"; the columns are date, service, key, requests, tokens, cost, model, in any order; date, service, requests and cost are required"#,
        ])
    }

    @Test(arguments: ["date,service,key,requests,tokens,cost", "date,service,key,requests,tokens,cost\n", "date,service,key,requests,tokens,cost\r\n\r\n"])
    func reportsAHeaderWithoutRows(text: String) {
        let result = readUsage(text, with: reader, path: path)
        #expect(result.errors == [#"""
            Content/data/usage/2026-11.csv:1:1: error: this usage file has a header but no rows: a truncated export must not publish a dashboard that silently lacks its records; write the records, or delete the file
            date,service,key,requests,tokens,cost
            ^
            """#])
    }

    @Test func reportsAnEmptyFile() {
        let result = readUsage("", with: reader, path: path)
        #expect(result.errors == [
            "Content/data/usage/2026-11.csv: error: this usage file is empty: a truncated export must not publish a dashboard that silently lacks its records; write the records, or delete the file",
        ])
    }

    // MARK: - The header and the shape of rows

    @Test func namesLoneCarriageReturnsAsTheReasonTheHeaderIsWrong() {
        let result = readUsage("date,service,key,requests,tokens,cost\r2026-11-03,Chat,,1,,1\r", with: reader, path: path)
        #expect(result.errors == [
            #"Content/data/usage/2026-11.csv:1:1: error: the first line must be the header (such as "date,service,key,requests,tokens,cost"), and lines must end with LF or CRLF; this file ends them with a lone CR (save it with Unix or Windows line endings)"#,
        ])
    }

    @Test func reportsARowWithTheWrongNumberOfFields() {
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,Chat,,1,1
            2026-11-03,Chat,,1,,1,
            2026-11-04,Chat,,4,,4
            """#, with: reader, path: path)
        #expect(result.errors == [
            #"""
            Content/data/usage/2026-11.csv:2:1: error: row 2: has 5 fields, expected 6: date,service,key,requests,tokens,cost
            2026-11-03,Chat,,1,1
            ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:3:1: error: row 3: has 7 fields, expected 6: date,service,key,requests,tokens,cost
            2026-11-03,Chat,,1,,1,
            ^
            """#,
        ])
        #expect(result.rows == ["2026-11-04 | Chat | - | 4 | - | 4"])
    }

    // MARK: - Values

    @Test func reportsWrongValuesAtTheirFields() {
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,Chat,key_prod,1,,ten
            2026-11-04,"Chat, ""beta""",,-5,,1
            2026-02-30,Chat,key_x,1,2,0.1234567
            """#, with: reader, path: path)
        #expect(result.errors == [
            #"""
            Content/data/usage/2026-11.csv:2:29: error: row 2.cost: expected a number, found "ten"
            2026-11-03,Chat,key_prod,1,,ten
                                        ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:3:30: error: row 3.requests: must not be negative, found -5
            2026-11-04,"Chat, ""beta""",,-5,,1
                                         ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:4:1: error: row 4.date: "2026-02-30" is not a real UTC day in the form YYYY-MM-DD
            2026-02-30,Chat,key_x,1,2,0.1234567
            ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:4:17: error: row 4.key: no key in keys.yaml has the id "key_x"
            2026-02-30,Chat,key_x,1,2,0.1234567
                            ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:4:27: error: row 4.cost: 0.1234567 is not a plain decimal amount below 10^12 with at most 6 decimals
            2026-02-30,Chat,key_x,1,2,0.1234567
                                      ^
            """#,
        ])
        #expect(result.rows == [])
    }

    @Test func reportsEmptyRequiredFields() {
        let result = readUsage("date,service,key,requests,tokens,cost\n2026-11-03,,,1,,\n", with: reader, path: path)
        #expect(result.errors == [
            #"""
            Content/data/usage/2026-11.csv:2:12: error: row 2.service: a value is required
            2026-11-03,,,1,,
                       ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:2:17: error: row 2.cost: a value is required
            2026-11-03,,,1,,
                            ^
            """#,
        ])
    }

    @Test func namesRowsAsASpreadsheetDoesAndLinesAsAnEditorDoes() {
        // The record with a quoted line break is row 2 (lines 2-3), the blank line row 3: line 5 is row 4.
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,"Two
            lines",,1,,1

            2026-11-05,"Café ☕️",,x,,1
            """#, with: reader, path: path)
        #expect(result.errors == [#"""
            Content/data/usage/2026-11.csv:5:23: error: row 4.requests: expected a whole number, found "x"
            2026-11-05,"Café ☕️",,x,,1
                                  ^
            """#])
    }

    // MARK: - Quoting and bytes

    @Test func reportsQuotesOutOfPlaceAndGoesOnAtTheNextLine() {
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,Ch"at,,1,,1
            2026-11-03,"Chat"x,,1,,1
            2026-11-04,Chat,,4,,4
            """#, with: reader, path: path)
        #expect(result.errors == [
            #"""
            Content/data/usage/2026-11.csv:2:14: error: CSV: a quote inside a field that does not start with one; quote the whole field and write the quote twice ("")
            2026-11-03,Ch"at,,1,,1
                         ^
            """#,
            #"""
            Content/data/usage/2026-11.csv:3:18: error: CSV: a quoted field must end at its closing quote; write a quote inside it twice ("")
            2026-11-03,"Chat"x,,1,,1
                             ^
            """#,
        ])
        #expect(result.rows == ["2026-11-04 | Chat | - | 4 | - | 4"])
    }

    @Test func reportsAQuoteThatIsNeverClosedAtTheQuote() {
        let result = readUsage(#"""
            date,service,key,requests,tokens,cost
            2026-11-03,Chat,,1,,1
            2026-11-04,"Chat,,1,,1
            2026-11-05,Chat,,1,,1
            """#, with: reader, path: path)
        #expect(result.errors == [#"""
            Content/data/usage/2026-11.csv:3:12: error: CSV: this quoted field is never closed; add the closing quote
            2026-11-04,"Chat,,1,,1
                       ^
            """#])
        #expect(result.rows == ["2026-11-03 | Chat | - | 1 | - | 1"])
    }

    @Test func reportsInvalidUTF8AtTheByte() {
        let bytes = Data("date,service,key,requests,tokens,cost\n2026-11-03,Caf".utf8) + Data([0xE9]) + Data(",,1,,1\n".utf8)
        #expect(readUsage(bytes, with: reader, path: path).errors == [#"""
            Content/data/usage/2026-11.csv:2:15: error: the file is not valid UTF-8
            2026-11-03,Caf\#u{FFFD},,1,,1
                          ^
            """#])
    }

    // MARK: - Issue 7: control characters, sums past Int64

    @Test(arguments: [(UInt8(0x00), "U+0000 (NUL)"), (0x07, "U+0007 (BEL)"), (0x1B, "U+001B (ESC)"), (0x7F, "U+007F (DEL)")])
    func reportsAControlCharacterAtItsColumnWithoutQuotingTheLine(_ byte: UInt8, _ name: String) {
        let bytes = Data("date,service,key,requests,tokens,cost\n2026-11-03,Ch".utf8) + Data([byte]) + Data("at,,1,,1\n2026-11-04,\"Two\nli".utf8)
            + Data([byte]) + Data("nes\",,1,,1\n".utf8)
        let result = readUsage(bytes, with: reader, path: path)
        #expect(result.rows == [])
        // The line is quoted only where no terminal would act on it (DEL), and printed escaped.
        #expect(result.errors.map { String($0.prefix { $0 != "\n" }) } == [
            "Content/data/usage/2026-11.csv:2:14: error: row 2.service: holds the control character \(name); control characters are not allowed",
            "Content/data/usage/2026-11.csv:4:3: error: row 3.service: holds the control character \(name); control characters are not allowed",
        ])
    }

    @Test func reportsASumPastInt64AtTheRow() {
        let result = readUsage("""
            date,service,key,requests,tokens,cost
            2026-11-03,Chat,,9223372036854775807,,1
            2026-11-04,Chat,,1,,1
            """, with: reader, path: path)
        #expect(result.rows.count == 1)
        #expect(result.errors == [
            """
            Content/data/usage/2026-11.csv:3:1: error: row 3.requests: 1 makes the requests of all usage records add up to more than Forge can sum exactly (9,223,372,036,854,775,807); check it for a wrong value, or split the data
            2026-11-04,Chat,,1,,1
            ^
            """,
        ])
    }

    /// Found by FuzzTests: a comma at the very end of the file read past the end.
    @Test func readsATrailingCommaAtTheEndOfTheFile() {
        let result = readUsage("date,service,key,requests,tokens,cost\n2026-11-03,Chat,,1,,1,", with: reader, path: path)
        #expect(result.errors == [
            """
            Content/data/usage/2026-11.csv:2:1: error: row 2: has 7 fields, expected 6: date,service,key,requests,tokens,cost
            2026-11-03,Chat,,1,,1,
            ^
            """,
        ])
        // A header ending in a comma: an unnamed column, and no cost column (read by name since issue 10).
        let header = readUsage("date,service,key,requests,tokens,", with: reader, path: path).errors
        #expect(header.count == 2)
        #expect(header.first?.contains("a column has no name") == true)
        #expect(header.last?.contains("the required column \"cost\" is missing") == true)
    }
}
