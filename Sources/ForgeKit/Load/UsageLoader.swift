import Foundation
import Yams

// Interim usage loader on Yams' node tree; the streaming libyaml/CSV readers replace it.

public struct UsageReadContext: Sendable {
    public var knownKeyIDs: Set<String>
    public init(knownKeyIDs: Set<String>) { self.knownKeyIDs = knownKeyIDs }
}

public enum UsageLoader {
    public static func load(dataDirectory: URL, displayDirectory: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable {
        var table = UsageTable()
        guard let file = DataFile.find("usage", in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics),
              let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics),
              let root = document.root else { return table }
        let source = document.source
        var top = NodeReader(root, field: "", source: source, diagnostics: &diagnostics)
        let items = top.sequence("usage", required: true, diagnostics: &diagnostics) ?? []
        top.finish(diagnostics: &diagnostics)
        for (index, node) in items.enumerated() {
            let field = "usage[\(index)]"
            var reader = NodeReader(node, field: field, source: source, diagnostics: &diagnostics)
            guard reader.isMapping else { continue }
            let day = reader.day("date", required: true, diagnostics: &diagnostics)
            let service = reader.string("service", required: true, diagnostics: &diagnostics)
            let key = reader.string("key", diagnostics: &diagnostics)
            if let key, !context.knownKeyIDs.contains(key), let keyNode = reader.value("key") {
                diagnostics.report(source.error(.unknownReference(field: "\(field).key", id: key, kind: "key in keys.yaml"), line: keyNode.mark?.line, column: keyNode.mark?.column))
            }
            let requests = reader.count("requests", required: true, diagnostics: &diagnostics)
            let tokens = reader.count("tokens", diagnostics: &diagnostics)
            let cost = reader.money("cost", required: true, diagnostics: &diagnostics)
            reader.finish(diagnostics: &diagnostics)
            if let day, let service, let requests, let cost {
                table.append(day: day, service: service, keyID: key, requests: Int64(requests), tokens: tokens.map(Int64.init), cost: cost)
            }
        }
        return table
    }
}
