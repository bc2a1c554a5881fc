/// Docs pages and navigations, reused when nothing they show changed.
///
/// Two ways to know that:
/// - **Same shape.** A page shows its own doc's content, and of the other docs only what the
///   `DocsShape` holds (paths, titles, descriptions, weights, drafts, hence the order, the
///   folders, the navigation, previous/next and the listings), plus the theme and the site's
///   data. While those are unchanged (one `generation`), a doc page is reused unless its own
///   doc was loaded again, and listings and navigations are reused as they are. This is the
///   edit of a doc's body: one page rendered.
/// - **Same context.** Otherwise (a title, a new doc, the theme), each page's template context
///   is compared with the one it was rendered from (`ContextKey`; the doc's HTML stands as its
///   revision, the navigation as its own context): a title changes the pages that show it.
///
/// The search manifest (`data/search/index.js`) is not fingerprinted, so a doc's text changes
/// no page's reference to it.
extension BuildCache {
    struct PagesState: Sendable {
        var shape: DocsShape?
        var generation = 0
        var pages: [String: CachedPage] = [:]
        var navigations: [DocsNavigation.NavKey: RenderedNavigation] = [:]
    }

    /// What every docs page may show of every doc but its own, and what they all share.
    struct DocsShape: Equatable, Sendable {
        var themeRevision: Int
        var siteRevision: Int
        var searchIndex: String
        var docs: [Entry]

        struct Entry: Equatable, Sendable {
            var sourcePath: String
            var title: String
            var description: String?
            var weight: Int?
            var isDraft: Bool
        }
    }

    struct CachedPage: Sendable {
        var generation: Int
        var revision: PageSession.Revision
        var key: [UInt8]
        var file: OutputFile
    }

    struct RenderedNavigation: Sendable {
        var generation: Int
        var key: [UInt8]
        var html: String
    }

    /// Starts rendering the docs pages of one build.
    func pageSession(docs: DocSet, searchIndex: String) -> PageSession {
        let themeRevision = self.themeRevision
        let shape = DocsShape(themeRevision: themeRevision, siteRevision: siteRevision, searchIndex: searchIndex,
                              docs: docs.docs.map { DocsShape.Entry(sourcePath: $0.sourcePath, title: $0.title, description: $0.description,
                                                                    weight: $0.weight, isDraft: $0.isDraft) })
        let generation = state.withLock { state -> Int in
            // Without revisions (data or theme not cached), nothing can be known to be the same.
            if shape != state.pages.shape || shape.themeRevision == 0 || shape.siteRevision == 0 {
                state.pages.generation += 1
                state.pages.shape = shape
            }
            return state.pages.generation
        }
        return PageSession(cache: self, generation: generation, themeRevision: themeRevision)
    }
}

/// One build's rendering of docs pages with a `BuildCache`.
struct PageSession: Sendable {
    let cache: BuildCache
    let generation: Int
    let themeRevision: Int

    /// What a page is made from besides the shape: its doc, as loaded (`doc`), or nothing else
    /// (`listing`); `unknown` is never reused.
    enum Revision: Hashable, Sendable {
        case doc(Int)
        case listing
        case unknown
    }

    /// For each of `paths`, the page of an earlier build of this generation made from the
    /// same revision (nil: render it). One look at the cache for all pages: most are kept.
    func keptPages(_ paths: [String], revisions: [Revision]) -> [OutputFile?] {
        cache.state.withLock { state in
            zip(paths, revisions).map { path, revision -> OutputFile? in
                guard revision != .unknown, let cached = state.pages.pages[path], cached.generation == generation,
                    cached.revision == revision else { return nil }
                return cached.file
            }
        }
    }

    /// Forgets pages that are no longer made (and navigations of another generation), when
    /// the pages are not the same as last time.
    func keepOnly(_ paths: [String]) {
        cache.state.withLock { state in
            guard state.pages.pages.count != paths.count || !paths.allSatisfy({ state.pages.pages[$0] != nil }) else { return }
            let wanted = Set(paths)
            state.pages.pages = state.pages.pages.filter { wanted.contains($0.key) }
            state.pages.navigations = state.pages.navigations.filter { $0.value.generation == generation }
        }
    }

    /// The navigation for `key`: reused, or rendered from `context()` by `render`.
    func navigation(_ key: DocsNavigation.NavKey, context: () -> some TemplateContext,
                    render: (TemplateTree) throws(TemplateError) -> String) throws(TemplateError) -> BuildCache.RenderedNavigation {
        let cached = cache.state.withLock { $0.pages.navigations[key] }
        if let cached, cached.generation == generation { return cached }
        let values = try TemplateTree(context())
        var contextKey = ContextKey()
        contextKey.append(themeRevision)
        contextKey.append(values.values)
        var rendered: BuildCache.RenderedNavigation
        if let cached, cached.key == contextKey.bytes {
            rendered = cached
            rendered.generation = generation
        } else {
            rendered = BuildCache.RenderedNavigation(generation: generation, key: contextKey.bytes, html: try render(values))
        }
        cache.state.withLock { [rendered] in $0.pages.navigations[key] = rendered }
        return rendered
    }

    /// The page at `path`: reused, or rendered from `context()` by `render`.
    /// - Parameters:
    ///   - revision: the doc's revision for a doc page (its HTML is `doc.content` in the
    ///     context, which the key takes as this number).
    ///   - navigation: the navigation the page shows.
    func page<Context: TemplateContext>(_ path: String, revision: Revision, navigation: BuildCache.RenderedNavigation,
        context: () -> Context,
                                        render: (Context) throws(TemplateError) -> OutputFile) throws(TemplateError) -> OutputFile {
        let cached = cache.state.withLock { $0.pages.pages[path] }
        if let cached, cached.generation == generation, cached.revision == revision {
            return cached.file
        }
        let values = context()
        let tree = try TemplateTree(values)
        var contextKey = ContextKey()
        contextKey.append(themeRevision)
        if case .doc(let number) = revision {
            contextKey.append(tree.values, replacing: [["doc", "content"]: number])
        } else {
            contextKey.append(tree.values)
        }
        contextKey.append(navigation.key.count)
        var key = contextKey.bytes
        key += navigation.key
        let file: OutputFile
        if let cached, cached.revision == revision, cached.key == key {
            file = cached.file
        } else {
            file = try render(values)
        }
        let entry = BuildCache.CachedPage(generation: generation, revision: revision, key: key, file: file)
        cache.state.withLock { $0.pages.pages[path] = entry }
        return file
    }
}
