import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads `Content/docs/**/*.md` into a `DocSet`: front matter, rendered Markdown with `.md`
/// links rewritten, and every broken internal link reported as a warning (an error with
/// `--strict`) at its `path:line:col`. Other files below the folder (images) are listed to be
/// copied as they are. Drafts are left out unless `includeDrafts`.
///
/// Files are read and rendered on every core; problems are reported in path order and the
/// docs arranged by weight, title and path, so nothing depends on the file system's order.
public enum DocsLoader {
    /// - Parameter cache: under `forge serve`, the outcome of files that did not change.
    public static func load(directory: URL, displayDirectory: String, includeDrafts: Bool, diagnostics: inout Diagnostics,
                            cache: BuildCache? = nil) -> DocSet {
        let files = cache?.docsFiles { listFiles(in: directory) } ?? listFiles(in: directory)
        guard !files.isEmpty else { return DocSet() }
        let markdown = files.filter { $0.path.hasSuffix(".md") }
        let others = files.filter { !$0.path.hasSuffix(".md") }

        let docPaths = Set(markdown.map(\.path))
        var folders: Set<String> = [""]
        for path in docPaths { folders.formUnion(DocPath.ancestors(of: DocPath.folder(of: path))) }
        let resolver = DocLinkResolver(docPaths: docPaths, assetPaths: Set(others.map(\.path)), folders: folders)
        let renderer = MarkdownRenderer(liftTitle: true)

        let loaded = markdown.concurrentMap { file in
            let load = {
                loadDoc(file, displayPath: displayDirectory + "/" + file.path, includeDrafts: includeDrafts,
                        resolver: resolver, renderer: renderer)
            }
            return cache?.doc(file, resolver: resolver, load: load) ?? load()
        }
        for item in loaded { diagnostics.merge(item.diagnostics) }

        let docs = loaded.compactMap(\.doc)
        if let cache {
            cache.checkLinks(loaded, published: docs, displayDirectory: displayDirectory, diagnostics: &diagnostics)
        } else {
            checkLinks(loaded, published: docs, displayDirectory: displayDirectory, diagnostics: &diagnostics)
        }

        var assets: [DocSet.Asset] = []
        for file in others {
            do {
                assets.append(DocSet.Asset(outputPath: "docs/" + file.path, bytes: [UInt8](try Data(contentsOf: file.url))))
            } catch {
                let why = (error as NSError).localizedFailureReason ?? error.localizedDescription
                diagnostics.report(.unreadable(why), at: SourceLocation(path: displayDirectory + "/" + file.path))
            }
        }
        let set = cache?.arranged(docs, assets: assets) { DocSet(arranging: docs, assets: assets) } ?? DocSet(arranging: docs, assets: assets)
        checkAssetNames(set, displayDirectory: displayDirectory, diagnostics: &diagnostics)
        return set
    }

    struct File: Sendable {
        /// Below the docs folder, `/`-separated.
        var path: String
        var url: URL
    }

    /// One file's outcome, before the docs are known together.
    struct Loaded: Sendable {
        var doc: Doc?
        var diagnostics = Diagnostics()
        var source: SourceText?
        var bodyFirstLine = 1
        var links: [(link: RenderedMarkdown.Link, resolution: DocLinkResolver.Resolution)] = []
    }

    static func loadDoc(_ file: File, displayPath: String, includeDrafts: Bool,
                        resolver: DocLinkResolver, renderer: MarkdownRenderer) -> Loaded {
        var loaded = Loaded()
        let source: SourceText
        switch SourceText.read(file.url, displayPath: displayPath) {
        case .success(let text): source = text
        case .failure(let error):
            loaded.diagnostics.report(error)
            return loaded
        }
        let split = FrontMatter.split(source, diagnostics: &loaded.diagnostics)
        if split.frontMatter.draft, !includeDrafts { return loaded }

        var links: [(link: RenderedMarkdown.Link, resolution: DocLinkResolver.Resolution)] = []
        let content = renderer.render(markdown: String(split.body)) { link in
            let resolution = resolver.resolve(link.destination, from: file.path)
            links.append((link, resolution))
            switch resolution {
            case .doc(_, _, let rewritten), .folder(_, let rewritten): return rewritten
            default: return nil
            }
        }
        loaded.source = source
        loaded.bodyFirstLine = split.bodyFirstLine
        loaded.links = links
        loaded.doc = Doc(sourcePath: file.path, displayPath: displayPath,
                         title: Doc.title(frontMatter: split.frontMatter, content: content, sourcePath: file.path),
                         description: split.frontMatter.description, weight: split.frontMatter.weight,
                         isDraft: split.frontMatter.draft, content: content)
        return loaded
    }

    /// Reports links to docs that do not exist or were left out (drafts), to headings a page
    /// does not have, and links that cmark removed as unsafe.
    static func checkLinks(_ loaded: [Loaded], published: [Doc], displayDirectory: String, diagnostics: inout Diagnostics) {
        var anchorsByPath: [String: Set<String>] = [:]
        for doc in published { anchorsByPath[doc.sourcePath] = Set(doc.content.headings.map(\.id)) }

        func hasAnchor(_ fragment: String?, in path: String) -> Bool {
            guard let fragment, !fragment.isEmpty else { return true }
            // Footnotes: cmark-gfm writes `fn-<label>` and `fnref-<label>[-n]`.
            if fragment.hasPrefix("fn-") || fragment.hasPrefix("fnref-") { return true }
            return anchorsByPath[path]?.contains(fragment) ?? false
        }

        for item in loaded {
            guard let doc = item.doc, let source = item.source else { continue }
            var lines: LineIndex?
            for (link, resolution) in item.links {
                var problem: ContentError.Reason?
                switch resolution {
                case .missing:
                    problem = .brokenLink(target: link.destination)
                case .doc(let target, let fragment, _):
                    if anchorsByPath[target] == nil {
                        problem = .other("broken link to \"\(link.destination)\": \(displayDirectory)/\(target) is a draft (build with --drafts to include it)")
                    } else if !hasAnchor(fragment, in: target) {
                        problem = .other("broken link to \"\(link.destination)\": \(DocPath.fileName(of: target)) has no heading with the id \"\(fragment ?? "")\"")
                    }
                case .samePage(let fragment):
                    if !hasAnchor(fragment, in: doc.sourcePath) {
                        problem = .other("broken link to \"\(link.destination)\": this page has no heading with the id \"\(fragment)\"")
                    }
                case .external:
                    if isRemovedAsUnsafe(link.destination) {
                        problem = .other("the link to \"\(link.destination)\" was removed: javascript:, vbscript:, file: and data: links are not published")
                    }
                case .folder, .asset, .outside:
                    break
                }
                guard let problem else { continue }
                let line = item.bodyFirstLine - 1 + link.line
                if lines == nil { lines = LineIndex(source.text) }
                let lineText = lines?.line(line)
                let scalarColumn = lineText.map { DocsLoader.column(of: link, in: $0) } ?? link.byteColumn
                diagnostics.report(ContentError(problem, at: source.location(line: line, column: scalarColumn), severity: .warning, sourceLine: lineText))
            }
        }
    }

    /// The column (in Unicode scalars) to point at: where the destination is written on the line,
    /// else cmark's byte column converted. cmark's own column is off on indented continuation
    /// lines, and points at `[` rather than at what is broken.
    static func column(of link: RenderedMarkdown.Link, in line: String) -> Int {
        if let range = line.range(of: link.destination) {
            return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1
        }
        let prefix = line.utf8.prefix(max(0, link.byteColumn - 1))
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }

    /// cmark-gfm's safe mode empties these (`_scan_dangerous_url`): the author should know.
    static func isRemovedAsUnsafe(_ destination: String) -> Bool {
        let lower = destination.prefix(24).lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
        }
        return false
    }

    /// An image called `errors.html` would overwrite the page made from `errors.md`.
    static func checkAssetNames(_ set: DocSet, displayDirectory: String, diagnostics: inout Diagnostics) {
        var pages = Set(set.docs.map(\.outputPath))
        pages.formUnion(set.root.allSections.map(\.outputPath))
        for asset in set.assets where pages.contains(asset.outputPath) {
            let path = String(asset.outputPath.dropFirst("docs/".count))
            diagnostics.report(.other("this file would overwrite the page \(asset.outputPath) made from the docs: rename it"),
                               at: SourceLocation(path: displayDirectory + "/" + path))
        }
    }

    static func listFiles(in directory: URL) -> [File] {
        FileTree.regularFiles(under: directory).map { File(path: $0.path, url: $0.url) }
    }

    /// The lines of a doc, found once on its UTF-8 bytes when it has a problem to show:
    /// `SourceText.line` walks Characters from the start for every call.
    struct LineIndex {
        let bytes: [UInt8]
        /// Offsets where each line starts.
        let starts: [Int]

        init(_ text: String) {
            bytes = Array(text.utf8)
            var starts = [0]
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
            self.starts = starts
        }

        /// Line `number` (1-based) without its line break.
        func line(_ number: Int) -> String? {
            guard number >= 1, number <= starts.count else { return nil }
            let start = starts[number - 1]
            var end = number < starts.count ? starts[number] - 1 : bytes.count
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
        }
    }
}
