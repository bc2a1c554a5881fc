import Foundation

/// Reads `Content/data/plans.yaml` (optional): what each plan allows and costs.
enum PlansLoader {
    static func load(dataDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> [Plan] {
        guard let file = DataFile.find("plans", in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics),
              let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics),
              let root = document.root else { return [] }
        return read(root, source: document.source, diagnostics: &diagnostics)
    }

    static func read(_ root: YAMLNode, source: SourceText, diagnostics: inout Diagnostics) -> [Plan] {
        let items = NodeReader.read(root, field: "", source: source, diagnostics: &diagnostics) { top, diagnostics in
            top.sequence("plans", required: true, diagnostics: &diagnostics) ?? []
        } ?? []

        var plans: [Plan] = []
        var firstByID: [String: SourceLocation] = [:]
        for (index, node) in items.enumerated() {
            let errorsBefore = diagnostics.errorCount
            let plan = NodeReader.read(node, field: "plans[\(index)]", source: source, diagnostics: &diagnostics) { reader, diagnostics in
                read(&reader, seen: &firstByID, diagnostics: &diagnostics)
            } ?? nil
            guard diagnostics.errorCount == errorsBefore, let plan else { continue }
            plans.append(plan)
        }
        return plans
    }

    /// One plan; nil when a required field is missing.
    private static func read(_ reader: inout NodeReader, seen firstByID: inout [String: SourceLocation],
        diagnostics: inout Diagnostics) -> Plan? {
        let field = reader.field
        let source = reader.source

        let id = reader.uniqueID(seen: &firstByID, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        let limit = reader.money("monthly_limit", required: true, diagnostics: &diagnostics)
        let price = reader.money("price", required: true, diagnostics: &diagnostics)
        let features = reader.stringList("features", diagnostics: &diagnostics) ?? []
        let upgradeURL = reader.string("upgrade_url", diagnostics: &diagnostics)
        if let upgradeURL, let urlNode = reader.value("upgrade_url"), !isWebURL(upgradeURL) {
            diagnostics.report(NodeReader.valueError(field: "\(field).upgrade_url",
                problem: "\"\(upgradeURL)\" must be an http:// or https:// URL", node: urlNode, source: source))
        }

        guard let id, let name, let limit, let price else { return nil }
        return Plan(id: id, name: name, monthlyLimit: limit, price: price, features: features, upgradeURL: upgradeURL)
    }

    /// Only web links: a `javascript:` upgrade link would run script on the dashboard.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return URL(string: text)?.host?.isEmpty == false
            && !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
    }
}
