import Foundation


/// The v2 keys of `site.yaml` that let the API Keys dialog propose a key to the site's repository
/// (PRODUCT.md §2, §6): `repository`, `branch` and `scopes`.
extension SiteConfigLoader {
    struct RepositorySettings {
        var repository: String?
        var branch = "main"
        var scopes: [String] = []
    }

    static func readRepositorySettings(_ reader: inout NodeReader, source: SourceText,
        diagnostics: inout Diagnostics) -> RepositorySettings {
        var settings = RepositorySettings()
        if let text = reader.string("repository", diagnostics: &diagnostics), let node = reader.value("repository") {
            if let url = SiteConfig.repositoryURL(text) {
                settings.repository = url
            } else {
                diagnostics.report(NodeReader.valueError(field: "repository",
                    problem: "\"\(text)\" must be an https URL of the repository, such as \"https://github.com/org/console\" (no query " +
                    "or #fragment)", node: node, source: source))
            }
        }
        if let text = reader.string("branch", diagnostics: &diagnostics), let node = reader.value("branch") {
            if SiteConfig.isValidBranch(text) {
                settings.branch = text
            } else {
                diagnostics.report(NodeReader.valueError(field: "branch",
                    problem: "\"\(text)\" is not a branch name (letters, digits, ., _, - and /, not starting with - or /, no ..)",
                    node: node, source: source))
            }
        }
        var firstSeen: [String: SourceLocation] = [:]
        for (index, node) in (reader.sequence("scopes", diagnostics: &diagnostics) ?? []).enumerated() {
            let field = "scopes[\(index)]"
            guard let scope = NodeReader.string(node, field: field, source: source, diagnostics: &diagnostics) else { continue }
            if !SiteConfig.isValidScope(scope) {
                diagnostics.report(NodeReader.valueError(field: field,
                    problem: "\"\(scope)\" must be 1-64 characters of a-z, 0-9, _, ., : and -", node: node, source: source))
            } else if let first = firstSeen[scope] {
                diagnostics.report(NodeReader.valueError(field: field, problem: "\"\(scope)\" is listed twice (first at \(first))",
                    node: node, source: source))
            } else {
                firstSeen[scope] = source.location(line: node.line, column: node.column)
                settings.scopes.append(scope)
            }
        }
        return settings
    }
}
