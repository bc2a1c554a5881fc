/// A problem with a theme: a missing theme, a template that does not parse, a tag that names a
/// value the page does not have, a partial or layout that does not exist.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// `theme: NAME` (or `--theme NAME`) with no folder `Themes/NAME/`.
        case themeNotFound(name: String, searched: String, available: [String])
        /// The template does not parse; already phrased (`the section {{#x}} opened at line 3 is never closed …`).
        case syntax(String)
        /// `{{site.titel}}`: the tag as written, and what is missing, phrased.
        case missingValue(tag: String, problem: String)
        /// `{{> _partials/nav}}` or `{{<baseof}}` names a template the theme does not have.
        case missingPartial(tag: String, name: String)
        /// A partial that includes itself, directly or not, deeper than any page needs.
        case nestedTooDeep(tag: String, depth: Int)
        /// A page kind the theme has no layout for.
        case missingTemplate(String)
        case unreadable(String)
        /// Page data that cannot be written as JSON (a bug, reported rather than crashed on).
        case encoding(String)
        /// A theme file that is not read: a link out of `Themes/`, a loop, a FIFO.
        case unsafeFile(ContentError.Reason)
    }

    public var location: SourceLocation
    public var reason: Reason
    public var sourceLine: String?

    public init(_ reason: Reason, at location: SourceLocation, sourceLine: String? = nil) {
        self.reason = reason
        self.location = location
        self.sourceLine = sourceLine
    }

    /// The sentence after `error: `.
    public var message: String {
        switch reason {
        case .themeNotFound:
            return reason.phrase
        case .syntax(let problem):
            return problem
        case .missingValue(let tag, let problem):
            return "\(tag) names a value the page does not have: \(problem)"
        case .missingPartial(let tag, let name):
            return "\(tag) names the template \"\(name)\", which the theme does not have (looked for layouts/\(name).mustache in the " +
                "site's theme, then in the built-in default)"
        case .nestedTooDeep(let tag, let depth):
            return "\(tag) nests templates more than \(depth) deep: a partial that includes itself?"
        case .missingTemplate(let name):
            return "the theme has no layout \"\(name).mustache\" (looked in the site's theme, then in the built-in default)"
        case .unreadable(let why):
            return "cannot read the file: \(why)"
        case .encoding(let why):
            return "cannot encode the page data: \(why)"
        case .unsafeFile(let reason):
            return ContentError(reason, at: location).message
        }
    }

    /// `path:line:col: error: message`, then the offending line and a caret.
    public var description: String {
        ContentError(.other(message), at: location, sourceLine: sourceLine).description
    }
}

extension TemplateError.Reason {
    /// A missing theme, phrased (also for `--theme`, a usage error).
    var phrase: String {
        guard case .themeNotFound(let name, let searched, let available) = self else { return "" }
        let others: String
        if let close = TemplateCheck.closest(to: name, in: available) {
            others = " (did you mean \"\(close)\"?)"
        } else {
            others = available.isEmpty ? "" : "; themes there: \(available.joined(separator: ", "))"
        }
        return "theme \"\(name)\" not found: there is no folder \(searched)\(others) (the built-in theme is \"default\")"
    }
}
