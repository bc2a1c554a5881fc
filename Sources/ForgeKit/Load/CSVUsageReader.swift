import Foundation

/// Reads a `usage/*.csv` file: a header naming the columns, in any order (`date`, `service`,
/// `requests` and `cost` required; `key`, `tokens` and `model` optional), then one record per row
/// (RFC 4180 quoting; CRLF or LF; optional values may be empty).
///
/// An unknown column is an error with a did-you-mean, and so is a file with no records (empty,
/// or the header alone): a truncated export must not publish a dashboard that lacks a month.
/// Errors name the field as `row 12.cost`, where row 12 is what a spreadsheet shows (the header
/// is row 1, and a quoted line break does not start a row), and sit at the field's line and column.
/// Values are checked by `UsageRecordDraft`, as YAML's are, so both say the same; CSV has no
/// types, so a quoted `"12"` is the number 12. Blank lines are skipped.
public struct CSVUsageReader: UsageReader {
    public init() {}

    public func read(_ data: Data, displayPath: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable {
        withContentBytes(of: data) { bytes in
            var scanner = CSVScanner(bytes: bytes)
            var source = SourceBytes(displayPath: displayPath, bytes: bytes)
            var table = UsageTable()
            var totals = context.totals
            var fields: [CSVScanner.Field] = []
            fields.reserveCapacity(8)
            do throws(CSVScanner.Failure) {
                guard try scanner.next(into: &fields) else {
                    source.report(.noUsageRecords(CSVUsageReader.noRecords("is empty")), line: nil, column: nil, diagnostics: &diagnostics)
                    return table
                }
            } catch {
                report(error, source: &source, diagnostics: &diagnostics)
                return table
            }
            if let problem = loneCarriageReturn(source) {
                source.report(problem, line: 1, column: 1, diagnostics: &diagnostics)
                return table
            }
            guard let columns = header(fields, scanner: scanner, source: &source, diagnostics: &diagnostics) else { return table }
            var row = 1
            var sawRecord = false
            while true {
                do throws(CSVScanner.Failure) {
                    guard try scanner.next(into: &fields) else { break }
                    row += 1
                    if readRow(fields, columns: columns, row: row, scanner: scanner, source: &source, context: context,
                               into: &table, totals: &totals, diagnostics: &diagnostics) {
                        sawRecord = true
                    }
                } catch {
                    row += 1
                    sawRecord = true
                    report(error, source: &source, diagnostics: &diagnostics)
                    scanner.skipLine()
                }
            }
            if !sawRecord {
                source.report(.noUsageRecords(CSVUsageReader.noRecords("has a header but no rows")), line: 1, column: 1,
                    diagnostics: &diagnostics)
            }
            return table
        }
    }

    /// "…: a truncated export must not …", for an empty or header-only file.
    static func noRecords(_ what: String) -> String {
        "this usage file \(what): a truncated export must not publish a dashboard that silently lacks its records; "
            + "write the records, or delete the file"
    }

    /// The field each column holds, from the header's names; nil (and every problem reported) when
    /// a name is unknown or repeated, or a required column is missing.
    private func header(_ fields: [CSVScanner.Field], scanner: CSVScanner, source: inout SourceBytes,
                        diagnostics: inout Diagnostics) -> [UsageField]? {
        let names = fields.map { scanner.text(of: $0) ?? "" }
        let columns = names.map { UsageField(name: $0) }
        let firstLine = String(decoding: source.bytes.prefix { $0 != UInt8(ascii: "\n") }.prefix(80), as: UTF8.self).trimmingSuffixCR()
        let known = "the columns are " + UsageField.names.joined(separator: ", ")
        let rule = known + ", in any order; date, service, requests and cost are required"
        guard columns.contains(where: { $0 != nil }) else {
            source.report(.csvHeader("the first line must be the header naming the columns, found \"\(firstLine)\"; " + rule),
                          line: 1, column: 1, diagnostics: &diagnostics)
            return nil
        }
        var sound = true
        var seen: UInt8 = 0
        var suggested: Set<String> = []
        for (index, field) in fields.enumerated() {
            let column = source.column(of: field.start, lineStart: field.lineStart)
            guard let usageField = columns[index] else {
                sound = false
                let name = names[index]
                let suggestion = NodeReader.closest(to: name.lowercased(), in: UsageField.names)
                if let suggestion { suggested.insert(suggestion) }
                let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
                let problem = name.isEmpty ? "a column has no name" : "unknown column \"\(name)\"\(hint)"
                source.report(.invalidValue(field: "header", problem: problem + "; " + known), line: field.line, column: column,
                    diagnostics: &diagnostics)
                continue
            }
            if seen & usageField.bit != 0 {
                sound = false
                source.report(.invalidValue(field: "header", problem: "the column \"\(usageField.name)\" appears twice"),
                              line: field.line, column: column, diagnostics: &diagnostics)
            }
            seen |= usageField.bit
        }
        // A misspelt required column is already reported with its did-you-mean.
        let missing = UsageField.allCases.filter { $0.isRequired && seen & $0.bit == 0 && !suggested.contains($0.name) }
            .map { "\"\($0.name)\"" }
        if !missing.isEmpty {
            sound = false
            source.report(.invalidValue(field: "header", problem: "the required column\(missing.count == 1 ? "" : "s") "
                                        + missing.joined(separator: " and ") + " \(missing.count == 1 ? "is" : "are") missing, found " +
                                            "\"\(firstLine)\"; " + rule),
                          line: 1, column: 1, diagnostics: &diagnostics)
        }
        return sound ? columns.compactMap { $0 } : nil
    }

    /// Reads one row; false for a blank line (which is not a record).
    private func readRow(_ fields: [CSVScanner.Field], columns: [UsageField], row: Int, scanner: CSVScanner, source: inout SourceBytes,
                         context: UsageReadContext, into table: inout UsageTable, totals: inout UsageTotals,
                         diagnostics: inout Diagnostics) -> Bool {
        guard fields.count == columns.count else {
            if fields.count == 1, fields[0].start == fields[0].end { return false } // a blank line
            let problem = "has \(fields.count) field\(fields.count == 1 ? "" : "s"), expected \(columns.count): "
                + columns.map(\.name).joined(separator: ",")
            source.report(.invalidValue(field: "row \(row)", problem: problem), line: scanner.recordLine, column: 1,
                diagnostics: &diagnostics)
            return true
        }
        var draft = UsageRecordDraft()
        for (field, usageField) in zip(fields, columns) {
            guard let text = scanner.text(of: field) else {
                draft.isSound = false
                let (line, column) = invalidUTF8Position(in: field, scanner: scanner, source: source)
                source.report(.invalidUTF8, line: line, column: column, diagnostics: &diagnostics)
                continue
            }
            if let (line, column, control) = controlCharacter(in: field, scanner: scanner, source: source) {
                // At the character itself; the line is not quoted (`SourceBytes` quotes no line
                // with a control character in it).
                draft.isSound = false
                source.report(.invalidValue(field: "row \(row).\(usageField.name)",
                    problem: "holds the control character \(YAMLLimits.name(of: control)); control characters are not allowed"),
                              line: line, column: column, diagnostics: &diagnostics)
                continue
            }
            if text.isEmpty {
                if usageField.isRequired {
                    draft.isSound = false
                    source.report(.invalidValue(field: "row \(row).\(usageField.name)", problem: "a value is required"), line: field.line,
                        column: source.column(of: field.start, lineStart: field.lineStart), diagnostics: &diagnostics)
                }
                continue
            }
            if let problem = draft.set(usageField, to: text, isPlain: true, context: context) {
                source.report(problem.reason(field: "row \(row).\(usageField.name)", found: "\"\(text)\""), line: field.line,
                    column: source.column(of: field.start, lineStart: field.lineStart), diagnostics: &diagnostics)
            }
        }
        if let overflow = draft.append(to: &table, totals: &totals, line: scanner.recordLine, column: 1, displayPath: source.displayPath) {
            source.report(.invalidValue(field: "row \(row).\(overflow.name)",
                problem: UsageTotals.overflow(overflow, value: draft.text(of: overflow))),
                          line: scanner.recordLine, column: 1, diagnostics: &diagnostics)
        }
        return true
    }

    /// The first control character of a field (C0 but tab, line feed and carriage return; DEL;
    /// C1), with its line and column.
    private func controlCharacter(in field: CSVScanner.Field, scanner: CSVScanner, source: SourceBytes) -> (Int, Int, Unicode.Scalar)? {
        let bytes = scanner.rawBytes(of: field)
        guard bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F
            || $0 == 0xC2 }) else { return nil }
        var line = field.line
        var column = source.column(of: field.start, lineStart: field.lineStart)
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if YAMLLimits.isControl(scalar) { return (line, column, scalar) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// A first line broken by a lone CR (old Mac line ends) reads as one long header: say why.
    private func loneCarriageReturn(_ source: SourceBytes) -> ContentError.Reason? {
        let firstLine = source.bytes.prefix { $0 != UInt8(ascii: "\n") }
        guard firstLine.dropLast().contains(UInt8(ascii: "\r")) else { return nil }
        return .csvHeader("the first line must be the header (such as \"\(UsageField.csvHeader)\"), and lines must end with LF or CRLF; "
                      + "this file ends them with a lone CR (save it with Unix or Windows line endings)")
    }

    private func report(_ failure: CSVScanner.Failure, source: inout SourceBytes, diagnostics: inout Diagnostics) {
        let column = source.column(of: failure.offset, lineStart: failure.lineStart)
        source.report(.syntax(failure.message), line: failure.line, column: column, diagnostics: &diagnostics)
    }

    /// The line and column of the first byte of `field` that breaks UTF-8.
    private func invalidUTF8Position(in field: CSVScanner.Field, scanner: CSVScanner, source: SourceBytes) -> (Int, Int) {
        let (line, column, _) = SourceText.locateInvalidUTF8(Array(scanner.rawBytes(of: field)))
        guard line == 1 else { return (field.line + line - 1, column) }
        return (field.line, source.column(of: field.start, lineStart: field.lineStart) + column - 1)
    }
}
