/// Where the site is published: `/`, `/repo/` or `https://org.github.io/repo/`.
///
/// Links in the output are always relative (they must work from `file://` too); the base URL
/// is used only where an absolute address is required: the sitemap, canonical links and the
/// 404 page. It is a folder, so it is checked strictly: no query, fragment, user name, dot
/// segment, whitespace or control character, and no percent-escape of what would change the
/// path (`%2e%2e`, `%2f`, `%0d%0a`). A URL that a browser or server would read differently
/// from Forge is refused where it is written, not found out later in the theme.
public struct BaseURL: Hashable, Sendable, CustomStringConvertible {
    /// Normalised to end with `/`.
    public let value: String

    public static let root = BaseURL(validated: "/")

    /// Why a text is not a base URL, worded to follow the quoted text.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case shape
        case whitespace
        case controlCharacter
        case notASCII
        case queryOrFragment
        case userInfo
        case host
        case dotSegment
        case malformedEscape
        case escaped(String)
        case character(Character)

        public var description: String {
            switch self {
            case .shape: "must be \"/\", a path like \"/repo/\" or a URL like \"https://org.github.io/repo/\""
            case .whitespace: "must not hold spaces or other whitespace"
            case .controlCharacter: "must not hold control characters"
            case .notASCII: "must be ASCII: percent-encode other characters"
            case .queryOrFragment: "must not have a query (?) or a fragment (#): it names the folder the site is published in"
            case .userInfo: "must not hold a user name or password (@ before the host)"
            case .host: "has no valid host name (letters, digits, - and ., then an optional :port)"
            case .dotSegment: "must not have \".\" or \"..\" path segments"
            case .malformedEscape: "has a % that does not start a %XX escape"
            case .escaped(let what): "must not percent-encode \(what): write the path as it is"
            case .character(let character): "must not hold \"\(character)\""
            }
        }
    }

    private init(validated: String) {
        self.value = validated
    }

    /// nil when `text` is not a base URL (see `parse` for why).
    public init?(_ text: String) {
        guard case .success(let url) = BaseURL.parse(text) else { return nil }
        self = url
    }

    public static func parse(_ text: String) -> Result<BaseURL, Problem> {
        if let problem = problem(with: text) { return .failure(problem) }
        return .success(BaseURL(validated: text.hasSuffix("/") ? text : text + "/"))
    }

    /// True for `https://…` bases, the only ones a sitemap can be written for.
    public var isAbsolute: Bool {
        value.lowercased().hasPrefix("https://") || value.lowercased().hasPrefix("http://")
    }

    /// The absolute URL of an output path such as `docs/errors.html`, when the base is absolute.
    public func absoluteURL(for outputPath: String) -> String? {
        isAbsolute ? value + outputPath : nil
    }

    public var description: String { value }

    // MARK: - Checks

    private static func problem(with text: String) -> Problem? {
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value <= 0x9F) { return .controlCharacter }
            if scalar.properties.isWhitespace { return .whitespace }
            if !scalar.isASCII { return .notASCII }
        }
        if text.contains("?") || text.contains("#") { return .queryOrFragment }
        let path: Substring
        let lower = text.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            let rest = text.drop(while: { $0 != ":" }).dropFirst(3)
            let authority = rest.prefix(while: { $0 != "/" })
            if authority.contains("@") { return .userInfo }
            if !isHost(authority) { return .host }
            path = rest.dropFirst(authority.count)
        } else if text.hasPrefix("/"), !text.hasPrefix("//") {
            path = text[...]
        } else {
            return .shape
        }
        return pathProblem(path)
    }

    /// `org.github.io` or `localhost:8000`.
    private static func isHost(_ authority: Substring) -> Bool {
        let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0]
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
              !name.hasPrefix("."), !name.hasPrefix("-") else { return false }
        guard parts.count == 2 else { return true }
        return (1...5).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static let pathCharacters =
        Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%".unicodeScalars)

    private static func pathProblem(_ path: Substring) -> Problem? {
        if let bad = path.unicodeScalars.first(where: { !pathCharacters.contains($0) }) { return .character(Character(bad)) }
        for segment in path.split(separator: "/") where segment == "." || segment == ".." { return .dotSegment }
        let bytes = Array(path.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "%") else { continue }
            guard index + 2 < bytes.count, let high = HexDigit.value(bytes[index + 1]),
                let low = HexDigit.value(bytes[index + 2]) else { return .malformedEscape }
            let byte = high << 4 | low
            switch byte {
            case 0x00...0x1F, 0x7F: return .escaped("control characters (%\(String(format2: byte)))")
            case 0x20: return .escaped("spaces (%20)")
            case UInt8(ascii: "."): return .escaped("\".\" (%2E)")
            case UInt8(ascii: "/"): return .escaped("\"/\" (%2F)")
            case UInt8(ascii: "\\"): return .escaped("\"\\\" (%5C)")
            case UInt8(ascii: "?"), UInt8(ascii: "#"): return .queryOrFragment
            case UInt8(ascii: "%"): return .escaped("\"%\" (%25)")
            case UInt8(ascii: "@"): return .userInfo
            default: break
            }
            index += 2
        }
        return nil
    }
}

private extension String {
    /// Two uppercase hex digits.
    init(format2 byte: UInt8) {
        self = (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
