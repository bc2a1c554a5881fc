import Foundation

/// Checks the names of everything below `docs/` before anything is read: each becomes a file
/// name and a URL in the output, so a name must survive both (issue 7, item 5).
///
/// - A name with `#`, `?`, `%`, `\`, `:`, `"`, `<`, `>`, `|`, `*` or a control character is
///   refused at its path: in a URL the first three cut or re-read the path, `\` and `:` turn
///   into a folder or a scheme, and all of them (but `#` and `%`) break a Windows checkout.
///   Rejecting a few characters is simpler and more honest than escaping them in every link,
///   the navigation, the search index and the sitemap.
/// - A page name over 255 bytes (`….md` becomes `….html`, two bytes longer) is refused at the
///   doc, rather than failing later at a staging path the user never wrote.
/// - Two paths that differ only in case or in Unicode normalization (`Errors.md`, `errors.md`;
///   NFC and NFD `café.md`) are one file on macOS and Windows: an error naming both.
///
/// A refused name's file (and everything in a refused folder) is left out of the docs.
enum DocNames {
    static let forbidden: Set<UInt8> = Set("#?%\\:\"<>|*".utf8)
    static let maximumNameBytes = 255

    /// Paths (below the docs folder) that must not be read, with the problems to report.
    static func check(_ paths: [String], displayDirectory: String) -> (refused: Set<String>, problems: [ContentError]) {
        var refused: Set<String> = []
        var problems: [ContentError] = []
        var reportedFolders: Set<String> = []

        func refuse(_ path: String, _ reason: ContentError.Reason, at shown: String) {
            refused.insert(path)
            problems.append(ContentError(reason, at: SourceLocation(path: displayDirectory + "/" + shown)))
        }

        for path in paths {
            var prefix = ""
            var bad = false
            for part in path.split(separator: "/") {
                prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
                guard let character = invalidCharacter(in: part) else { continue }
                bad = true
                let isFolder = prefix != path
                if !isFolder || reportedFolders.insert(prefix).inserted {
                    problems.append(ContentError(.invalidName(character), at: SourceLocation(path: displayDirectory + "/" + prefix)))
                }
                break
            }
            if bad {
                refused.insert(path)
                continue
            }
            let name = DocPath.fileName(of: path)
            if name.hasSuffix(".md") {
                let output = name.dropLast(3) + ".html"
                if output.utf8.count > maximumNameBytes {
                    refuse(path, .nameTooLong(outputName: String(output), bytes: output.utf8.count), at: path)
                }
            }
        }

        for clash in clashes(paths.filter { !refused.contains($0) }) {
            let names = [clash.first,
                clash.second].map { displayDirectory + "/" + $0 + normalizationNote($0, other: $0 == clash.first
                ? clash.second : clash.first) }
            refuse(clash.second, .nameClash(first: names[0], second: names[1]), at: clash.second)
        }
        return (refused, problems)
    }

    /// True when `path` or a folder on its way was refused.
    static func isRefused(_ path: String, _ refused: Set<String>) -> Bool {
        guard !refused.isEmpty else { return false }
        if refused.contains(path) { return true }
        return DocPath.ancestors(of: DocPath.folder(of: path)).contains { refused.contains($0) }
    }

    /// `"#"` for the first forbidden character of `name`, `a control character`, or nil.
    static func invalidCharacter(in name: Substring) -> String? {
        for byte in name.utf8 {
            if byte < 0x20 || byte == 0x7F { return "a control character" }
            if forbidden.contains(byte) { return "\"\(Character(Unicode.Scalar(byte)))\"" }
        }
        return nil
    }

    /// Pairs of paths (files or the folders on their way) that fold to one name, the second
    /// in byte order the one to report. A clash below a clashing folder is not reported again.
    static func clashes(_ paths: [String]) -> [(first: String, second: String)] {
        var spellings: [String: [String]] = [:]
        var order: [String] = []
        var seen: Set<[UInt8]> = []
        // An `x.html` beside `x.md` is refused as HTML by `DocAssetPolicy`, not as a clash.
        for path in paths where path.hasSuffix(".md") || !path.lowercased().hasSuffix(".html") {
            var prefix = ""
            for part in path.split(separator: "/") {
                prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
                guard seen.insert(Array(prefix.utf8)).inserted else { continue }
                let key = folded(prefix == path && prefix.hasSuffix(".md") ? prefix.dropLast(3) + ".html" : prefix)
                if spellings[key] == nil { order.append(key) }
                spellings[key, default: []].append(prefix)
            }
        }
        var clashing: Set<[UInt8]> = []
        var found: [(String, String)] = []
        // Folders come before what is in them, so a clash inside a clashing folder is known.
        for key in order {
            guard let group = spellings[key], group.count > 1 else { continue }
            let sorted = group.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let inClashingFolder = sorted.contains { path in
                let folder = DocPath.folder(of: path)
                return !folder.isEmpty && clashing.contains(Array(folder.utf8))
            }
            for spelling in sorted { clashing.insert(Array(spelling.utf8)) }
            if inClashingFolder { continue }
            for second in sorted.dropFirst() { found.append((sorted[0], second)) }
        }
        return found.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }
    }

    /// One spelling for every name a case-insensitive, normalizing file system treats as one.
    /// The key is compared as bytes (a Swift `String` compares NFC and NFD as equal anyway).
    static func folded(_ path: String) -> String {
        path.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Two names that differ only in normalization look identical when printed: say which is which.
    static func normalizationNote(_ name: String, other: String) -> String {
        guard name == other, Array(name.utf8) != Array(other.utf8) else { return "" }
        return Array(name.utf8) == Array(name.precomposedStringWithCanonicalMapping.utf8) ? " (composed, NFC)" : " (decomposed, NFD)"
    }
}
