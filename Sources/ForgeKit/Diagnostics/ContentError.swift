/// A problem with the user's content: a file, a line, a column and what is wrong,
/// written as a sentence the user can act on.
public struct ContentError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public enum Reason: Hashable, Sendable {
        /// The file could not be read at all.
        case unreadable(String)
        /// A byte sequence that is not UTF-8.
        case invalidUTF8
        /// YAML, JSON, CSV or front matter that does not parse; the parser's own words.
        case syntax(String)
        /// A required file is missing.
        case missingFile(String)
        /// A key the schema does not know (a typo must not be silently ignored).
        case unknownKey(field: String, key: String, suggestion: String?)
        case missingKey(field: String, key: String)
        case wrongType(field: String, expected: String, found: String)
        case invalidValue(field: String, problem: String)
        case duplicateID(field: String, id: String, first: SourceLocation)
        case unknownReference(field: String, id: String, kind: String)
        /// A complete API key in the content: it would be published.
        case secret(String)
        case brokenLink(target: String)
        /// Anything else, already phrased.
        case other(String)
    }

    public var location: SourceLocation
    public var reason: Reason
    public var severity: Severity
    /// The offending line, for the excerpt under the message.
    public var sourceLine: String?

    public init(_ reason: Reason, at location: SourceLocation, severity: Severity = .error, sourceLine: String? = nil) {
        self.reason = reason
        self.location = location
        self.severity = severity
        self.sourceLine = sourceLine
    }

    /// The sentence after `error: `.
    public var message: String {
        switch reason {
        case .unreadable(let why):
            return "cannot read the file: \(why)"
        case .invalidUTF8:
            return "the file is not valid UTF-8"
        case .syntax(let problem):
            return problem
        case .missingFile(let what):
            return what
        case .unknownKey(let field, let key, let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return ContentError.prefix(field) + "unknown key \"\(key)\"\(hint)"
        case .missingKey(let field, let key):
            return ContentError.prefix(field) + "required key \"\(key)\" is missing"
        case .wrongType(let field, let expected, let found):
            return ContentError.prefix(field) + "expected \(expected), found \(found)"
        case .invalidValue(let field, let problem):
            return ContentError.prefix(field) + problem
        case .duplicateID(let field, let id, let first):
            return "\(field): duplicate id \"\(id)\" (first defined at \(first))"
        case .unknownReference(let field, let id, let kind):
            return "\(field): no \(kind) has the id \"\(id)\""
        case .secret(let what):
            return what
        case .brokenLink(let target):
            return "broken link to \"\(target)\""
        case .other(let text):
            return text
        }
    }

    /// `path:line:col: error: message`, then the offending line and a caret under the column.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine, !sourceLine.isEmpty {
            text += "\n" + sourceLine
            if let column = location.column, column >= 1 {
                // Keep tabs so the caret lines up however the terminal renders them.
                let lead = sourceLine.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                text += "\n" + lead + "^"
            }
        }
        return text
    }

    /// `keys[2]: ` for a nested mapping, nothing for the top level of a file.
    private static func prefix(_ field: String) -> String {
        field.isEmpty ? "" : field + ": "
    }
}
