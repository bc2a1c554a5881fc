/// What a highlighted piece of code is; its `rawValue` names the CSS class (`tok-keyword`).
/// Few on purpose: each needs a colour that passes contrast in light and dark (code.css).
enum TokenKind: String, CaseIterable, Sendable {
    case keyword, string, number, comment, literal, type, property, variable, function, meta
}

/// The cursor every tokenizer shares: UTF-8 bytes in, HTML out.
///
/// Text is escaped as it is copied (`&`, `<`, `>`, `"`), a token is wrapped in
/// `<span class="tok-…">`, and a token never spans a line break (each line's markup is whole,
/// so a browser selection or a diff of the output stays sane). Every scanning method moves
/// forward: a tokenizer that calls them in a loop runs in time linear in the input.
struct CodeScanner {
    let bytes: [UInt8]
    var position = 0
    private(set) var out: [UInt8] = []

    init(_ code: String) {
        bytes = Array(code.utf8)
        out.reserveCapacity(bytes.count * 2 + 64)
    }

    var isAtEnd: Bool { position >= bytes.count }
    var current: UInt8 { position < bytes.count ? bytes[position] : 0 }
    func peek(_ offset: Int = 1) -> UInt8 { position + offset < bytes.count ? bytes[position + offset] : 0 }

    var html: String { String(decoding: out, as: UTF8.self) }

    /// True when the text at the cursor is `literal` (ASCII).
    func matches(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard position + length <= bytes.count else { return false }
        let start = literal.utf8Start
        for offset in 0..<length where bytes[position + offset] != start[offset] { return false }
        return true
    }

    /// True when the line has only spaces and tabs before the cursor.
    var isAtLineStart: Bool {
        var index = position - 1
        while index >= 0 {
            switch bytes[index] {
            case 0x20, 0x09: index -= 1
            case 0x0A: return true
            default: return false
            }
        }
        return true
    }

    /// The last byte before the cursor that is not a space or tab (0 at the start).
    var previousSignificant: UInt8 {
        var index = position - 1
        while index >= 0, bytes[index] == 0x20 || bytes[index] == 0x09 { index -= 1 }
        return index >= 0 ? bytes[index] : 0
    }

    // MARK: Output

    /// Copies `start..<end` as plain (escaped) text.
    mutating func plain(_ start: Int, _ end: Int) {
        var index = start
        while index < end {
            appendEscaped(bytes[index])
            index += 1
        }
    }

    /// Copies the byte at the cursor as plain text and moves on (a whole UTF-8 sequence).
    mutating func advancePlain() {
        let end = CodeScanner.scalarEnd(bytes, position)
        plain(position, end)
        position = end
    }

    /// Wraps `start..<end` in a span of `kind`, line by line.
    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        guard end > start else { return }
        var lineStart = start
        var index = start
        while index <= end {
            if index == end || bytes[index] == 0x0A {
                if index > lineStart {
                    out.append(contentsOf: #"<span class="tok-"#.utf8)
                    out.append(contentsOf: kind.rawValue.utf8)
                    out.append(contentsOf: #"">"#.utf8)
                    plain(lineStart, index)
                    out.append(contentsOf: "</span>".utf8)
                }
                if index < end { out.append(0x0A) }
                lineStart = index + 1
            }
            index += 1
        }
    }

    /// Emits from `start` to the cursor as `kind`.
    mutating func emit(_ kind: TokenKind, from start: Int) { emit(kind, start, position) }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        case 0x3E: out.append(contentsOf: "&gt;".utf8)
        case 0x22: out.append(contentsOf: "&quot;".utf8)
        default: out.append(byte)
        }
    }

    // MARK: Scanning (each moves the cursor at least one byte when it returns true)

    /// Moves past an identifier (`[A-Za-z_$][A-Za-z0-9_$]*`, non-ASCII letters included);
    /// returns its text, or nil when none starts here.
    mutating func identifier(dollar: Bool = false) -> String? {
        guard CodeScanner.isIdentifierStart(current, dollar: dollar) else { return nil }
        let start = position
        while !isAtEnd, CodeScanner.isIdentifierPart(current, dollar: dollar) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Moves past a number (decimal, `0x`/`0o`/`0b`, `_` separators, fraction, exponent and
    /// a letter suffix such as `n` or `j`); false when none starts here.
    mutating func number() -> Bool {
        let start = position
        if current == UInt8(ascii: "."), CodeScanner.isDigit(peek()) {
            position += 1
        } else if !CodeScanner.isDigit(current) {
            return false
        }
        if current == UInt8(ascii: "0"),
            [UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "b"),
            UInt8(ascii: "B")].contains(peek()) {
            position += 2
            while !isAtEnd, CodeScanner.isHexDigit(current) || current == UInt8(ascii: "_") { position += 1 }
        } else {
            while !isAtEnd, CodeScanner.isDigit(current) || current == UInt8(ascii: "_") { position += 1 }
            if current == UInt8(ascii: "."), CodeScanner.isDigit(peek()) {
                position += 1
                while !isAtEnd, CodeScanner.isDigit(current) || current == UInt8(ascii: "_") { position += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                let sign = peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") ? 1 : 0
                if CodeScanner.isDigit(peek(1 + sign)) {
                    position += 1 + sign
                    while !isAtEnd, CodeScanner.isDigit(current) { position += 1 }
                }
            }
        }
        // Suffixes: 10n (BigInt), 1j (Python), 2i (Go), 1.5f, 10uL; not the start of a word ("3rd").
        var suffix = 0
        while suffix < 2, "nNjJiIfFuUlL".utf8.contains(current) {
            position += 1
            suffix += 1
        }
        if CodeScanner.isIdentifierPart(current) {
            position = start
            return false
        }
        return position > start
    }

    /// Moves past a string opened by `quote` at the cursor, to its closing quote, honouring
    /// backslash escapes; stops at the end of the line unless `multiline`.
    mutating func quoted(_ quote: UInt8, multiline: Bool = false, escapes: Bool = true) {
        position += 1
        while !isAtEnd {
            let byte = current
            if byte == 0x5C, escapes, position + 1 < bytes.count {
                position += 2
                continue
            }
            if byte == quote {
                position += 1
                return
            }
            if byte == 0x0A, !multiline { return }
            position += 1
        }
    }

    /// Moves past everything up to and including `terminator` (or to the end).
    mutating func skip(through terminator: StaticString, escapes: Bool = false) {
        while !isAtEnd {
            if escapes, current == 0x5C {
                position = min(position + 2, bytes.count)
                continue
            }
            if matches(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
    }

    /// Moves to the end of the line (not past its line break).
    mutating func skipToLineEnd() {
        while !isAtEnd, current != 0x0A { position += 1 }
    }

    /// Moves past spaces and tabs, copying them.
    mutating func copySpaces() {
        let start = position
        while !isAtEnd, current == 0x20 || current == 0x09 { position += 1 }
        plain(start, position)
    }

    // MARK: Characters

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
    static func isIdentifierStart(_ byte: UInt8, dollar: Bool = false) -> Bool {
        isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 || (dollar && byte == UInt8(ascii: "$"))
    }
    static func isIdentifierPart(_ byte: UInt8, dollar: Bool = false) -> Bool { isIdentifierStart(byte, dollar: dollar) || isDigit(byte) }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    /// The end of the UTF-8 sequence that starts at `index`.
    static func scalarEnd(_ bytes: [UInt8], _ index: Int) -> Int {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }
}
