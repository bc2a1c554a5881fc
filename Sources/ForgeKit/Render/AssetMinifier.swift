/// Strips what browsers do not need from the theme's CSS and JavaScript before fingerprinting:
/// comments, indentation, blank lines and runs of spaces. The dashboard page has a 100 KB budget
/// (PRODUCT.md §9), and the sources keep their comments (they say why).
///
/// Deliberately conservative, so it cannot change what code means:
/// - JavaScript keeps every line break (automatic semicolon insertion depends on them) and
///   copies strings, template literals and regular expressions byte for byte;
/// - CSS only drops comments and collapses whitespace; it never joins tokens.
public enum AssetMinifier {
    /// Minified bytes for `path` (by extension), or the bytes unchanged for other files.
    public static func minify(_ bytes: [UInt8], path: String) -> [UInt8] {
        if path.hasSuffix(".js") { return javaScript(bytes) }
        if path.hasSuffix(".css") { return css(bytes) }
        return bytes
    }

    // MARK: - JavaScript

    public static func javaScript(_ source: [UInt8]) -> [UInt8] {
        var scanner = JavaScriptScanner(source: source)
        return scanner.run()
    }

    // MARK: - CSS

    public static func css(_ source: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var index = 0
        var pendingSpace = false
        let count = source.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C }
        // No space is needed next to these.
        func isTight(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: ";")
            || byte == UInt8(ascii: ",") }
        while index < count {
            let byte = source[index]
            if byte == UInt8(ascii: "/"), index + 1 < count, source[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < count, !(source[index] == UInt8(ascii: "*") && source[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
                pendingSpace = true
                continue
            }
            if isSpace(byte) {
                pendingSpace = true
                index += 1
                continue
            }
            if pendingSpace, let last = out.last, !isTight(last), !isTight(byte) {
                out.append(0x20)
            }
            pendingSpace = false
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let end = copyString(source, from: index, into: &out)
                index = end
                continue
            }
            out.append(byte)
            index += 1
        }
        if !out.isEmpty { out.append(0x0A) }
        return out
    }

    /// Copies a quoted string starting at `start` (the quote) verbatim; returns the index after it.
    static func copyString(_ source: [UInt8], from start: Int, into out: inout [UInt8]) -> Int {
        let quote = source[start]
        out.append(quote)
        var index = start + 1
        while index < source.count {
            let byte = source[index]
            out.append(byte)
            index += 1
            if byte == UInt8(ascii: "\\"), index < source.count {
                out.append(source[index])
                index += 1
            } else if byte == quote || byte == 0x0A {
                break
            }
        }
        return index
    }
}

/// One pass over JavaScript source that knows where strings, template literals, regular
/// expressions and comments are, and drops comments and insignificant spaces.
struct JavaScriptScanner {
    let source: [UInt8]
    var index = 0
    var out: [UInt8] = []
    /// Open `${` of template literals, each with the brace depth of code inside it.
    var templateBraces: [Int] = []
    var pendingSpace = false

    init(source: [UInt8]) {
        self.source = source
        out.reserveCapacity(source.count)
    }

    mutating func run() -> [UInt8] {
        let count = source.count
        while index < count {
            let byte = source[index]
            switch byte {
            case 0x0A, 0x0D:
                newline()
                index += 1
            case 0x20, 0x09, 0x0B, 0x0C:
                pendingSpace = true
                index += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while index < count, source[index] != 0x0A { index += 1 }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                index += 2
                var sawNewline = false
                while index < count, !(source[index] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) {
                    if source[index] == 0x0A { sawNewline = true }
                    index += 1
                }
                index += 2
                if sawNewline { newline() } else { pendingSpace = true }
            case UInt8(ascii: "/") where regexAllowed():
                emitSpaceIfNeeded(before: byte)
                copyRegex()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                emitSpaceIfNeeded(before: byte)
                index = AssetMinifier.copyString(source, from: index, into: &out)
            case UInt8(ascii: "`"):
                emitSpaceIfNeeded(before: byte)
                out.append(byte)
                index += 1
                copyTemplate()
            case UInt8(ascii: "{"):
                emit(byte)
                if !templateBraces.isEmpty { templateBraces[templateBraces.count - 1] += 1 }
            case UInt8(ascii: "}"):
                if let depth = templateBraces.last, depth == 0 {
                    // The end of a `${…}`: back into the template literal.
                    templateBraces.removeLast()
                    out.append(byte)
                    index += 1
                    copyTemplate()
                } else {
                    if !templateBraces.isEmpty { templateBraces[templateBraces.count - 1] -= 1 }
                    emit(byte)
                }
            default:
                emit(byte)
            }
        }
        while out.last == 0x0A { out.removeLast() }
        if !out.isEmpty { out.append(0x0A) }
        return out
    }

    func peek(_ offset: Int) -> UInt8? {
        index + offset < source.count ? source[index + offset] : nil
    }

    /// A line break, unless the output line is empty (blank lines and comment-only lines go).
    mutating func newline() {
        pendingSpace = false
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    mutating func emit(_ byte: UInt8) {
        emitSpaceIfNeeded(before: byte)
        out.append(byte)
        index += 1
    }

    /// One space survives only between two characters that would otherwise merge into one token
    /// (`return x`, `a - -b`, `a + +b`, `1 .toFixed()`).
    mutating func emitSpaceIfNeeded(before byte: UInt8) {
        defer { pendingSpace = false }
        guard pendingSpace, let last = out.last, last != 0x0A else { return }
        if JavaScriptScanner.isWord(last) && JavaScriptScanner.isWord(byte) { out.append(0x20); return }
        if (last == UInt8(ascii: "+") || last == UInt8(ascii: "-")) && last == byte { out.append(0x20); return }
        if last == UInt8(ascii: "/") && byte == UInt8(ascii: "/") { out.append(0x20); return }
        if last >= 48 && last <= 57 && byte == UInt8(ascii: ".") { out.append(0x20); return }  // `1 .toString()`
        if JavaScriptScanner.isWord(last) && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")) {
            // `return"x"` is valid but `case"x"` reads badly in a stack trace; keep it readable.
            out.append(0x20)
        }
    }

    static func isWord(_ byte: UInt8) -> Bool {
        KeyFormat.isBase62(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "\\") || byte >= 0x80
    }

    /// Whether a `/` here starts a regular expression rather than a division: after an
    /// operator, an opening bracket, or a keyword such as `return`.
    func regexAllowed() -> Bool {
        var position = out.count - 1
        while position >= 0, out[position] == 0x20 || out[position] == 0x0A { position -= 1 }
        guard position >= 0 else { return true }
        let last = out[position]
        if "(,=:[!&|?{};+-*%<>~^".utf8.contains(last) { return true }
        guard JavaScriptScanner.isWord(last) else { return false }
        var start = position
        while start > 0, JavaScriptScanner.isWord(out[start - 1]) { start -= 1 }
        let word = String(decoding: out[start...position], as: UTF8.self)
        return ["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield",
            "await"].contains(word)
    }

    mutating func copyRegex() {
        var inClass = false
        out.append(source[index])
        index += 1
        while index < source.count {
            let byte = source[index]
            out.append(byte)
            index += 1
            if byte == UInt8(ascii: "\\"), index < source.count {
                out.append(source[index])
                index += 1
            } else if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "]") {
                inClass = false
            } else if (byte == UInt8(ascii: "/") && !inClass) || byte == 0x0A {
                break
            }
        }
        while index < source.count, JavaScriptScanner.isWord(source[index]) {
            out.append(source[index])
            index += 1
        }
    }

    /// Copies template literal text verbatim up to the closing backtick or a `${`.
    mutating func copyTemplate() {
        while index < source.count {
            let byte = source[index]
            out.append(byte)
            index += 1
            if byte == UInt8(ascii: "\\"), index < source.count {
                out.append(source[index])
                index += 1
            } else if byte == UInt8(ascii: "`") {
                return
            } else if byte == UInt8(ascii: "$"), index < source.count, source[index] == UInt8(ascii: "{") {
                out.append(source[index])
                index += 1
                templateBraces.append(0)
                return
            }
        }
    }
}
