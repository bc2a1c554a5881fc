/// A problem with a theme: a template that does not parse, or one a page needs that is missing.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case themeNotFound(name: String, searched: String)
        case syntax(String)
        case missingTemplate(String)
        case unreadable(String)
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

    public var description: String {
        let message: String
        switch reason {
        case .themeNotFound(let name, let searched):
            message = "theme \"\(name)\" not found: there is no folder \(searched)"
        case .syntax(let problem):
            message = "template: \(problem)"
        case .missingTemplate(let name):
            message = "the theme has no layout \"\(name).mustache\" (looked in the site's theme, then in default)"
        case .unreadable(let why):
            message = "cannot read the file: \(why)"
        case .unsafeFile(let reason):
            message = ContentError(reason, at: location).message
        }
        return ContentError(.other(message), at: location, sourceLine: sourceLine).description
    }
}
