/// Docs: each Markdown file's outcome (`DocsLoader.loadDoc`: front matter, rendered HTML,
/// links, problems) is kept until the file changes (`beginBuild` drops it), or until one of
/// its links would resolve differently (a doc it links to appeared or went away).
extension BuildCache {
    struct DocsState: Sendable {
        var entries: [String: DocEntry] = [:]
        /// Each entry's revision, read by every page of a build at once.
        var revisions: [String: Int] = [:]
        /// What the link resolver knew in the last build.
        var docPaths: Set<String> = []
        var assetPaths: Set<String> = []
        var folders: Set<String> = []
        /// The build in which the resolver was last compared, and whether it was the same.
        var comparedInBuild = -1
        var sameResolver = false
        /// Counts builds, for `comparedInBuild`.
        var build = 0
        /// The files of the docs folder as last listed; nil once one appeared or went away.
        var listing: DocsLoader.Listing?
        var arrangement: Arrangement?
        var links = DocLinksState()
    }

    /// How the last build arranged its docs: what the order depends on (each doc's path, title
    /// and weight, in the order given) and the result as positions in that input.
    struct Arrangement: Sendable {
        var keys: [ArrangementKey]
        var order: [Int]
        var root: DocSection
    }

    struct ArrangementKey: Equatable, Sendable {
        var sourcePath: String
        var title: String
        var weight: Int?
    }

    struct DocEntry: Sendable {
        var loaded: DocsLoader.Loaded
        /// A new number each time the file is loaded: pages made from it are reused only for
        /// the same revision.
        var revision: Int
    }

    /// `load`'s result for each of `files`: an earlier build's when it still holds, else
    /// loaded now (those on every core). The kept ones are taken under one lock, on one thread:
    /// taking each under the lock from every core was most of an edit's rebuild (the threads
    /// queued for the lock and fought over the reference counts of what they copied).
    func docs(_ files: [DocsLoader.File], resolver: DocLinkResolver,
              load: @Sendable (DocsLoader.File) -> DocsLoader.Loaded) -> [DocsLoader.Loaded] {
        let (entries, sameResolver) = state.withLock { state -> ([String: DocEntry], Bool) in
            if state.docs.comparedInBuild != state.docs.build {
                state.docs.sameResolver = state.docs.docPaths == resolver.docPaths && state.docs.assetPaths == resolver.assetPaths
                    && state.docs.folders == resolver.folders
                state.docs.docPaths = resolver.docPaths
                state.docs.assetPaths = resolver.assetPaths
                state.docs.folders = resolver.folders
                state.docs.comparedInBuild = state.docs.build
            }
            return (state.docs.entries, state.docs.sameResolver)
        }
        var results: [DocsLoader.Loaded?] = files.map { file in
            guard let entry = entries[file.path], sameResolver
                || entry.loaded.links.allSatisfy({ resolver.resolve($0.link.destination, from: file.path) == $0.resolution })
            else { return nil }
            return entry.loaded
        }
        let missing = results.indices.filter { results[$0] == nil }
        let fresh = missing.map { files[$0] }.concurrentMap(load)
        state.withLock { state in
            for (index, loaded) in zip(missing, fresh) {
                let revision = state.revision()
                state.docs.entries[files[index].path] = DocEntry(loaded: loaded, revision: revision)
                state.docs.revisions[files[index].path] = revision
            }
        }
        for (index, loaded) in zip(missing, fresh) { results[index] = loaded }
        return results.compactMap { $0 }
    }

    /// `list()`'s files of the docs folder, listed again only when a file appeared or went away.
    func docsListing(list: () -> DocsLoader.Listing) -> DocsLoader.Listing {
        if let listing = state.withLock({ $0.docs.listing }) { return listing }
        let files = list()
        state.withLock { $0.docs.listing = files }
        return files
    }

    /// `arrange()`'s DocSet, or the last one's order and sections with these docs in them when
    /// no doc's path, title or weight changed (what `DocSet(arranging:)` orders by).
    func arranged(_ docs: [Doc], assets: [DocSet.Asset], arrange: () -> DocSet) -> DocSet {
        let keys = docs.map { ArrangementKey(sourcePath: $0.sourcePath, title: $0.title, weight: $0.weight) }
        if let last = state.withLock({ $0.docs.arrangement }), last.keys == keys {
            return DocSet(docs: last.order.map { docs[$0] }, root: last.root, assets: assets)
        }
        let set = arrange()
        var positions: [String: Int] = [:]
        for (position, doc) in docs.enumerated() { positions[doc.sourcePath] = position }
        let order = set.docs.compactMap { positions[$0.sourcePath] }
        if order.count == set.docs.count {
            state.withLock { $0.docs.arrangement = Arrangement(keys: keys, order: order, root: set.root) }
        }
        return set
    }

    /// The revision of each doc as loaded (by source path).
    func docRevisions() -> [String: Int] {
        state.withLock { $0.docs.revisions }
    }
}
