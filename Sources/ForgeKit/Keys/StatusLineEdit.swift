/// The one change `forge keys revoke` makes to a file: the `status` value of one key's mapping
/// replaced by `revoked` (quoted as it was), or, when the key has no `status`, a line
/// `status: revoked` added after the mapping's last line, at its keys' indentation and with
/// the file's line ending. Every other byte stays: comments, order, quoting, blank lines.
///
/// Positions come from the parsed nodes (line and column of the mapping, its pairs and the
/// value), counted in Unicode scalars after a byte order mark, as libyaml counts them.
struct StatusLineEdit {
    /// Bytes of the file to replace, and with what.
    var range: Range<Int>
    var replacement: [UInt8]
    /// Where `status` is after the edit (1-based line and column).
    var line: Int
    var column: Int

    func applied(to bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        out.replaceSubrange(range, with: replacement)
        return out
    }

    static let revoked = Array("revoked".utf8)

    static func make(bytes: [UInt8], mapping: YAMLNode, display: String) throws(KeysError) -> StatusLineEdit {
        guard case .mapping(let pairs) = mapping.content, let last = pairs.last else {
            throw KeysError(.cannotEdit("the key is not a mapping of fields"), path: display)
        }
        let lines = Lines(bytes)
        if let pair = pairs.first(where: { $0.key.string == "status" }) {
            return try replacing(pair.value, key: pair.key, lines: lines, display: display)
        }
        guard let start = lines.offset(line: mapping.line, column: mapping.column), start < bytes.count else {
            throw KeysError(.cannotEdit("the key's position in the file is not where the parser found it"), path: display)
        }
        guard bytes[start] != UInt8(ascii: "{") else {
            throw KeysError(.cannotEdit("\(display):\(mapping.line):\(mapping.column): the key is written as a flow mapping ({…}, or "
                + "JSON); forge keys revoke adds a line only to a block mapping: add status: revoked (JSON: \"status\": \"revoked\") to "
                + "it by hand"))
        }
        let indent = mapping.column - 1
        var lastContent = max(last.key.line, last.value.line)
        scan: for number in stride(from: lastContent + 1, through: lines.count, by: 1) {
            let text = Array(lines.text(number))
            let lead = text.prefix { $0 == UInt8(ascii: " ") }.count
            guard lead < text.count else { continue }  // blank
            switch text[lead] {
            case UInt8(ascii: "#"):
                continue  // a comment: it stays below the new line, with what follows
            case UInt8(ascii: "-") where lead == indent && (lead + 1 == text.count || text[lead + 1] == UInt8(ascii: " ")):
                lastContent = number  // `key:` then `- item` at the key's own indentation
            default:
                if lead == 0, text.starts(with: Array("---".utf8)) || text.starts(with: Array("...".utf8)) { break scan }
                guard lead > indent else { break scan }
                lastContent = number
            }
        }
        let ending = lines.ending(lastContent)
        let newLine = Array(String(repeating: " ", count: indent).utf8) + Array("status: revoked".utf8)
        let after = lines.end(lastContent)
        if ending.isEmpty {
            // The last line of a file without a final line break: keep it without one.
            let lineBreak = lines.ending(1).isEmpty ? Array("\n".utf8) : lines.ending(1)
            return StatusLineEdit(range: after..<after, replacement: lineBreak + newLine, line: lastContent + 1, column: indent + 1)
        }
        return StatusLineEdit(range: after + ending.count..<after + ending.count, replacement: newLine + ending,
                              line: lastContent + 1, column: indent + 1)
    }

    private static func replacing(_ value: YAMLNode, key: YAMLNode, lines: Lines, display: String) throws(KeysError) -> StatusLineEdit {
        let cannot = KeysError(.cannotEdit("\(display):\(value.line):\(value.column): the status is written in a form forge keys revoke "
            + "does not edit; set it to revoked by hand"))
        guard let text = value.string, !text.isEmpty,
              let offset = lines.offset(line: value.line, column: value.column) else { throw cannot }
        let bytes = lines.bytes, word = Array(text.utf8)
        let first = offset < bytes.count ? bytes[offset] : 0
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let close = offset + 1 + word.count
            guard close < bytes.count, Array(bytes[(offset + 1)..<close]) == word, bytes[close] == first else { throw cannot }
            return StatusLineEdit(range: offset..<(close + 1), replacement: [first] + revoked + [first], line: key.line, column: key.column)
        }
        let end = offset + word.count
        guard end <= bytes.count, Array(bytes[offset..<end]) == word,
              end == bytes.count || " \t\r\n,}]".utf8.contains(bytes[end]) else { throw cannot }
        return StatusLineEdit(range: offset..<end, replacement: revoked, line: key.line, column: key.column)
    }

    /// A file's lines as byte ranges, with what the parser's positions need.
    struct Lines {
        let bytes: [UInt8]
        /// Where each line starts (its first byte after a byte order mark, on line 1).
        let starts: [Int]

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && index + 1 < bytes.count {
                starts.append(index + 1)
            }
            self.starts = starts
        }

        var count: Int { starts.count }

        /// Past the line's last byte, before its line break.
        func end(_ line: Int) -> Int {
            var end = line < starts.count ? starts[line] - 1 : bytes.count
            if end > starts[line - 1], bytes[end - 1] == UInt8(ascii: "\r"), end < bytes.count,
                bytes[end] == UInt8(ascii: "\n") { end -= 1 }
            if line == starts.count, end > starts[line - 1], bytes[end - 1] == UInt8(ascii: "\n") {
                end -= 1
                if end > starts[line - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            }
            return end
        }

        /// The line break that ends the line: `\n`, `\r\n`, or nothing (the file's last line).
        func ending(_ line: Int) -> [UInt8] {
            let stop = line < starts.count ? starts[line] : bytes.count
            return Array(bytes[end(line)..<stop])
        }

        func text(_ line: Int) -> ArraySlice<UInt8> {
            bytes[starts[line - 1]..<end(line)]
        }

        /// The byte offset of a 1-based line and column (in Unicode scalars).
        func offset(line: Int, column: Int) -> Int? {
            guard line >= 1, line <= starts.count else { return nil }
            var offset = starts[line - 1]
            for _ in 1..<max(column, 1) {
                guard offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") else { return nil }
                let byte = bytes[offset]
                offset += byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            }
            return offset
        }
    }
}
