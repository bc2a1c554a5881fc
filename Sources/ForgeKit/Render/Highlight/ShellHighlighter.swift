/// POSIX shell and Bash as docs show them (`curl` commands above all): `#` comments at a word
/// start, '…' and "…" strings, `$VAR`/`${VAR}`/`$(…)` as variables, `--options` as properties,
/// the command word of each line as a function, shell keywords, and a leading `$ ` prompt as
/// meta. A line ending in `\` continues the command: the next line's first word is an argument.
enum ShellHighlighter {
    static let keywords: Set<String> = ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done",
                                        "case", "esac", "in", "function", "select", "export", "local", "readonly",
                                        "return", "set", "unset", "source"]
    static let beforeCommands: Set<String> = ["if", "then", "else", "elif", "while", "until", "do"]

    static func html(_ code: String) -> String {
        var scanner = CodeScanner(code)
        /// The next word is a command (start of a line, after `|`, `;`, `&&`, `(`, a keyword).
        var expectCommand = true
        while !scanner.isAtEnd {
            let start = scanner.position
            let byte = scanner.current
            switch byte {
            case 0x0A:
                let continued = start > 0 && scanner.bytes[start - 1] == 0x5C
                scanner.advancePlain()
                expectCommand = !continued
            case 0x20, 0x09, 0x0D:
                scanner.advancePlain()
            case UInt8(ascii: "#") where start == 0 || [0x20, 0x09, 0x0A, UInt8(ascii: ";")].contains(scanner.bytes[start - 1]):
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            case UInt8(ascii: "'"):
                scanner.quoted(byte, multiline: true, escapes: false)
                scanner.emit(.string, from: start)
                expectCommand = false
            case UInt8(ascii: "\""):
                scanner.quoted(byte, multiline: true)
                scanner.emit(.string, from: start)
                expectCommand = false
            case UInt8(ascii: "$"):
                if expectCommand, scanner.isAtLineStart, scanner.peek() == 0x20 {
                    // A prompt: "$ curl …"
                    scanner.position += 1
                    scanner.emit(.meta, from: start)
                    continue
                }
                variable(&scanner)
                scanner.emit(.variable, from: start)
                expectCommand = false
            case UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: "`"):
                scanner.advancePlain()
                expectCommand = true
            default:
                let wordStart = scanner.position
                while !scanner.isAtEnd, !isWordEnd(scanner.current) { scanner.position += 1 }
                if scanner.position == wordStart {
                    scanner.advancePlain()
                    continue
                }
                let word = String(decoding: scanner.bytes[wordStart..<scanner.position], as: UTF8.self)
                if keywords.contains(word) {
                    scanner.emit(.keyword, from: wordStart)
                    // `if`, `then`, `do` … are followed by a command; `for`, `case`, `export` … by a name.
                    expectCommand = ShellHighlighter.beforeCommands.contains(word)
                } else if word.hasPrefix("-"), word.count > 1 {
                    // --option=value: the option is a property, the value stays plain.
                    if let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) {
                        let cut = wordStart + word.utf8.distance(from: word.utf8.startIndex, to: equals)
                        scanner.emit(.property, wordStart, cut)
                        scanner.plain(cut, scanner.position)
                    } else {
                        scanner.emit(.property, from: wordStart)
                    }
                    expectCommand = false
                } else if expectCommand, !word.contains("=") {
                    scanner.emit(.function, from: wordStart)
                    expectCommand = false
                } else if word.utf8.allSatisfy(CodeScanner.isDigit) {
                    scanner.emit(.number, from: wordStart)
                } else {
                    scanner.plain(wordStart, scanner.position)
                    // VAR=value before a command keeps the command position.
                    if !(expectCommand && word.contains("=")) { expectCommand = false }
                }
            }
        }
        return scanner.html
    }

    /// A word ends at white space, a quote, a `$`, or an operator.
    private static func isWordEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "$"), UInt8(ascii: "|"),
             UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "`"),
             UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }

    /// `$NAME`, `${…}`, `$(…)` (to the matching parenthesis on the line), `$1`, `$?`.
    private static func variable(_ scanner: inout CodeScanner) {
        scanner.position += 1
        switch scanner.current {
        case UInt8(ascii: "{"):
            while !scanner.isAtEnd, scanner.current != UInt8(ascii: "}"), scanner.current != 0x0A { scanner.position += 1 }
            if scanner.current == UInt8(ascii: "}") { scanner.position += 1 }
        case UInt8(ascii: "("):
            var depth = 0
            while !scanner.isAtEnd, scanner.current != 0x0A {
                if scanner.current == UInt8(ascii: "(") { depth += 1 }
                if scanner.current == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 {
                        scanner.position += 1
                        return
                    }
                }
                scanner.position += 1
            }
        default:
            if CodeScanner.isIdentifierStart(scanner.current) {
                _ = scanner.identifier()
            } else if !scanner.isAtEnd, scanner.current != 0x0A, scanner.current != 0x20 {
                scanner.position += 1
            }
        }
    }
}
