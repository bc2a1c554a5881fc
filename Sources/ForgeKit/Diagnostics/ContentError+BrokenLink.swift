extension ContentError {
    /// Why a doc's link is broken: the target is missing, a draft, has no such heading, or is
    /// outside what the site publishes.
    public enum BrokenLink: Sendable, Hashable {
        /// No doc, asset or folder at the target.
        case missing
        /// The target is a draft (`draft: true`) and drafts are not built; its displayed path.
        case draft(path: String)
        /// The target (a file name; nil for the same page) has no heading with the id.
        case noHeading(file: String?, id: String)
        /// The link climbs out of the site.
        case leavesSite
        /// The link leaves the docs for a page the site does not publish.
        case leavesDocs(to: String)

        /// What follows `broken link to "…"`.
        var phrase: String {
            switch self {
            case .missing:
                return ""
            case .draft(let path):
                return ": \(path) is a draft (build with --drafts to include it)"
            case .noHeading(let file, let id):
                return ": \(file ?? "this page") has no heading with the id \"\(id)\""
            case .leavesSite:
                return ": it leads out of the site"
            case .leavesDocs(let target):
                return ": it leads out of the docs to \(target), which the site does not publish (outside docs/ there are only the "
                    + "dashboard, index.html, and the API reference's pages under api/)"
            }
        }
    }
}
