import Crypto
import Foundation
import Synchronization

/// What one build hands the next under `forge serve`, so that an edit re-reads and re-renders
/// only what it touched. `forge build` never uses it: a build without a cache is what it was.
///
/// Each build starts with `beginBuild`, which compares every file of the content and themes
/// folders with what the last build read (`FileStamp`, plus the paths the watcher named, plus
/// a SHA-256 of the bytes when a stamp moved) and forgets what depended on a changed file:
/// - a change outside `Content/docs/` reloads the site's data (`ContentLoader`: config, keys,
///   plans, usage, and the secret scan of every file);
/// - a changed doc is loaded and rendered again (`BuildCache+Docs`), and scanned for secrets
///   on its own while the site's data stays;
/// - a change in the themes folder reloads the theme and its assets;
/// - pages are reused when nothing they show changed (`BuildCache+Pages`).
/// Everything the build reuses comes from a build of the same options, in this process.
public final class BuildCache: Sendable {
    let options: BuildOptions
    let state = Mutex(State())

    public init(options: BuildOptions) {
        self.options = options
    }

    struct State: Sendable {
        /// Absolute paths the watcher reported since the last build.
        var dirty: Set<String> = []
        var everything = false
        var sources: [String: Source] = [:]
        var themeStamps: [String: FileStamp] = [:]
        var scanned = false
        var site: CachedSite?
        var theme: CachedTheme?
        var usage: (siteRevision: Int, presenter: UsagePresenter)?
        var docs = DocsState()
        var pages = PagesState()
        var links = LinksState()
        var api = APIState()
        /// The search index as last merged (an edit patches it: `SearchIndex.Merged`).
        var search: SearchIndex.Merged?
        /// The secret scan's clean output files, and the provisioned keys it scanned for.
        var cleanOutputs: (keys: [String], files: [String: [UInt8]]) = ([], [:])
        /// Numbers the site's data, themes and docs as they are (re)loaded.
        var nextRevision = 1

        mutating func revision() -> Int {
            defer { nextRevision += 1 }
            return nextRevision
        }

        /// Drops what was made from the `changed` files (path below the content folder → the
        /// new bytes, nil when gone or unreadable).
        mutating func forget(_ changed: [String: [UInt8]?], contentDisplay: String) {
            let docsPrefix = "docs/"
            if changed.keys.contains(where: { !$0.hasPrefix(docsPrefix) }) { site = nil }
            for (path, bytes) in changed where path.hasPrefix(docsPrefix) {
                let docPath = String(path.dropFirst(docsPrefix.count))
                docs.entries.removeValue(forKey: docPath)
                docs.revisions.removeValue(forKey: docPath)
                // The site's data stays: scan this file for secrets as ContentLoader would have.
                guard let scanner = site?.scanner else { continue }
                var found = Diagnostics()
                if let bytes { scanner.scan(bytes: bytes, displayPath: contentDisplay + "/" + path, diagnostics: &found) }
                site?.docProblems[docPath] = found.items.isEmpty ? nil : found.items
            }
        }
    }

    /// The search index of `pages`, patched from the previous build's where only a few pages
    /// changed (the files are the same either way).
    func searchIndex(_ pages: [SearchIndex.PageWords]) -> SearchIndex.Output {
        let previous = state.withLock { $0.search }
        let merged = previous?.updated(to: pages) ?? SearchIndex.Merged(pages)
        state.withLock { $0.search = merged }
        return merged.output
    }

    /// A file of the content folder as last read.
    struct Source: Sendable {
        var stamp: FileStamp
        /// Computed when the stamp first moves (nil after the first build, which reads nothing twice).
        var digest: [UInt8]?
    }

    struct CachedSite: Sendable {
        var site: Site?
        var revision: Int
        /// ContentLoader's problems outside the docs folder, in its order.
        var problems: [ContentError]
        /// Its problems (the secret scan's) in each file of the docs folder, by path below it.
        var docProblems: [String: [ContentError]]
        var scanner: SecretScanner
    }

    struct CachedTheme: Sendable {
        var name: String
        var theme: Theme
        var revision: Int
        var assets: AssetCatalog?
    }

    /// Files that changed (absolute paths), as the watcher saw them. With `everything`, the
    /// watcher may have lost events: every file's stamp is compared.
    public func invalidate(_ paths: Set<String>, everything: Bool) {
        state.withLock { state in
            state.dirty.formUnion(paths)
            state.everything = state.everything || everything
        }
    }

    /// Finds what changed in the content and themes folders since the last build and forgets
    /// what was made from it. The first build (and one after lost events) compares the stamp of
    /// every file; later builds look at the files the watcher named (and, for a folder that
    /// appeared or went away, the files in it), which is all that can have changed.
    func beginBuild() {
        let contentRoot = options.contentDirectory.path
        let themeStamps = FileStamp.stamps(under: options.themesDirectory.path)
        let (previous, dirty, everything, first) = state.withLock { state in
            defer {
                state.dirty = []
                state.everything = false
            }
            return (state.sources, state.dirty, state.everything, !state.scanned)
        }

        // Paths below the content folder that may have changed.
        var candidates: Set<String> = []
        var current: [String: FileStamp] = [:]
        if first || everything {
            current = FileStamp.stamps(under: contentRoot)
            candidates = Set(current.keys).union(previous.keys)
        } else {
            for path in dirty where path.hasPrefix(contentRoot + "/") {
                let relative = String(path.dropFirst(contentRoot.count + 1))
                candidates.insert(relative)
                // A folder that appeared, went away or moved: the files that were or are in it.
                if previous[relative] == nil {
                    for known in previous.keys where known.hasPrefix(relative + "/") { candidates.insert(known) }
                    for (below, _) in FileStamp.stamps(under: path) { candidates.insert(relative + "/" + below) }
                }
            }
        }
        let named = Set(dirty.compactMap { $0.hasPrefix(contentRoot + "/") ? String($0.dropFirst(contentRoot.count + 1)) : nil })

        // Read (outside the lock) what may have changed; nil bytes: gone or unreadable.
        var sources = previous
        var changed: [String: [UInt8]?] = [:]
        var listingChanged = first || everything
        for path in candidates {
            let stamp = first || everything ? current[path] : FileStamp(path: contentRoot + "/" + path)
                .flatMap { $0.isRegularFile ? $0 : nil }
            guard let stamp else {
                if sources.removeValue(forKey: path) != nil {
                    changed[path] = .some(nil)
                    listingChanged = true
                }
                continue
            }
            let old = previous[path]
            if old == nil { listingChanged = true }
            if first || (old?.stamp == stamp && !named.contains(path)) {
                sources[path] = Source(stamp: stamp, digest: old?.digest)
                continue
            }
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: contentRoot + "/" + path, isDirectory: false)) else {
                sources.removeValue(forKey: path)
                changed[path] = .some(nil)
                continue
            }
            let bytes = [UInt8](data)
            let digest = Array(SHA256.hash(data: bytes))
            sources[path] = Source(stamp: stamp, digest: digest)
            if old?.digest != digest { changed[path] = bytes }
        }

        let themesRoot = options.themesDirectory.path + "/"
        let themeChanged = dirty.contains { $0.hasPrefix(themesRoot) }
        state.withLock { state in
            state.sources = sources
            state.scanned = true
            state.docs.build += 1
            if listingChanged { state.docs.listing = nil }
            if themeChanged || themeStamps != state.themeStamps { state.theme = nil }
            state.themeStamps = themeStamps
            state.forget(changed, contentDisplay: options.contentDisplay)
        }
    }

    /// The site's data: `ContentLoader.load`'s result, reused while no file outside the docs
    /// folder changed. Its problems are reported into `diagnostics` either way.
    func site(_ contentOptions: ContentLoader.Options, diagnostics: inout Diagnostics) -> Site? {
        var cached = state.withLock { $0.site }
        if cached == nil {
            var found = Diagnostics()
            let site = ContentLoader.load(contentOptions, diagnostics: &found)
            let prefix = contentOptions.displayDirectory + "/docs/"
            var problems: [ContentError] = []
            var docProblems: [String: [ContentError]] = [:]
            for item in found.items {
                if item.location.path.hasPrefix(prefix) {
                    docProblems[String(item.location.path.dropFirst(prefix.count)), default: []].append(item)
                } else {
                    problems.append(item)
                }
            }
            let fresh = CachedSite(site: site, revision: 0, problems: problems, docProblems: docProblems,
                                   scanner: SecretScanner(keys: site?.keys ?? []))
            cached = fresh
            state.withLock { state in
                // Past the report limit the split would lose problems: load again next time.
                if found.suppressed == 0 {
                    var kept = fresh
                    kept.revision = state.revision()
                    state.site = kept
                    cached = kept
                }
            }
        }
        guard let cached else { return nil }
        for item in cached.problems { diagnostics.report(item) }
        for path in cached.docProblems.keys.sorted() {
            for item in cached.docProblems[path] ?? [] { diagnostics.report(item) }
        }
        return cached.site
    }

    /// The number of the site's data as last loaded (0 when it is not cached).
    var siteRevision: Int { state.withLock { $0.site?.revision ?? 0 } }

    func usage(for site: Site,
        make: () throws(UsageSummary.OverflowError) -> UsagePresenter) throws(UsageSummary.OverflowError) -> UsagePresenter {
        let revision = siteRevision
        if revision != 0, let cached = state.withLock({ $0.usage }), cached.siteRevision == revision { return cached.presenter }
        let presenter = try make()
        if revision != 0 { state.withLock { $0.usage = (revision, presenter) } }
        return presenter
    }

    /// The theme, reloaded when a file of the themes folder changed or its name did.
    func theme(named name: String, load: () throws(TemplateError) -> Theme) throws(TemplateError) -> Theme {
        if let cached = state.withLock({ $0.theme }), cached.name == name { return cached.theme }
        let theme: Theme
        do {
            theme = try load()
        } catch {
            state.withLock { $0.theme = nil }
            throw error
        }
        state.withLock { state in
            let revision = state.revision()
            state.theme = CachedTheme(name: name, theme: theme, revision: revision, assets: nil)
        }
        return theme
    }

    var themeRevision: Int { state.withLock { $0.theme?.revision ?? 0 } }

    /// The theme's fingerprinted assets (minified and hashed once per theme).
    func assets(for theme: Theme) -> AssetCatalog {
        if let assets = state.withLock({ $0.theme?.assets }) { return assets }
        let assets = AssetCatalog(theme: theme)
        state.withLock { state in
            if state.theme?.theme.name == theme.name { state.theme?.assets = assets }
        }
        return assets
    }
}
