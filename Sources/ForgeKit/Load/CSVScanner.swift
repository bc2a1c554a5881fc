/// Splits RFC 4180 CSV in memory into records of fields, as byte ranges: no `String` per line,
/// none per field until the caller asks for a value.
///
/// Records end at LF or CRLF (a lone CR is data); a quoted field may hold commas, quotes written
/// twice and line breaks. Each field remembers its line, so errors point at the field itself.
struct CSVScanner {
    struct Field {
        /// The first byte (the opening quote of a quoted field) and one past the last.
        var start: Int
        var end: Int
        var isQuoted: Bool
        /// A quoted field with `""` inside, which its value turns into `"`.
        var hasDoubledQuotes: Bool
        var line: Int
        /// Where `line` starts, for the field's column.
        var lineStart: Int
    }

    /// Text that is not CSV; the scanner can go on at the next line.
    struct Failure: Error {
        var message: String
        var offset: Int
        var line: Int
        var lineStart: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    /// The line on which the last record began.
    private(set) var recordLine = 1

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes.assumingMemoryBound(to: UInt8.self)
    }

    /// Reads the next record into `fields` (emptied first); false at the end of the input.
    mutating func next(into fields: inout [Field]) throws(Failure) -> Bool {
        fields.removeAll(keepingCapacity: true)
        guard offset < bytes.count else { return false }
        recordLine = line
        while true {
            let field = bytes[offset] == quote ? try quotedField() : try plainField()
            fields.append(field)
            guard offset < bytes.count else { return true }
            switch bytes[offset] {
            case comma:
                offset += 1
                // A comma that ends the input ends the record with an empty last field.
                if offset == bytes.count {
                    fields.append(Field(start: offset, end: offset, isQuoted: false, hasDoubledQuotes: false, line: line,
                        lineStart: lineStart))
                    return true
                }
            case carriageReturn: // plainField and quotedField stop at a CR only before an LF
                offset += 2
                newLine()
                return true
            default: // LF
                offset += 1
                newLine()
                return true
            }
        }
    }

    /// Goes past the end of the current line, to go on after a failure.
    mutating func skipLine() {
        while offset < bytes.count, bytes[offset] != lineFeed { offset += 1 }
        if offset < bytes.count {
            offset += 1
            newLine()
        }
    }

    /// The field's text (quotes removed, doubled quotes undone); nil when it is not UTF-8.
    func text(of field: Field) -> String? {
        guard field.isQuoted else { return Self.string(UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])) }
        let inner = UnsafeBufferPointer(rebasing: bytes[(field.start + 1)..<(field.end - 1)])
        guard field.hasDoubledQuotes else { return Self.string(inner) }
        var unquoted: [UInt8] = []
        unquoted.reserveCapacity(inner.count)
        var index = inner.startIndex
        while index < inner.endIndex {
            unquoted.append(inner[index])
            index += inner[index] == quote ? 2 : 1
        }
        return String(validating: unquoted, as: UTF8.self)
    }

    /// Validated UTF-8 as a `String`. ASCII, nearly every field, takes the inlinable path:
    /// `String(validating:)` is not specialized and looks up generic metadata on every call.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The field's raw bytes as the file has them, quotes included.
    func rawBytes(of field: Field) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    // MARK: - Fields

    private mutating func plainField() throws(Failure) -> Field {
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case comma, lineFeed:
                return Field(start: start, end: offset, isQuoted: false, hasDoubledQuotes: false, line: line, lineStart: lineStart)
            case carriageReturn where offset + 1 < bytes.count && bytes[offset + 1] == lineFeed:
                return Field(start: start, end: offset, isQuoted: false, hasDoubledQuotes: false, line: line, lineStart: lineStart)
            case quote:
                throw failure("CSV: a quote inside a field that does not start with one; quote the whole field and write the quote twice " +
                    "(\"\")")
            default:
                offset += 1
            }
        }
        return Field(start: start, end: offset, isQuoted: false, hasDoubledQuotes: false, line: line, lineStart: lineStart)
    }

    private mutating func quotedField() throws(Failure) -> Field {
        let opening = failure("CSV: this quoted field is never closed; add the closing quote")
        let (start, startLine, startLineStart) = (offset, line, lineStart)
        var hasDoubledQuotes = false
        offset += 1
        while true {
            guard offset < bytes.count else { throw opening }
            switch bytes[offset] {
            case quote where offset + 1 < bytes.count && bytes[offset + 1] == quote:
                hasDoubledQuotes = true
                offset += 2
            case quote:
                offset += 1
                let field = Field(start: start, end: offset, isQuoted: true, hasDoubledQuotes: hasDoubledQuotes, line: startLine,
                    lineStart: startLineStart)
                guard offset < bytes.count else { return field }
                switch bytes[offset] {
                case comma, lineFeed: return field
                case carriageReturn where offset + 1 < bytes.count && bytes[offset + 1] == lineFeed: return field
                default: throw failure("CSV: a quoted field must end at its closing quote; write a quote inside it twice (\"\")")
                }
            case lineFeed:
                offset += 1
                newLine()
            default:
                offset += 1
            }
        }
    }

    private mutating func newLine() {
        line += 1
        lineStart = offset
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, offset: offset, line: line, lineStart: lineStart)
    }
}

private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let lineFeed = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
