/// A `forge keys` command that cannot do what it was asked; nothing was changed. Problems in
/// the content itself are `Diagnostics` (`SiteKeys.load`), printed as `path:line:col: error: …`.
public struct KeysError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// An argument or option with a value that cannot be used; `option` names it (`NAME`,
        /// `--scopes`).
        case invalidArgument(option: String, problem: String)
        /// No key has this id.
        case unknownKey(id: String, suggestion: String?, known: Int)
        /// Writing there could expose or destroy something (a file that exists, a published folder).
        case refused(String)
        /// The key's entry is written in a form `revoke` does not edit; the sentence says what to do.
        case cannotEdit(String)
        case io(String)
        /// The new secret could not be written to standard output; no key file was written.
        case secretNotDelivered(String)
    }

    public var reason: Reason
    /// The file or folder concerned, as the user names it, when there is one.
    public var path: String?

    public init(_ reason: Reason, path: String? = nil) {
        self.reason = reason
        self.path = path
    }

    /// A wrong command line (exit 2) rather than a refusal to write (exit 3).
    public var isUsageError: Bool {
        switch reason {
        case .invalidArgument, .unknownKey: true
        case .refused, .cannotEdit, .io, .secretNotDelivered: false
        }
    }

    public var message: String {
        switch reason {
        case .invalidArgument(let option, let problem):
            return "\(option): \(problem)"
        case .unknownKey(let id, let suggestion, let known):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "no key has the id \"\(id)\"\(hint); the site has \(known == 1 ? "1 key" : "\(known) keys") (forge build lists them "
                + "on the dashboard)"
        case .refused(let why):
            return "refusing to write here: \(why)"
        case .cannotEdit(let why):
            return why
        case .io(let why):
            return "cannot write the file: \(why); nothing was changed"
        case .secretNotDelivered(let why):
            return "cannot write the secret to standard output (\(why)): no key was made, nothing was changed"
        }
    }

    public var description: String {
        (path.map { "\($0): " } ?? "") + "error: " + TerminalText.visible(message)
    }
}
