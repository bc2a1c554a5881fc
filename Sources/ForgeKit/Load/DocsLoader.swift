import Foundation

/// Reads `Content/docs/**/*.md` into a `DocSet`: front matter, rendered Markdown with `.md`
/// links rewritten, and every broken internal link reported as a warning (an error with
/// `--strict`) at its `path:line:col`. Other files below the folder (images, downloads) are
/// copied as they are when `DocAssetPolicy` finds them inert. Drafts are left out unless
/// `includeDrafts`.
///
/// Only what is below the docs folder is read (issue 7): the walk never follows a link out of
/// the content folder that holds it (`FileTree`), names that would break a URL or a checkout
/// are refused before anything is read (`DocNames`), and a doc is bounded in size and in the
/// tables it asks cmark to build (`MarkdownLimits`).
///
/// Files are read and rendered on every core; problems are reported in path order and the
/// docs arranged by weight, title and path, so nothing depends on the file system's order.
public enum DocsLoader {
    /// - Parameters:
    ///   - directory: the docs folder; its parent (the content folder) bounds where links lead.
    ///   - displayDirectory: how messages name it (`Content/docs`).
    ///   - sitePages: the pages outside `docs/` a doc may link to (the dashboard, the API reference).
    ///   - cache: under `forge serve`, the listing and the outcome of files that did not change.
    public static func load(directory: URL, displayDirectory: String, includeDrafts: Bool, sitePages: Set<String> = ["index.html"],
                            diagnostics: inout Diagnostics, cache: BuildCache? = nil) -> DocSet {
        let listing = cache?.docsListing { list(directory, displayDirectory: displayDirectory) }
            ?? list(directory, displayDirectory: displayDirectory)
        for problem in listing.problems { diagnostics.report(problem) }
        guard !listing.files.isEmpty else { return DocSet() }
        let markdown = listing.markdown

        let assets = loadAssets(listing.others, displayDirectory: displayDirectory, diagnostics: &diagnostics)
        let resolver = DocLinkResolver(docPaths: listing.docPaths, assetPaths: Set(assets.map { String($0.outputPath.dropFirst(5)) }),
            folders: listing.folders)
        let renderer = MarkdownRenderer(liftTitle: true)

        let load = { @Sendable (file: File) -> Loaded in
            loadDoc(file, displayPath: displayDirectory + "/" + file.path, includeDrafts: includeDrafts,
                    resolver: resolver, renderer: renderer)
        }
        let loaded = cache?.docs(markdown, resolver: resolver, load: load) ?? markdown.concurrentMap(load)
        for item in loaded { diagnostics.merge(item.diagnostics) }

        let docs = loaded.compactMap(\.doc)
        let drafts = Set(loaded.indices.filter { loaded[$0].isSkippedDraft }.map { markdown[$0].path })
        if let cache {
            cache.checkLinks(loaded, published: docs, drafts: drafts, sitePages: sitePages, displayDirectory: displayDirectory,
                diagnostics: &diagnostics)
        } else {
            checkLinks(loaded, published: docs, drafts: drafts, sitePages: sitePages, displayDirectory: displayDirectory,
                diagnostics: &diagnostics)
        }
        return cache?.arranged(docs, assets: assets) { DocSet(arranging: docs, assets: assets) } ?? DocSet(arranging: docs, assets: assets)
    }

    /// The files of the docs folder that may be read, and the problems of those that may not
    /// (links out of `Content/`, loops, names that would break a URL).
    struct Listing: Sendable {
        let files: [File]
        let problems: [ContentError]
        /// `files` split: the Markdown files (the docs) and the others (assets).
        let markdown: [File]
        let others: [File]
        /// The docs' paths, and every folder that holds one (`""` for the docs folder itself):
        /// what links resolve against. Worked out once per listing (`forge serve` keeps the
        /// listing until a file appears or goes away).
        let docPaths: Set<String>
        let folders: Set<String>

        init(files: [File], problems: [ContentError]) {
            self.files = files
            self.problems = problems
            markdown = files.filter { $0.path.hasSuffix(".md") }
            others = files.filter { !$0.path.hasSuffix(".md") }
            docPaths = Set(markdown.map(\.path))
            var folders: Set<String> = [""]
            for path in docPaths { folders.formUnion(DocPath.ancestors(of: DocPath.folder(of: path))) }
            self.folders = folders
        }
    }

    static func list(_ directory: URL, displayDirectory: String) -> Listing {
        let contentDisplay = (displayDirectory as NSString).deletingLastPathComponent
        let walked = FileTree.walk(directory, display: displayDirectory, within: directory.deletingLastPathComponent(),
                                   boundaryDisplay: contentDisplay.isEmpty ? "." : contentDisplay)
        var problems = walked.problems.map { ContentError($0.reason, at: SourceLocation(path: $0.displayPath)) }
        guard !walked.files.isEmpty else { return Listing(files: [], problems: problems) }
        let names = DocNames.check(walked.files.map(\.path), displayDirectory: displayDirectory)
        problems += names.problems
        let files = walked.files.filter { !DocNames.isRefused($0.path, names.refused) }.map { File(path: $0.path, url: $0.url) }
        return Listing(files: files, problems: problems)
    }

    struct File: Sendable {
        /// Below the docs folder, `/`-separated.
        var path: String
        /// Where to read it: its real place, no symbolic link in it.
        var url: URL
    }

    /// One file's outcome, before the docs are known together.
    struct Loaded: Sendable {
        var doc: Doc?
        /// Left out because it is a draft (not because it could not be read).
        var isSkippedDraft = false
        var diagnostics = Diagnostics()
        var source: SourceText?
        var bodyFirstLine = 1
        var links: [(link: RenderedMarkdown.Link, resolution: DocLinkResolver.Resolution)] = []
    }

    static func loadDoc(_ file: File, displayPath: String, includeDrafts: Bool,
                        resolver: DocLinkResolver, renderer: MarkdownRenderer) -> Loaded {
        var loaded = Loaded()
        let source: SourceText
        switch SafePath.read(file.url.path, followingLinks: false, limit: MarkdownLimits.maximumBytes) {
        case .failure(.tooLarge(let size)):
            let megabytes = String(format: "%.1f", Double(size) / 1_048_576)
            loaded.diagnostics.report(.tooLarge("the doc is \(megabytes) MB; Forge renders docs of at most " +
                "\(MarkdownLimits.maximumBytes / 1_048_576) MB (split it into several pages)"),
                                      at: SourceLocation(path: displayPath))
            return loaded
        case .failure(let failure):
            loaded.diagnostics.report(failure.reason, at: SourceLocation(path: displayPath))
            return loaded
        case .success(let bytes):
            switch SourceText.decode(bytes, displayPath: displayPath) {
            case .success(let text): source = text
            case .failure(let error):
                loaded.diagnostics.report(error)
                return loaded
            }
        }
        let split = FrontMatter.split(source, diagnostics: &loaded.diagnostics)
        if split.frontMatter.draft, !includeDrafts {
            loaded.isSkippedDraft = true
            return loaded
        }
        if let violation = MarkdownLimits.check(split.body) {
            let line = split.bodyFirstLine - 1 + violation.line
            loaded.diagnostics.report(source.error(.tooLarge(violation.message), line: line, column: 1))
            return loaded
        }

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
        var doc = Doc(sourcePath: file.path, displayPath: displayPath,
                      title: Doc.title(frontMatter: split.frontMatter, content: content, sourcePath: file.path),
                      description: split.frontMatter.description, weight: split.frontMatter.weight,
                      isDraft: split.frontMatter.draft, content: content)
        // Counted here, beside the other docs' parses (which take turns on cmark's lock),
        // rather than in a pass of its own after every doc is loaded.
        doc.searchWords = SearchIndex.pageWords(of: DocsRenderer.searchDocument(doc))
        loaded.doc = doc
        return loaded
    }

    /// The files to copy, each read once and checked by `DocAssetPolicy`; a refused file is an
    /// error at its path (and line, for an SVG), and is not copied.
    static func loadAssets(_ files: [File], displayDirectory: String, diagnostics: inout Diagnostics) -> [DocSet.Asset] {
        var assets: [DocSet.Asset] = []
        for file in files {
            let displayPath = displayDirectory + "/" + file.path
            switch SafePath.read(file.url.path, followingLinks: false) {
            case .failure(let failure):
                diagnostics.report(failure.reason, at: SourceLocation(path: displayPath))
            case .success(let bytes):
                if let refusal = DocAssetPolicy.check(fileName: DocPath.fileName(of: file.path), bytes: bytes) {
                    diagnostics.report(.notPublished(refusal.why),
                        at: SourceLocation(path: displayPath, line: refusal.position?.line, column: refusal.position?.column))
                } else {
                    assets.append(DocSet.Asset(outputPath: "docs/" + file.path, bytes: bytes))
                }
            }
        }
        return assets
    }
}
