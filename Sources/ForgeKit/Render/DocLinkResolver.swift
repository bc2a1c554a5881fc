import Foundation

/// What a link in a doc points at, and what it must become in the output.
///
/// Rules (the output mirrors `Content/docs/`, so relative links keep their shape):
/// - a URL with a scheme (`https:`, `mailto:`, …) or `//host` is external: kept, not checked;
/// - `#fragment` is this page: kept, the fragment checked against its headings;
/// - `foo.md`, `../bar.md#x`, `dir/index.md` name a doc: `.md` becomes `.html`
///   (`foo.html`, `../bar.html#x`); a doc that does not exist is a broken link;
/// - `/foo.md` is relative to the docs folder and is rewritten relative to the page;
/// - `dir/` or `dir` naming a folder of docs becomes `dir/index.html` (never a bare folder:
///   on `file://` that opens a directory listing);
/// - any other path below the docs folder must be a file there (an image, say): kept;
/// - a path that climbs out of the docs folder is `.outside`, with what it names in the output:
///   kept as written, and reported unless it is a page the site makes there (the dashboard, the
///   API reference's pages: `DocsLoader.load`'s `sitePages`); `../site.yaml` names nothing that is published.
struct DocLinkResolver: Sendable {
    enum Resolution: Equatable, Sendable {
        case external
        /// A fragment of the page itself (`""` for a bare `#`).
        case samePage(fragment: String)
        /// A doc, by its source path; `rewritten` is the destination to write.
        case doc(target: String, fragment: String?, rewritten: String)
        /// A folder with an index page: `rewritten` names that page.
        case folder(target: String, rewritten: String)
        case asset
        /// Out of the docs folder: the output path it names (`index.html`), or nil when it
        /// climbs out of the site altogether.
        case outside(target: String?)
        /// Nothing of that path below the docs folder.
        case missing(target: String)
    }

    /// Source paths of every `.md` file below the docs folder (drafts too: whether a draft
    /// counts is decided once the set of published docs is known).
    let docPaths: Set<String>
    /// Every other file below the docs folder.
    let assetPaths: Set<String>
    /// Folders that get an index page (every folder with docs in it, and the top).
    let folders: Set<String>

    func resolve(_ destination: String, from sourcePath: String) -> Resolution {
        guard !destination.isEmpty else { return .external }
        if destination.hasPrefix("#") {
            return .samePage(fragment: DocLinkResolver.decoded(String(destination.dropFirst())))
        }
        if destination.hasPrefix("//") || DocLinkResolver.hasScheme(destination) { return .external }

        // Split the path from `?query` and `#fragment`.
        let pathEnd = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let rawPath = String(destination[..<pathEnd])
        let suffix = String(destination[pathEnd...])
        let fragment = suffix.firstIndex(of: "#").map { DocLinkResolver.decoded(String(suffix[suffix.index(after: $0)...])) }
        let path = DocLinkResolver.decoded(rawPath)
        if path.isEmpty {
            // `?x` alone: this page.
            return .samePage(fragment: fragment ?? "")
        }

        let folder = DocPath.folder(of: sourcePath)
        let fromRoot = path.hasPrefix("/")
        guard let target = DocPath.resolve(path, from: fromRoot ? "" : folder) else {
            // Resolve again from the output's root, where the docs folder is `docs/`.
            let docsFolder = fromRoot || folder.isEmpty ? "docs" : "docs/" + folder
            return .outside(target: DocPath.resolve(path, from: docsFolder))
        }

        if path.hasSuffix(".md") {
            guard docPaths.contains(target) else { return .missing(target: target) }
            let written = fromRoot ? DocPath.relative(from: folder, to: target) : rawPath
            return .doc(target: target, fragment: fragment, rewritten: written.dropLast(3) + ".html" + suffix)
        }
        if path.hasSuffix("/") || !assetPaths.contains(target) {
            if folders.contains(target) {
                let index = target.isEmpty ? "index.md" : target + "/index.md"
                var written = fromRoot ? DocPath.relative(from: folder, to: index).dropLast(8) : rawPath[...]
                if !written.isEmpty, !written.hasSuffix("/") { written += "/" }
                let rewritten = written + "index.html" + suffix
                if docPaths.contains(index) {
                    return .doc(target: index, fragment: fragment, rewritten: rewritten)
                }
                return .folder(target: target, rewritten: rewritten)
            }
        }
        if assetPaths.contains(target) { return .asset }
        // `foo.html` for a doc `foo.md`: already the output name.
        if path.hasSuffix(".html"), docPaths.contains(target.dropLast(5) + ".md") {
            return .doc(target: target.dropLast(5) + ".md", fragment: fragment, rewritten: destination)
        }
        return .missing(target: target)
    }

    /// `scheme:` per RFC 3986: a letter, then letters, digits, `+`, `-`, `.`.
    static func hasScheme(_ text: String) -> Bool {
        var sawFirst = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                sawFirst = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard sawFirst else { return false }
            case UInt8(ascii: ":"):
                return sawFirst
            default:
                return false
            }
        }
        return false
    }

    static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }
}
