import Foundation

/// Reads a `usage/*.csv` file: the header `date,service,key,requests,tokens,cost` exactly, then
/// one record per row (RFC 4180 quoting; CRLF or LF; `key` and `tokens` may be empty).
///
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
                guard try scanner.next(into: &fields) else { return table } // an empty file
            } catch {
                report(error, source: &source, diagnostics: &diagnostics)
                return table
            }
            guard fields.count == UsageField.allCases.count,
                  zip(fields, UsageField.names).allSatisfy({ scanner.text(of: $0) == $1 }) else {
                source.report(headerProblem(source), line: 1, column: 1, diagnostics: &diagnostics)
                return table
            }
            var row = 1
            while true {
                do throws(CSVScanner.Failure) {
                    guard try scanner.next(into: &fields) else { break }
                    row += 1
                    readRow(fields, row: row, scanner: scanner, source: &source, context: context, into: &table, totals: &totals, diagnostics: &diagnostics)
                } catch {
                    row += 1
                    report(error, source: &source, diagnostics: &diagnostics)
                    scanner.skipLine()
                }
            }
            return table
        }
    }

    private func readRow(_ fields: [CSVScanner.Field], row: Int, scanner: CSVScanner, source: inout SourceBytes,
                         context: UsageReadContext, into table: inout UsageTable, totals: inout UsageTotals, diagnostics: inout Diagnostics) {
        guard fields.count == UsageField.allCases.count else {
            if fields.count == 1, fields[0].start == fields[0].end { return } // a blank line
            let problem = "has \(fields.count) field\(fields.count == 1 ? "" : "s"), expected \(UsageField.allCases.count): \(UsageField.csvHeader)"
            source.report(.invalidValue(field: "row \(row)", problem: problem), line: scanner.recordLine, column: 1, diagnostics: &diagnostics)
            return
        }
        var draft = UsageRecordDraft()
        for (field, usageField) in zip(fields, UsageField.allCases) {
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
                source.report(.invalidValue(field: "row \(row).\(usageField.name)", problem: "holds the control character \(YAMLLimits.name(of: control)); control characters are not allowed"),
                              line: line, column: column, diagnostics: &diagnostics)
                continue
            }
            if text.isEmpty {
                if usageField.isRequired {
                    draft.isSound = false
                    source.report(.invalidValue(field: "row \(row).\(usageField.name)", problem: "a value is required"), line: field.line, column: source.column(of: field.start, lineStart: field.lineStart), diagnostics: &diagnostics)
                }
                continue
            }
            if let problem = draft.set(usageField, to: text, isPlain: true, context: context) {
                source.report(problem.reason(field: "row \(row).\(usageField.name)", found: "\"\(text)\""), line: field.line, column: source.column(of: field.start, lineStart: field.lineStart), diagnostics: &diagnostics)
            }
        }
        if let overflow = draft.append(to: &table, totals: &totals) {
            source.report(.invalidValue(field: "row \(row).\(overflow.name)", problem: UsageTotals.overflow(overflow, value: draft.text(of: overflow))),
                          line: scanner.recordLine, column: 1, diagnostics: &diagnostics)
        }
    }

    /// The first control character of a field (C0 but tab, line feed and carriage return; DEL;
    /// C1), with its line and column.
    private func controlCharacter(in field: CSVScanner.Field, scanner: CSVScanner, source: SourceBytes) -> (Int, Int, Unicode.Scalar)? {
        let bytes = scanner.rawBytes(of: field)
        guard bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 }) else { return nil }
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

    private func headerProblem(_ source: SourceBytes) -> ContentError.Reason {
        let expected = "the first line must be the header \"\(UsageField.csvHeader)\""
        let firstLine = source.bytes.prefix { $0 != UInt8(ascii: "\n") }
        if firstLine.dropLast().contains(UInt8(ascii: "\r")) {
            return .other(expected + ", and lines must end with LF or CRLF; this file ends them with a lone CR (save it with Unix or Windows line endings)")
        }
        var found = String(decoding: firstLine.prefix(80), as: UTF8.self).trimmingSuffixCR()
        if firstLine.count > 80 { found += "…" }
        return .other(expected + ", found \"\(found)\"")
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
