import Foundation

/// v2 key files, `Content/data/keys/<id>.yaml` (PRODUCT.md §2): one key per file, the fields
/// of a `keys.yaml` entry at the top level, so that adding a key is adding a file — a pull
/// request that never conflicts. The API Keys dialog's "Add to site" and `forge keys add` write
/// them.
///
/// A file is named after its key's id (`key_3f9a….yaml` holds `id: key_3f9a…`): a reviewer sees
/// which key a pull request adds from its file name, two files cannot claim one id unnoticed,
/// and `forge keys revoke ID` finds the file without reading every other. Files are read in the
/// order of their names' bytes, after `keys.yaml`, and listed by `FileTree`, so a link out of
/// `Content/` is never followed. `.yml` and `.json` are read too, as for every data file.
enum KeyFilesLoader {
    static let folderName = "keys"

    static func load(dataDirectory: URL, displayDirectory: String, context: inout KeysLoader.Context,
                     diagnostics: inout Diagnostics) -> [APIKey] {
        let contentDirectory = dataDirectory.deletingLastPathComponent()
        let contentDisplay = (displayDirectory as NSString).deletingLastPathComponent
        let folderDisplay = displayDirectory + "/" + folderName
        let listing = FileTree.walk(dataDirectory.appendingPathComponent(folderName), display: folderDisplay,
                                    within: contentDirectory, boundaryDisplay: contentDisplay)
        for problem in listing.problems { diagnostics.report(problem.reason, at: SourceLocation(path: problem.displayPath)) }

        var keys: [APIKey] = []
        for entry in listing.files {
            let displayPath = folderDisplay + "/" + entry.path
            let name = entry.path as NSString
            if entry.path.contains("/") {
                diagnostics.report(.keyFileShape("key files are read from \(folderDisplay)/ itself, not from folders inside it; "
                    + "move this file up into \(folderDisplay)/"), at: SourceLocation(path: displayPath))
                continue
            }
            guard DataFile.extensions.contains(name.pathExtension) else {
                diagnostics.report(.keyFileShape("not a key file: \(folderDisplay)/ holds only <id>.yaml files (or .yml, .json), "
                    + "one key each"), at: SourceLocation(path: displayPath))
                continue
            }
            let source: SourceText
            switch SourceText.read(entry.url, displayPath: displayPath, followingLinks: false) {
            case .failure(let error):
                diagnostics.report(error)
                continue
            case .success(let text):
                source = text
            }
            guard let document = YAMLDocument.parse(source, diagnostics: &diagnostics) else { continue }
            guard let root = document.root else {
                diagnostics.report(.keyFileShape("the key file is empty: it holds one key (id, name, start, end, created, …) "
                    + "at the top level"), at: SourceLocation(path: displayPath))
                continue
            }
            if let key = read(root, source: source, fileName: entry.path, context: &context, diagnostics: &diagnostics) {
                keys.append(key)
            }
        }
        return keys
    }

    /// The key of one file; nil when it has any error.
    static func read(_ root: YAMLNode, source: SourceText, fileName: String, context: inout KeysLoader.Context,
                     diagnostics: inout Diagnostics) -> APIKey? {
        // keys.yaml's form pasted into a key file: one message, not one per missing field.
        if case .mapping(let pairs) = root.content, let list = pairs.first(where: { $0.key.string == "keys" }) {
            diagnostics.report(source.error(.keyFileShape("a key file holds one key, its fields at the top level (id: …, name: …), "
                + "not a keys: list as data/keys.yaml does"),
                                            line: list.key.line, column: list.key.column))
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        let stem = (fileName as NSString).deletingPathExtension
        let key = NodeReader.read(root, field: "", source: source, diagnostics: &diagnostics) { reader, diagnostics in
            let key = KeysLoader.readKey(&reader, context: &context, diagnostics: &diagnostics)
            if let node = reader.value("id"), let id = node.string, APIKey.isValidID(id), id != stem {
                diagnostics.report(NodeReader.valueError(
                    field: "id", problem: "\"\(id)\" does not match the file name \(fileName): a key file is named after its id "
                        + "(\(id).yaml)",
                    node: node, source: source))
            }
            return key
        } ?? nil
        return diagnostics.errorCount == errorsBefore ? key : nil
    }
}
