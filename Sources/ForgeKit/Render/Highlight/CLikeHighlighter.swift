/// The tokenizer of the brace-and-identifier languages (JavaScript/TypeScript, Swift, Go) and
/// Python, driven by a `CLikeSyntax` that says what differs: keywords, comments, strings.
///
/// Heuristics rather than grammars, as every build-time highlighter does (highlight.js,
/// Chroma): an identifier followed by `(` is a function, a capitalised one a type, a word in
/// the keyword list a keyword. Wrong guesses only change a colour; the text is always exact.
struct CLikeSyntax: Sendable {
    var keywords: Set<String>
    var literals: Set<String>
    var types: Set<String> = []
    /// `//` or `#` line comments.
    var slashComments = true
    var hashComments = false
    /// `/* … */`, nesting in Swift.
    var blockComments = true
    var nestedBlockComments = false
    /// Quote characters of one-line strings ("…", '…').
    var quotes: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "'")]
    /// `"""` and `'''` strings (Python, Swift).
    var tripleQuotes = false
    /// Backtick strings that span lines: JavaScript templates (with escapes), Go raw strings (without).
    var backtickStrings = false
    var backtickEscapes = true
    /// Letters that may prefix a Python string: r"", b'', f"""…""".
    var stringPrefixes = false
    /// Swift's raw strings: #"…"#.
    var rawHashStrings = false
    /// `@decorator` (Python) or `@attribute` (Swift) as meta.
    var atMeta = false
    /// `#if`, `#available` (Swift) as meta.
    var hashMeta = false
    /// `$` in identifiers (JavaScript).
    var dollarIdentifiers = false
    /// Regular expression literals after an operator (JavaScript).
    var regexLiterals = false
    /// Every capitalised name is a type (Swift: `URL`, `UUID`); else only mixed-case ones (`Client`,
    /// not the constant `API_KEY`).
    var upperCaseTypes = false
    /// `{ key: value }`: a word right before `:`, after `{`, `,` or at a line start, is a property (JavaScript).
    var objectKeys = false
    /// The word after these keywords names a function or a type.
    var functionIntroducers: Set<String> = []
    var typeIntroducers: Set<String> = []
}

struct CLikeHighlighter {
    let syntax: CLikeSyntax

    func html(_ code: String) -> String {
        var scanner = CodeScanner(code)
        /// The keyword just seen (`def`, `class`, `func`): names what comes next.
        var introducer: String?
        /// A regular expression was tried and failed on this line: do not try again before it ends.
        var noRegexBefore = 0

        while !scanner.isAtEnd {
            let start = scanner.position
            let byte = scanner.current

            if byte == 0x0A || byte == 0x20 || byte == 0x09 || byte == 0x0D {
                scanner.advancePlain()
                continue
            }
            // Comments
            if syntax.slashComments, byte == UInt8(ascii: "/"), scanner.peek() == UInt8(ascii: "/") {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
                continue
            }
            if syntax.hashComments, byte == UInt8(ascii: "#") {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
                continue
            }
            if syntax.blockComments, byte == UInt8(ascii: "/"), scanner.peek() == UInt8(ascii: "*") {
                blockComment(&scanner)
                scanner.emit(.comment, from: start)
                continue
            }
            // Strings
            if string(&scanner) {
                scanner.emit(.string, from: start)
                introducer = nil
                continue
            }
            if syntax.regexLiterals, byte == UInt8(ascii: "/"), start >= noRegexBefore, startsRegex(scanner) {
                if regex(&scanner) {
                    scanner.emit(.string, from: start)
                    continue
                }
                noRegexBefore = lineEnd(scanner, from: start)
                scanner.position = start
            }
            // Meta: @decorator, @attribute, #if
            if (syntax.atMeta && byte == UInt8(ascii: "@")) || (syntax.hashMeta && byte == UInt8(ascii: "#")),
               CodeScanner.isIdentifierStart(scanner.peek()) {
                scanner.position += 1
                _ = scanner.identifier()
                // Python's dotted decorators: @app.route
                while scanner.current == UInt8(ascii: "."), CodeScanner.isIdentifierStart(scanner.peek()) {
                    scanner.position += 1
                    _ = scanner.identifier()
                }
                scanner.emit(.meta, from: start)
                continue
            }
            if scanner.number() {
                scanner.emit(.number, from: start)
                continue
            }
            if let word = scanner.identifier(dollar: syntax.dollarIdentifiers) {
                let afterDot = start > 0 && scanner.bytes[start - 1] == UInt8(ascii: ".")
                if !afterDot, syntax.keywords.contains(word),
                   !(syntax.objectKeys && scanner.current == UInt8(ascii: ":") && isKeyPosition(scanner, start)) {
                    scanner.emit(.keyword, from: start)
                    introducer = syntax.functionIntroducers.contains(word) || syntax.typeIntroducers.contains(word) ? word : nil
                    continue
                }
                if !afterDot, syntax.literals.contains(word) {
                    scanner.emit(.literal, from: start)
                } else if syntax.objectKeys, scanner.current == UInt8(ascii: ":"), scanner.peek() != UInt8(ascii: ":"),
                          isKeyPosition(scanner, start) {
                    scanner.emit(.property, from: start)
                } else if let keyword = introducer {
                    scanner.emit(syntax.typeIntroducers.contains(keyword) ? .type : .function, from: start)
                } else if scanner.current == UInt8(ascii: "(") {
                    scanner.emit(.function, from: start)
                } else if syntax.types.contains(word) || (CodeScanner.isUpper(scanner.bytes[start])
                            && (syntax.upperCaseTypes || word.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }))) {
                    scanner.emit(.type, from: start)
                } else {
                    scanner.plain(start, scanner.position)
                }
                introducer = nil
                continue
            }
            introducer = nil
            scanner.advancePlain()
        }
        return scanner.html
    }

    /// A string at the cursor, any kind this language has; false (cursor unmoved) when none.
    private func string(_ scanner: inout CodeScanner) -> Bool {
        let start = scanner.position
        // Python's prefixes: up to two of r, b, f, u before the quote.
        if syntax.stringPrefixes {
            var index = start
            while index < start + 2, index < scanner.bytes.count, "rRbBfFuU".utf8.contains(scanner.bytes[index]) { index += 1 }
            let before = start > 0 ? scanner.bytes[start - 1] : 0
            if index > start, index < scanner.bytes.count, syntax.quotes.contains(scanner.bytes[index]),
               !CodeScanner.isIdentifierPart(before) {
                scanner.position = index
            }
        }
        if syntax.rawHashStrings, scanner.current == UInt8(ascii: "#") {
            var hashes = 0
            var index = scanner.position
            while index < scanner.bytes.count, scanner.bytes[index] == UInt8(ascii: "#") {
                hashes += 1
                index += 1
            }
            if index < scanner.bytes.count, scanner.bytes[index] == UInt8(ascii: "\"") {
                scanner.position = index
                let triple = scanner.matches(#"""""#)
                scanner.position += triple ? 3 : 1
                while !scanner.isAtEnd {
                    if scanner.current == UInt8(ascii: "\""), (triple ? scanner.matches(#"""""#) : true) {
                        let quoteLength = triple ? 3 : 1
                        var closing = scanner.position + quoteLength
                        var count = 0
                        while closing < scanner.bytes.count, scanner.bytes[closing] == UInt8(ascii: "#"), count < hashes {
                            count += 1
                            closing += 1
                        }
                        if count == hashes {
                            scanner.position = closing
                            return true
                        }
                    }
                    if !triple, scanner.current == 0x0A { return true }
                    scanner.position += 1
                }
                return true
            }
        }
        let quote = scanner.current
        if syntax.tripleQuotes, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
           scanner.peek() == quote, scanner.peek(2) == quote {
            scanner.position += 3
            while !scanner.isAtEnd {
                if scanner.current == 0x5C {
                    scanner.position = min(scanner.position + 2, scanner.bytes.count)
                    continue
                }
                if scanner.current == quote, scanner.peek() == quote, scanner.peek(2) == quote {
                    scanner.position += 3
                    return true
                }
                scanner.position += 1
            }
            return true
        }
        if syntax.quotes.contains(quote) {
            scanner.quoted(quote)
            return true
        }
        if syntax.backtickStrings, quote == UInt8(ascii: "`") {
            scanner.quoted(quote, multiline: true, escapes: syntax.backtickEscapes)
            return true
        }
        scanner.position = start
        return false
    }

    /// After `{`, `,` or at the start of a line: where an object literal's key stands.
    private func isKeyPosition(_ scanner: CodeScanner, _ start: Int) -> Bool {
        var index = start - 1
        while index >= 0, scanner.bytes[index] == 0x20 || scanner.bytes[index] == 0x09 { index -= 1 }
        return index < 0 || [UInt8(ascii: "{"), UInt8(ascii: ","), 0x0A].contains(scanner.bytes[index])
    }

    private func blockComment(_ scanner: inout CodeScanner) {
        scanner.position += 2
        var depth = 1
        while !scanner.isAtEnd {
            if scanner.matches("*/") {
                scanner.position += 2
                depth -= 1
                if depth == 0 || !syntax.nestedBlockComments { return }
            } else if syntax.nestedBlockComments, scanner.matches("/*") {
                scanner.position += 2
                depth += 1
            } else {
                scanner.position += 1
            }
        }
    }

    /// A `/` starts a regular expression after an operator, an opening bracket, a comma or
    /// at the start of a line — where a division could not stand.
    private func startsRegex(_ scanner: CodeScanner) -> Bool {
        let next = scanner.peek()
        guard next != UInt8(ascii: "/"), next != UInt8(ascii: "*"), next != 0x20, next != 0x0A else { return false }
        let before = scanner.previousSignificant
        return before == 0 || before == 0x0A || "(,=:[!&|?{};+-*%<>~^".utf8.contains(before)
    }

    /// Moves past `/…/flags` on one line; false when the line ends first.
    private func regex(_ scanner: inout CodeScanner) -> Bool {
        scanner.position += 1
        var inClass = false
        while !scanner.isAtEnd, scanner.current != 0x0A {
            let byte = scanner.current
            if byte == 0x5C {
                scanner.position = min(scanner.position + 2, scanner.bytes.count)
                continue
            }
            if byte == UInt8(ascii: "[") { inClass = true }
            if byte == UInt8(ascii: "]") { inClass = false }
            scanner.position += 1
            if byte == UInt8(ascii: "/"), !inClass {
                while !scanner.isAtEnd, CodeScanner.isLetter(scanner.current) { scanner.position += 1 }
                return true
            }
        }
        return false
    }

    private func lineEnd(_ scanner: CodeScanner, from start: Int) -> Int {
        var index = start
        while index < scanner.bytes.count, scanner.bytes[index] != 0x0A { index += 1 }
        return index
    }
}
