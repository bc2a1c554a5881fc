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
        /// A link in a doc that leads nowhere the site publishes, and why.
        case brokenLink(target: String, why: BrokenLink = .missing)
        /// A `javascript:`, `vbscript:`, `file:` or `data:` link, which is not published.
        case unsafeLinkRemoved(target: String)
        // Files that are not read or published (issue 7): links, folders, raw files, names.
        /// A symbolic link whose target resolves outside the content (or themes) folder `root`.
        case linkLeavesRoot(target: String, root: String)
        /// A link to a folder that contains it.
        case linkLoop(target: String, folder: String)
        /// A link to a folder that the walk already read elsewhere.
        case linkToReadFolder(target: String, folder: String)
        case danglingLink(target: String)
        case unreadableFolder(String)
        /// A FIFO, socket or device: `kind` says which.
        case notAFile(String)
        /// A folder was expected (`docs`, `data`): `kind` says what is there instead.
        case notAFolder(String)
        /// A file under docs/ that is not copied, and why.
        case notPublished(String)
        /// A character in a doc, asset or folder name that would break its URL: `"#"`, or
        /// `a control character`.
        case invalidName(String)
        /// The output file name (`x.html`) is longer than a file name may be.
        case nameTooLong(outputName: String, bytes: Int)
        /// Two paths that one case-insensitive or normalizing file system would make one.
        case nameClash(first: String, second: String)
        /// More input than Forge renders in one piece; the sentence says what and how much.
        case tooLarge(String)
        /// An environment variable Forge reads (`SOURCE_DATE_EPOCH`) with a wrong value; phrased.
        case environment(String)
        /// Two files for one name (`keys.yaml` and `keys.yml`); phrased.
        case duplicateFile(String)
        /// Where usage data may be: `usage/` a folder of .yaml, .yml, .json and .csv files; phrased.
        case usageLayout(String)
        /// A usage file with no records (an empty or truncated export); phrased.
        case noUsageRecords(String)
        /// A usage CSV whose first line is not the header; phrased.
        case csvHeader(String)
        /// A YAML usage file that is not one mapping with a `usage` list; phrased.
        case usageFileShape(String)
        /// Usage dated after the site's "today" (a warning); the advice, phrased.
        case usageAfterToday(String)
        /// An OpenAPI file that is not read or not a valid document; phrased.
        case openAPI(String)
        /// A reference in the built output (`href`, `src`) to a file the build does not produce.
        case brokenOutputReference(String)
        /// A file in `data/keys/` that is not one key at its top level (a list, a folder, empty); phrased.
        case keyFileShape(String)
        /// A key `forge keys manifest` leaves out (a warning); why, phrased.
        case keyLeftOutOfManifest(String)
        /// Usage sums past what Forge can add up exactly (Int64 micro-units); phrased.
        case usageOverflow(String)
        /// A message already phrased by another error type (a `TemplateError`, an `OutputError`)
        /// shown in the same form; not for new problems, which get a named reason.
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
        case .brokenLink(let target, let why):
            return "broken link to \"\(target)\"" + why.phrase
        case .unsafeLinkRemoved(let target):
            return "the link to \"\(target)\" was removed: javascript:, vbscript:, file: and data: links are not published"
        case .linkLeavesRoot(let target, let root):
            return "the symbolic link to \"\(target)\" leads out of \(root)/: Forge never follows a link out of it (copy the file in " +
                "instead)"
        case .linkLoop(let target, let folder):
            return "the symbolic link to \"\(target)\" leads back to \(folder), which contains it: following it would never end (remove " +
                "the link)"
        case .linkToReadFolder(let target, let folder):
            return "the symbolic link to \"\(target)\" leads to \(folder), which is already read: Forge reads each folder once (remove " +
                "the link, or link the files instead)"
        case .danglingLink(let target):
            return "the symbolic link to \"\(target)\" leads nowhere: its target does not exist"
        case .unreadableFolder(let why):
            return "cannot read the folder: \(why)"
        case .notAFile(let kind):
            return "is \(kind), not a file or folder: it is not read or published"
        case .notAFolder(let kind):
            return "expected a folder, found \(kind)"
        case .notPublished(let why):
            return "this file is not published: \(why)"
        case .invalidName(let character):
            return "the name has \(character), which breaks links and Windows checkouts: rename it (# ? % \\ : \" < > | * and control " +
                "characters are not allowed in docs/)"
        case .nameTooLong(let outputName, let bytes):
            return "the page's file name would be \(bytes) bytes (\(outputName)), more than the 255 a file name may have: shorten it"
        case .nameClash(let first, let second):
            return "\(first) and \(second) differ only in case or Unicode normalization: on a case-insensitive checkout one overwrites " +
                "the other (rename one)"
        case .tooLarge(let what):
            return what
        case .environment(let text), .duplicateFile(let text), .usageLayout(let text), .noUsageRecords(let text), .csvHeader(let text),
             .usageFileShape(let text), .usageAfterToday(let text), .openAPI(let text), .brokenOutputReference(let text),
             .keyFileShape(let text), .keyLeftOutOfManifest(let text), .usageOverflow(let text), .other(let text):
            return text
        }
    }

    /// `path:line:col: error: message`, then the offending line and a caret under the column.
    /// A long line is clipped around the caret (`SourceExcerpt`), so a minified file or a line
    /// of thousands of links prints a screen line per problem, not the whole line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let sourceLine, !sourceLine.isEmpty {
            let excerpt = SourceExcerpt(line: sourceLine, column: location.column)
            text += "\n" + excerpt.text
            if let caret = excerpt.caretLine { text += "\n" + caret }
        }
        return text
    }

    /// `keys[2]: ` for a nested mapping, nothing for the top level of a file.
    private static func prefix(_ field: String) -> String {
        field.isEmpty ? "" : field + ": "
    }
}
