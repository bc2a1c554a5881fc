/// YAML, line by line: `key:` as a property, `# comments` (at a line start or after a space),
/// quoted strings, numbers and `true`/`false`/`null`/`~` when they are the whole value,
/// `&anchors`/`*aliases` as variables, `!tags` as types, `---` as meta, and the lines of a
/// block scalar (`|`, `>`) as a string.
enum YAMLHighlighter {
    static func html(_ code: String) -> String {
        var scanner = CodeScanner(code)
        /// Inside a block scalar: the indentation of the key that opened it.
        var blockIndent: Int?
        while !scanner.isAtEnd {
            let lineStart = scanner.position
            var indent = 0
            while lineStart + indent < scanner.bytes.count, scanner.bytes[lineStart + indent] == 0x20 { indent += 1 }
            var lineEnd = lineStart
            while lineEnd < scanner.bytes.count, scanner.bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let isBlank = lineStart + indent == lineEnd || scanner.bytes[lineStart + indent] == 0x0D

            if let parent = blockIndent {
                if isBlank || indent > parent {
                    scanner.emit(.string, lineStart, lineEnd)
                    scanner.position = lineEnd
                    if !scanner.isAtEnd { scanner.advancePlain() }
                    continue
                }
                blockIndent = nil
            }
            if line(&scanner, lineStart: lineStart, lineEnd: lineEnd) {
                blockIndent = indent
            }
            scanner.position = lineEnd
            if !scanner.isAtEnd { scanner.advancePlain() }
        }
        return scanner.html
    }

    /// Highlights one line; true when it opens a block scalar (`key: |`).
    private static func line(_ scanner: inout CodeScanner, lineStart: Int, lineEnd: Int) -> Bool {
        scanner.position = lineStart
        scanner.copySpaces()
        if scanner.matches("---") || scanner.matches("...") {
            scanner.position += 3
            scanner.emit(.meta, from: scanner.position - 3)
        }
        // Sequence dashes: "- - item"
        while scanner.current == UInt8(ascii: "-"), scanner.peek() == 0x20 || scanner.peek() == 0x0A || scanner.position + 1 == lineEnd {
            scanner.advancePlain()
            scanner.copySpaces()
        }
        // A key: everything up to ": " (or ":" at the end of the line), unless the line is a comment or a quoted scalar.
        if let colon = keyEnd(scanner, lineEnd) {
            scanner.emit(.property, scanner.position, colon)
            scanner.position = colon
        }
        return value(&scanner, lineEnd)
    }

    /// Where a plain or quoted key ends (the colon), if this line has one at the cursor.
    private static func keyEnd(_ scanner: CodeScanner, _ lineEnd: Int) -> Int? {
        var index = scanner.position
        guard index < lineEnd, scanner.bytes[index] != UInt8(ascii: "#") else { return nil }
        let first = scanner.bytes[index]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            index += 1
            while index < lineEnd, scanner.bytes[index] != first {
                if first == UInt8(ascii: "\""), scanner.bytes[index] == 0x5C { index += 1 }
                index += 1
            }
            index += 1
            return index < lineEnd && scanner.bytes[index] == UInt8(ascii: ":") ? index : nil
        }
        if "[{&*!|>".utf8.contains(first) { return nil }
        while index < lineEnd {
            let byte = scanner.bytes[index]
            if byte == UInt8(ascii: ":"), index + 1 == lineEnd || [0x20, 0x09, 0x0D].contains(scanner.bytes[index + 1]) { return index }
            if byte == UInt8(ascii: "#"), index > scanner.position, scanner.bytes[index - 1] == 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// The rest of a line after the key: returns true when it is a block scalar indicator.
    private static func value(_ scanner: inout CodeScanner, _ lineEnd: Int) -> Bool {
        var opensBlock = false
        while scanner.position < lineEnd {
            let start = scanner.position
            let byte = scanner.current
            switch byte {
            case 0x20, 0x09, 0x0D, UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"):
                scanner.advancePlain()
            case UInt8(ascii: "#") where start == 0 || [0x20, 0x09].contains(scanner.bytes[start - 1]):
                scanner.position = lineEnd
                scanner.emit(.comment, from: start)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                scanner.quoted(byte, escapes: byte == UInt8(ascii: "\""))
                scanner.position = min(scanner.position, lineEnd)
                scanner.emit(.string, from: start)
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
                while scanner.position < lineEnd,
                    ![0x20, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(scanner.current) {
                    scanner.position += 1
                }
                scanner.emit(byte == UInt8(ascii: "!") ? .type : .variable, from: start)
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                scanner.position += 1
                while scanner.position < lineEnd, "+-0123456789".utf8.contains(scanner.current) { scanner.position += 1 }
                scanner.emit(.meta, from: start)
                opensBlock = true
            default:
                // A plain scalar: to the end of the line, a comment, or (in flow) a separator.
                var end = start
                while end < lineEnd {
                    let next = scanner.bytes[end]
                    if next == UInt8(ascii: "#"), end > start, scanner.bytes[end - 1] == 0x20 { break }
                    if next == UInt8(ascii: ","), end + 1 < lineEnd, scanner.bytes[end + 1] == 0x20 { break }
                    if next == UInt8(ascii: "]") || next == UInt8(ascii: "}") { break }
                    end += 1
                }
                var trimmed = end
                while trimmed > start, [0x20, 0x09, 0x0D].contains(scanner.bytes[trimmed - 1]) { trimmed -= 1 }
                let text = String(decoding: scanner.bytes[start..<trimmed], as: UTF8.self)
                scanner.position = trimmed
                switch text {
                case "true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL", "~", "yes", "no", "on", "off":
                    scanner.emit(.literal, from: start)
                default:
                    var probe = CodeScanner(text)
                    if probe.current == UInt8(ascii: "-") || probe.current == UInt8(ascii: "+") { probe.position += 1 }
                    if probe.number(), probe.isAtEnd {
                        scanner.emit(.number, from: start)
                    } else {
                        scanner.plain(start, trimmed)
                    }
                }
            }
        }
        return opensBlock
    }
}
