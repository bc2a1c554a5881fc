/// An HTTP message as API docs show one: the request line (`POST /v1/chat HTTP/1.1`: method
/// as keyword, target as string) or status line (`HTTP/1.1 200 OK`), header names as
/// properties, then after the blank line a body highlighted as JSON when it looks like JSON.
enum HTTPHighlighter {
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "QUERY"]

    static func html(_ code: String) -> String {
        var scanner = CodeScanner(code)
        var lineNumber = 0
        while !scanner.isAtEnd {
            let lineStart = scanner.position
            scanner.skipToLineEnd()
            let lineEnd = scanner.position
            let line = Array(scanner.bytes[lineStart..<lineEnd])
            let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if isBlank, lineNumber > 0 {
                // The body: the rest, as JSON when it opens like JSON.
                scanner.position = lineStart
                scanner.plain(lineStart, lineEnd)
                let bodyStart = min(lineEnd + 1, scanner.bytes.count)
                if lineEnd < scanner.bytes.count { scanner.plain(lineEnd, bodyStart) }
                let body = String(decoding: scanner.bytes[bodyStart...], as: UTF8.self)
                let trimmed = body.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
                let rest = trimmed.first == "{" || trimmed.first == "[" ? JSONHighlighter.html(body) : body.htmlTextEscaped
                return scanner.html + rest
            }
            scanner.position = lineStart
            if lineNumber == 0 {
                startLine(&scanner, lineEnd)
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 {
                scanner.position = lineStart + colon
                scanner.emit(.property, from: lineStart)
                scanner.plain(scanner.position, lineEnd)
            } else {
                scanner.plain(lineStart, lineEnd)
            }
            scanner.position = lineEnd
            if !scanner.isAtEnd { scanner.advancePlain() }
            lineNumber += 1
        }
        return scanner.html
    }

    /// `METHOD target HTTP/x` or `HTTP/x STATUS reason`.
    private static func startLine(_ scanner: inout CodeScanner, _ lineEnd: Int) {
        var wordIndex = 0
        var isResponse = false
        while scanner.position < lineEnd {
            if scanner.current == 0x20 || scanner.current == 0x09 {
                scanner.advancePlain()
                continue
            }
            let start = scanner.position
            while scanner.position < lineEnd, scanner.current != 0x20, scanner.current != 0x09 { scanner.position += 1 }
            let word = String(decoding: scanner.bytes[start..<scanner.position], as: UTF8.self)
            if word.hasPrefix("HTTP/") {
                if wordIndex == 0 { isResponse = true }
                scanner.emit(.meta, from: start)
            } else if wordIndex == 0, methods.contains(word) {
                scanner.emit(.keyword, from: start)
            } else if isResponse, wordIndex == 1, word.utf8.allSatisfy(CodeScanner.isDigit) {
                scanner.emit(.number, from: start)
            } else if !isResponse, wordIndex == 1 {
                scanner.emit(.string, from: start)
            } else {
                scanner.plain(start, scanner.position)
            }
            wordIndex += 1
        }
    }
}

extension String {
    /// Text as HTML element content, escaped as `CodeScanner` escapes it.
    var htmlTextEscaped: String {
        var scanner = CodeScanner(self)
        scanner.plain(0, scanner.bytes.count)
        return scanner.html
    }
}
