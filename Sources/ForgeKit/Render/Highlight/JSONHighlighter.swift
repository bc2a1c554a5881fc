/// JSON (and JSON with `//` and `/* */` comments): a string right before `:` is a property,
/// other strings are strings; numbers, `true`/`false`/`null`.
enum JSONHighlighter {
    static func html(_ code: String) -> String {
        var scanner = CodeScanner(code)
        while !scanner.isAtEnd {
            let start = scanner.position
            let byte = scanner.current
            if byte == UInt8(ascii: "\"") {
                scanner.quoted(byte)
                var after = scanner.position
                while after < scanner.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(scanner.bytes[after]) { after += 1 }
                let isKey = after < scanner.bytes.count && scanner.bytes[after] == UInt8(ascii: ":")
                scanner.emit(isKey ? .property : .string, from: start)
            } else if byte == UInt8(ascii: "/"), scanner.peek() == UInt8(ascii: "/") {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            } else if byte == UInt8(ascii: "/"), scanner.peek() == UInt8(ascii: "*") {
                scanner.position += 2
                scanner.skip(through: "*/")
                scanner.emit(.comment, from: start)
            } else if byte == UInt8(ascii: "-"), CodeScanner.isDigit(scanner.peek()) {
                scanner.position += 1
                _ = scanner.number()
                scanner.emit(.number, from: start)
            } else if scanner.number() {
                scanner.emit(.number, from: start)
            } else if let word = scanner.identifier() {
                if word == "true" || word == "false" || word == "null" {
                    scanner.emit(.literal, from: start)
                } else {
                    scanner.plain(start, scanner.position)
                }
            } else {
                scanner.advancePlain()
            }
        }
        return scanner.html
    }
}
