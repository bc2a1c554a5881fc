import Foundation

/// A user file's text, checked to be UTF-8, with its lines at hand for error excerpts.
public struct SourceText: Sendable {
    /// The path as the user should see it in messages (`Content/data/keys.yaml`).
    public let displayPath: String
    public let text: String

    public init(displayPath: String, text: String) {
        self.displayPath = displayPath
        self.text = text
    }

    /// Reads and validates `url`; a bad byte is reported at its line and column. Only a regular
    /// file is read (a FIFO or device is an error, not a wait).
    /// - Parameter followingLinks: false for a path `FileTree` resolved (`O_NOFOLLOW`).
    public static func read(_ url: URL, displayPath: String, followingLinks: Bool = true) -> Result<SourceText, ContentError> {
        switch SafePath.read(url.path, followingLinks: followingLinks) {
        case .success(let bytes): return decode(bytes, displayPath: displayPath)
        case .failure(let failure): return .failure(ContentError(failure.reason, at: SourceLocation(path: displayPath)))
        }
    }

    public static func decode(_ data: Data, displayPath: String) -> Result<SourceText, ContentError> {
        decode([UInt8](data), displayPath: displayPath)
    }

    static func decode(_ bytes: [UInt8], displayPath: String) -> Result<SourceText, ContentError> {
        var bytes = bytes
        // A UTF-8 byte order mark is legal, but it is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(SourceText(displayPath: displayPath, text: text))
        }
        let (line, column, lineText) = locateInvalidUTF8(bytes)
        return .failure(ContentError(.invalidUTF8, at: SourceLocation(path: displayPath, line: line, column: column), sourceLine: lineText))
    }

    /// The 1-based line of `number`, without its newline (or its CR). Walks UTF-8 bytes, not
    /// Characters: a line is only looked up when there is a problem to show, but it may be deep
    /// in a large file.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: number, omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        return String(decoding: lines[number - 1], as: UTF8.self).trimmingSuffixCR()
    }

    public func location(line: Int?, column: Int?) -> SourceLocation {
        SourceLocation(path: displayPath, line: line, column: column)
    }

    /// An error at `line:column` with the line's text as the excerpt.
    public func error(_ reason: ContentError.Reason, line: Int?, column: Int?) -> ContentError {
        ContentError(reason, at: location(line: line, column: column), sourceLine: line.flatMap { self.line($0) })
    }

    /// Finds the first byte that breaks UTF-8 and names its line and (scalar) column.
    static func locateInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int, String) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            if !valid {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                var lineEnd = index
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1, lineText)
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, 1, "")
    }
}

extension String {
    func trimmingSuffixCR() -> String {
        hasSuffix("\r") ? String(dropLast()) : self
    }
}
