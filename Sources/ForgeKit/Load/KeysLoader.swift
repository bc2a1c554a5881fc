import Foundation

/// Reads the site's provisioned keys: `Content/data/keys.yaml` (optional), then the key files
/// `Content/data/keys/*.yaml` (v2, one key each: `KeyFilesLoader`), as one list.
enum KeysLoader {
    /// What the keys read so far decide about the next one, across every file.
    struct Context {
        /// `site.yaml`'s `scopes`; empty when it sets none, and then any scope is accepted.
        var siteScopes: [String] = []
        /// Each id, where it was first defined: ids are unique across all key files.
        var firstByID: [String: SourceLocation] = [:]
        /// Each `sha256`, and the key that has it: two keys cannot share one secret.
        var firstByHash: [String: (id: String, location: SourceLocation)] = [:]
    }

    /// The valid keys, and the ids of all keys that have a well-formed id — also those with other
    /// errors, so one bad date does not turn every usage record of that key into an error too.
    static func load(dataDirectory: URL, displayDirectory: String, siteScopes: [String] = [],
                     diagnostics: inout Diagnostics) -> (keys: [APIKey], ids: Set<String>) {
        var context = Context(siteScopes: siteScopes)
        var keys: [APIKey] = []
        if let file = DataFile.find("keys", in: dataDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics),
           let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics),
           let root = document.root {
            keys = read(root, source: document.source, context: &context, diagnostics: &diagnostics)
        }
        keys += KeyFilesLoader.load(dataDirectory: dataDirectory, displayDirectory: displayDirectory,
                                    context: &context, diagnostics: &diagnostics)
        return (keys, Set(context.firstByID.keys))
    }

    /// `keys.yaml` on its own, any scope allowed.
    static func read(_ root: YAMLNode, source: SourceText, diagnostics: inout Diagnostics) -> (keys: [APIKey], ids: Set<String>) {
        var context = Context()
        let keys = read(root, source: source, context: &context, diagnostics: &diagnostics)
        return (keys, Set(context.firstByID.keys))
    }

    static func read(_ root: YAMLNode, source: SourceText, context: inout Context, diagnostics: inout Diagnostics) -> [APIKey] {
        let items = NodeReader.read(root, field: "", source: source, diagnostics: &diagnostics) { top, diagnostics in
            top.sequence("keys", required: true, diagnostics: &diagnostics) ?? []
        } ?? []

        var keys: [APIKey] = []
        for (index, node) in items.enumerated() {
            let errorsBefore = diagnostics.errorCount
            let key = NodeReader.read(node, field: "keys[\(index)]", source: source, diagnostics: &diagnostics) { reader, diagnostics in
                readKey(&reader, context: &context, diagnostics: &diagnostics)
            } ?? nil
            guard diagnostics.errorCount == errorsBefore, let key else { continue }
            keys.append(key)
        }
        return keys
    }

    /// One key, from a list item of `keys.yaml` or the top level of a key file; nil when a
    /// required field is missing.
    static func readKey(_ reader: inout NodeReader, context: inout Context, diagnostics: inout Diagnostics) -> APIKey? {
        let source = reader.source
        let location = source.location(line: reader.node.line, column: reader.node.column)

        let id = reader.uniqueID(seen: &context.firstByID, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        if let name, let nameNode = reader.value("name") {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 64 {
                diagnostics.report(NodeReader.valueError(field: reader.path("name"),
                    problem: "must be 1-64 characters, found \(trimmed.count)", node: nameNode, source: source))
            }
        }
        let start = reader.string("start", required: true, diagnostics: &diagnostics)
        if let start, let startNode = reader.value("start"), !isVisiblePart(start, length: 5...40) {
            diagnostics.report(NodeReader.valueError(field: reader.path("start"),
                problem: "\"\(start)\" must be the key's prefix and first characters (5-40 of A-Z, a-z, 0-9, _ and -)", node: startNode,
                    source: source))
        }
        let end = reader.string("end", required: true, diagnostics: &diagnostics)
        if let end, let endNode = reader.value("end"), !(end.utf8.count == 4 && end.utf8.allSatisfy(KeyFormat.isBase62)) {
            diagnostics.report(NodeReader.valueError(field: reader.path("end"),
                problem: "\"\(end)\" must be the key's last 4 characters (A-Z, a-z, 0-9)", node: endNode, source: source))
        }
        let created = reader.day("created", required: true, diagnostics: &diagnostics)
        let lastUsed = reader.day("last_used", diagnostics: &diagnostics)
        let expires = reader.day("expires", diagnostics: &diagnostics)
        let scopes = reader.stringList("scopes", diagnostics: &diagnostics) ?? []
        checkScopes(reader, allowed: context.siteScopes, diagnostics: &diagnostics)
        let owner = reader.string("owner", diagnostics: &diagnostics)
        var status = APIKey.Status.active
        if let text = reader.string("status", diagnostics: &diagnostics), let statusNode = reader.value("status") {
            if let parsed = APIKey.Status(rawValue: text) {
                status = parsed
            } else {
                diagnostics.report(NodeReader.valueError(field: reader.path("status"),
                    problem: "\"\(text)\" must be one of active, revoked, expired", node: statusNode, source: source))
            }
        }
        let sha256 = readSHA256(&reader, id: id, context: &context, diagnostics: &diagnostics)
        let monthlyLimit = reader.money("monthly_limit", diagnostics: &diagnostics)
        if let created, let lastUsed, lastUsed < created, let node = reader.value("last_used") {
            diagnostics.report(NodeReader.valueError(field: reader.path("last_used"),
                problem: "\(lastUsed) is before the key was created (\(created))", node: node, source: source))
        }
        if let created, let expires, expires < created, let node = reader.value("expires") {
            diagnostics.report(NodeReader.valueError(field: reader.path("expires"),
                problem: "\(expires) is before the key was created (\(created))", node: node, source: source))
        }

        guard let id, let name, let start, let end, let created else { return nil }
        return APIKey(id: id, name: name.trimmingCharacters(in: .whitespacesAndNewlines), start: start, end: end,
                      created: created, lastUsed: lastUsed, expires: expires, scopes: scopes, owner: owner,
                      status: status, sha256: sha256, monthlyLimit: monthlyLimit, location: location)
    }

    /// `sha256`: 64 lowercase hex digits, and no other key's.
    private static func readSHA256(_ reader: inout NodeReader, id: String?, context: inout Context,
        diagnostics: inout Diagnostics) -> String? {
        guard let text = reader.string("sha256", diagnostics: &diagnostics), let node = reader.value("sha256") else { return nil }
        let source = reader.source
        guard APIKey.isSHA256(text) else {
            let length = text.unicodeScalars.count
            let problem = length == 64 && APIKey.isSHA256(text.lowercased())
                ? "\"\(text)\" must be written in lowercase hex digits (a-f, not A-F)"
                : "\"\(text)\" is not a SHA-256: 64 lowercase hex digits (0-9, a-f) of the secret's hash"
                    + (length == 64 ? "" : ", found \(length) characters")
            diagnostics.report(NodeReader.valueError(field: reader.path("sha256"), problem: problem, node: node, source: source))
            return nil
        }
        let location = source.location(line: node.line, column: node.column)
        if let first = context.firstByHash[text] {
            diagnostics.report(NodeReader.valueError(field: reader.path("sha256"),
                problem: "the same hash as key \"\(first.id)\" (\(first.location)): two keys cannot have one secret", node: node,
                    source: source))
        } else {
            context.firstByHash[text] = (id ?? "", location)
        }
        return text
    }

    /// Each of a key's scopes must be one of `site.yaml`'s, when it lists any.
    private static func checkScopes(_ reader: NodeReader, allowed: [String], diagnostics: inout Diagnostics) {
        guard !allowed.isEmpty, let node = reader.value("scopes"), case .sequence(let items) = node.content else { return }
        for (index, item) in items.enumerated() {
            guard let scope = item.string, !allowed.contains(scope) else { continue }
            let hint = NodeReader.closest(to: scope, in: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
            diagnostics.report(NodeReader.valueError(field: "\(reader.path("scopes"))[\(index)]",
                                                     problem: "\"\(scope)\" is not one of the scopes in site.yaml "
                                                         + "(\(allowed.joined(separator: ", ")))\(hint)",
                                                     node: item, source: reader.source))
        }
    }

    static func isVisiblePart(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.utf8.count) && text.utf8.allSatisfy {
            KeyFormat.isBase62($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }
}
