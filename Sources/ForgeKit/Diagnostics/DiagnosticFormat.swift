/// How problems are printed: for people (`text`), for tools (`json`), or as GitHub Actions
/// workflow annotations (`github`) that show on the pull request's lines.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case json
    case github
}
