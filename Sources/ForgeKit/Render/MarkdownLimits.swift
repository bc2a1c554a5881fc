/// Bounds on what one doc may ask of libcmark-gfm, checked before it parses anything.
///
/// Debian's libcmark-gfm 0.29.0.gfm.6 fills every short table row up to the header's width
/// (later releases cap this), so the work and memory of a table grow with columns × rows even
/// when the rows are empty: a 12 KB doc of 2,000 `-|` columns and 2,000 one-letter rows takes
/// 14 s and 1 GB, 4,000 × 4,000 takes 80 s and 3.9 GB; 250,000 cells take 0.12 s and 60 MB
/// (cmark-gfm's own command line on this machine, report of issue 7). So:
/// - a table of more than `maximumColumns` columns, or of more than `maximumCells` cells
///   (columns × rows, filled or not), is an error at its delimiter row, and so is the table
///   that takes a doc's tables past `maximumDocCells` in all (many tables just under the bound);
/// - a doc of more than `maximumBytes` is an error (the largest real docs are a few hundred KB).
///
/// The scan is conservative and linear: any line that reads as a table delimiter row (`|`,
/// `-`, `:` and spaces, after blockquote and list markers) counts as a table whose rows run to
/// the next blank line, whether cmark would make it a table or not. Real docs never come near
/// the bounds, so counting a code block's ASCII art as a table costs nothing.
enum MarkdownLimits {
    static let maximumBytes = 4 * 1_024 * 1_024
    static let maximumColumns = 256
    static let maximumCells = 200_000
    static let maximumDocCells = 500_000

    struct Violation: Equatable {
        /// 1-based, within the Markdown given.
        var line: Int
        var message: String
    }

    static func check(_ markdown: Substring) -> Violation? {
        let bytes = Array(markdown.utf8)
        var lineNumber = 0
        var start = 0
        var table: (line: Int, columns: Int, rows: Int)?
        var total = 0

        func finish(_ table: (line: Int, columns: Int, rows: Int)) -> Violation? {
            let cells = table.columns * table.rows
            total += cells
            if cells > maximumCells {
                return Violation(line: table.line,
                    message: "this table has \(table.columns) columns and \(table.rows) rows (\(cells) cells); Forge renders tables of " +
                    "at most \(maximumCells) cells (split the table)")
            }
            if total > maximumDocCells {
                return Violation(line: table.line,
                    message: "with this table the doc's tables have \(total) cells; Forge renders at most \(maximumDocCells) table cells " +
                    "per doc (split the doc)")
            }
            return nil
        }

        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            let line = content(of: bytes[start..<end])
            if line.isEmpty {
                if let open = table, let violation = finish(open) { return violation }
                table = nil
            } else if let columns = delimiterColumns(line) {
                if columns > maximumColumns {
                    return Violation(line: lineNumber,
                        message: "this table row has \(columns) cells; Forge renders tables of at most \(maximumColumns) columns (split " +
                        "the table)")
                }
                if let open = table, let violation = finish(open) { return violation }
                table = (lineNumber, columns, 2)
            } else if table != nil {
                table?.rows += 1
            }
            if end == bytes.count { break }
            start = end + 1
        }
        return table.flatMap(finish)
    }

    /// The line without blockquote markers, list markers and surrounding spaces.
    static func content(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = line
        while let first = rest.first {
            if first == 0x20 || first == 0x09 || first == 0x0D || first == UInt8(ascii: ">") {
                rest = rest.dropFirst()
            } else if (first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")),
                      rest.dropFirst().first == 0x20 {
                rest = rest.dropFirst(2)
            } else {
                break
            }
        }
        while let last = rest.last, last == 0x20 || last == 0x09 || last == 0x0D { rest = rest.dropLast() }
        return rest
    }

    /// The number of cells when `line` reads as a delimiter row (`|:--|--:|`, `-|-`), else nil.
    static func delimiterColumns(_ line: ArraySlice<UInt8>) -> Int? {
        var pipes = 0, dashes = 0
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"): pipes += 1
            case UInt8(ascii: "-"): dashes += 1
            case UInt8(ascii: ":"), 0x20, 0x09: continue
            default: return nil
            }
        }
        guard pipes > 0, dashes > 0 else { return nil }
        var cells = pipes + 1
        if line.first == UInt8(ascii: "|") { cells -= 1 }
        if line.last == UInt8(ascii: "|"), line.count > 1 { cells -= 1 }
        return max(1, cells)
    }
}
