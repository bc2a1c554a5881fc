import Foundation

/// Reads `Content/data/keys.yaml` (optional): keys provisioned elsewhere.
enum KeysLoader {
    /// The valid keys, and the ids of all keys that have a well-formed id — also those with other
    /// errors, so one bad date does not turn every usage record of that key into an error too.
    static func load(dataDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> (keys: [APIKey], ids: Set<String>) {
        guard let file = DataFile.find("keys", in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics),
              let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics),
              let root = document.root else { return ([], []) }
        return read(root, source: document.source, diagnostics: &diagnostics)
    }

    static func read(_ root: YAMLNode, source: SourceText, diagnostics: inout Diagnostics) -> (keys: [APIKey], ids: Set<String>) {
        let items = NodeReader.read(root, field: "", source: source, diagnostics: &diagnostics) { top, diagnostics in
            top.sequence("keys", required: true, diagnostics: &diagnostics) ?? []
        } ?? []

        var keys: [APIKey] = []
        var firstByID: [String: SourceLocation] = [:]
        for (index, node) in items.enumerated() {
            let errorsBefore = diagnostics.errorCount
            let key = NodeReader.read(node, field: "keys[\(index)]", source: source, diagnostics: &diagnostics) { reader, diagnostics in
                read(&reader, seen: &firstByID, diagnostics: &diagnostics)
            } ?? nil
            guard diagnostics.errorCount == errorsBefore, let key else { continue }
            keys.append(key)
        }
        return (keys, Set(firstByID.keys))
    }

    /// One key; nil when a required field is missing.
    private static func read(_ reader: inout NodeReader, seen firstByID: inout [String: SourceLocation],
        diagnostics: inout Diagnostics) -> APIKey? {
        let field = reader.field
        let source = reader.source
        let location = source.location(line: reader.node.line, column: reader.node.column)

        let id = reader.uniqueID(seen: &firstByID, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        if let name, let nameNode = reader.value("name") {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 64 {
                diagnostics.report(NodeReader.valueError(field: "\(field).name",
                    problem: "must be 1-64 characters, found \(trimmed.count)", node: nameNode, source: source))
            }
        }
        let start = reader.string("start", required: true, diagnostics: &diagnostics)
        if let start, let startNode = reader.value("start"), !isVisiblePart(start, length: 5...40) {
            diagnostics.report(NodeReader.valueError(field: "\(field).start",
                problem: "\"\(start)\" must be the key's prefix and first characters (5-40 of A-Z, a-z, 0-9, _ and -)", node: startNode,
                source: source))
        }
        let end = reader.string("end", required: true, diagnostics: &diagnostics)
        if let end, let endNode = reader.value("end"), !(end.utf8.count == 4 && end.utf8.allSatisfy(KeyFormat.isBase62)) {
            diagnostics.report(NodeReader.valueError(field: "\(field).end",
                problem: "\"\(end)\" must be the key's last 4 characters (A-Z, a-z, 0-9)", node: endNode, source: source))
        }
        let created = reader.day("created", required: true, diagnostics: &diagnostics)
        let lastUsed = reader.day("last_used", diagnostics: &diagnostics)
        let expires = reader.day("expires", diagnostics: &diagnostics)
        let scopes = reader.stringList("scopes", diagnostics: &diagnostics) ?? []
        let owner = reader.string("owner", diagnostics: &diagnostics)
        var status = APIKey.Status.active
        if let text = reader.string("status", diagnostics: &diagnostics), let statusNode = reader.value("status") {
            if let parsed = APIKey.Status(rawValue: text) {
                status = parsed
            } else {
                diagnostics.report(NodeReader.valueError(field: "\(field).status",
                    problem: "\"\(text)\" must be one of active, revoked, expired", node: statusNode, source: source))
            }
        }
        let monthlyLimit = reader.money("monthly_limit", diagnostics: &diagnostics)
        if let created, let lastUsed, lastUsed < created, let node = reader.value("last_used") {
            diagnostics.report(NodeReader.valueError(field: "\(field).last_used",
                problem: "\(lastUsed) is before the key was created (\(created))", node: node, source: source))
        }
        if let created, let expires, expires < created, let node = reader.value("expires") {
            diagnostics.report(NodeReader.valueError(field: "\(field).expires",
                problem: "\(expires) is before the key was created (\(created))", node: node, source: source))
        }

        guard let id, let name, let start, let end, let created else { return nil }
        return APIKey(id: id, name: name.trimmingCharacters(in: .whitespacesAndNewlines), start: start, end: end,
                      created: created, lastUsed: lastUsed, expires: expires, scopes: scopes, owner: owner,
                      status: status, monthlyLimit: monthlyLimit, location: location)
    }

    static func isVisiblePart(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.utf8.count) && text.utf8.allSatisfy {
            KeyFormat.isBase62($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }
}
