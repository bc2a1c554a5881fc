/// Why `forge new` or `forge theme eject` wrote nothing. Nothing was changed in any case.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The folder exists and holds files: they are the user's, never overwritten.
        case notEmpty(entries: [String])
        /// Something that is not a folder is in the way.
        case notAFolder
        /// A symbolic link is in the way: following it could write anywhere.
        case symbolicLink
        case io(String)
    }

    /// The folder as the user named it.
    public var path: String
    public var reason: Reason
    /// What was being made, for the message: "the site", "the theme".
    public var what: String

    public init(_ reason: Reason, path: String, what: String) {
        self.reason = reason
        self.path = path
        self.what = what
    }

    /// True when forge declined on purpose (as opposed to a failed write).
    public var isRefusal: Bool {
        if case .io = reason { return false }
        return true
    }

    public var description: String {
        switch reason {
        case .notEmpty(let entries):
            let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            return "\(path): error: refusing to create \(what) here: the folder is not empty (it holds \(shown)); choose a new or empty " +
                "folder"
        case .notAFolder:
            return "\(path): error: refusing to create \(what) here: it exists and is not a folder"
        case .symbolicLink:
            return "\(path): error: refusing to create \(what) here: it is a symbolic link; name the real folder"
        case .io(let why):
            return "\(path): error: cannot create \(what): \(why); nothing was written"
        }
    }
}
