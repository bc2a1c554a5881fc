/// A usage file's bytes, for quoting a line under an error message without ever holding the
/// file as a `String`.
///
/// Lines are found on demand: errors of one file come mostly in file order, so a cursor
/// continues from the last line found and a file with many errors is still scanned about once.
/// The bytes belong to the caller and must outlive this value.
struct SourceBytes {
    let displayPath: String
    let bytes: UnsafeRawBufferPointer
    private var cursorLine = 1
    private var cursorOffset = 0

    init(displayPath: String, bytes: UnsafeRawBufferPointer) {
        self.displayPath = displayPath
        self.bytes = bytes
    }

    /// Reports `reason` at `line:column`, quoting the line while `diagnostics` still keeps errors.
    mutating func report(_ reason: ContentError.Reason, line: Int?, column: Int?, diagnostics: inout Diagnostics) {
        let location = SourceLocation(path: displayPath, line: line, column: column)
        let keeps = diagnostics.items.count < Diagnostics.limit
        let sourceLine = keeps ? line.flatMap { self.text(ofLine: $0) } : nil
        diagnostics.report(ContentError(reason, at: location, sourceLine: sourceLine))
    }

    /// The text of 1-based line `number`, without its line break; nil past the end.
    mutating func text(ofLine number: Int) -> String? {
        guard number >= 1 else { return nil }
        if number < cursorLine {
            cursorLine = 1
            cursorOffset = 0
        }
        while cursorLine < number {
            guard let newline = nextNewline(from: cursorOffset) else { return nil }
            cursorOffset = newline + 1
            cursorLine += 1
        }
        return text(ofLineStartingAt: cursorOffset)
    }

    /// Longer lines are not quoted: a minified JSON export is one line of megabytes, and an
    /// excerpt can not be cut without moving the caret away from the error's column.
    static let maximumExcerptBytes = 1_000

    /// The text of the line that starts at byte `start`, without its line break; nil for a line
    /// longer than `maximumExcerptBytes` or holding control characters.
    func text(ofLineStartingAt start: Int) -> String? {
        guard start <= bytes.count else { return nil }
        let limit = min(bytes.count, start + SourceBytes.maximumExcerptBytes + 2)
        guard var end = bytes[start..<limit].firstIndex(of: UInt8(ascii: "\n")) ?? (limit == bytes.count ? limit : nil) else { return nil }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end - start <= SourceBytes.maximumExcerptBytes,
              // A control character (a lone CR above all) would garble the terminal, not show.
              !bytes[start..<end].contains(where: { $0 < 0x20 && $0 != UInt8(ascii: "\t") }) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The 1-based column of byte `offset` on the line starting at `lineStart`, counted in
    /// Unicode scalars as libyaml counts them (UTF-8 continuation bytes do not count).
    func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for index in lineStart..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    /// The 1-based line and column of byte `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, column(of: offset, lineStart: lineStart))
    }

    private func nextNewline(from offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        return bytes[offset...].firstIndex(of: UInt8(ascii: "\n"))
    }
}
