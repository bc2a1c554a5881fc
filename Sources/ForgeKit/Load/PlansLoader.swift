import Foundation
import Yams

/// Reads `Content/data/plans.yaml` (optional): what each plan allows and costs.
enum PlansLoader {
    static func load(dataDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> [Plan] {
        guard let file = DataFile.find("plans", in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics),
              let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics),
              let root = document.root else { return [] }
        return read(root, source: document.source, diagnostics: &diagnostics)
    }

    static func read(_ root: Node, source: SourceText, diagnostics: inout Diagnostics) -> [Plan] {
        var top = NodeReader(root, field: "", source: source, diagnostics: &diagnostics)
        let items = top.sequence("plans", required: true, diagnostics: &diagnostics) ?? []
        top.finish(diagnostics: &diagnostics)

        var plans: [Plan] = []
        var firstByID: [String: SourceLocation] = [:]
        for (index, node) in items.enumerated() {
            let field = "plans[\(index)]"
            var reader = NodeReader(node, field: field, source: source, diagnostics: &diagnostics)
            guard reader.isMapping else { continue }
            let errorsBefore = diagnostics.errorCount

            let id = reader.uniqueID(seen: &firstByID, diagnostics: &diagnostics)
            let name = reader.string("name", required: true, diagnostics: &diagnostics)
            let limit = reader.money("monthly_limit", required: true, diagnostics: &diagnostics)
            let price = reader.money("price", required: true, diagnostics: &diagnostics)
            let features = reader.stringList("features", diagnostics: &diagnostics) ?? []
            let upgradeURL = reader.string("upgrade_url", diagnostics: &diagnostics)
            if let upgradeURL, let urlNode = reader.value("upgrade_url"), !isWebURL(upgradeURL) {
                diagnostics.report(NodeReader.valueError(field: "\(field).upgrade_url", problem: "\"\(upgradeURL)\" must be an http:// or https:// URL", node: urlNode, source: source))
            }
            reader.finish(diagnostics: &diagnostics)

            guard diagnostics.errorCount == errorsBefore, let id, let name, let limit, let price else { continue }
            plans.append(Plan(id: id, name: name, monthlyLimit: limit, price: price, features: features, upgradeURL: upgradeURL))
        }
        return plans
    }

    /// Only web links: a `javascript:` upgrade link would run script on the dashboard.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return URL(string: text)?.host?.isEmpty == false && !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }
}
