/// Docs: each Markdown file's outcome (`DocsLoader.loadDoc`: front matter, rendered HTML,
/// links, problems) is kept until the file changes (`beginBuild` drops it), or until one of
/// its links would resolve differently (a doc it links to appeared or went away).
extension BuildCache {
    struct DocsState: Sendable {
        var entries: [String: DocEntry] = [:]
        /// What the link resolver knew in the last build.
        var docPaths: Set<String> = []
        var assetPaths: Set<String> = []
        var folders: Set<String> = []
        /// The build in which the resolver was last compared, and whether it was the same.
        var comparedInBuild = -1
        var sameResolver = false
        /// Counts builds, for `comparedInBuild`.
        var build = 0
    }

    struct DocEntry: Sendable {
        var loaded: DocsLoader.Loaded
        /// A new number each time the file is loaded: pages made from it are reused only for
        /// the same revision.
        var revision: Int
    }

    /// `load`'s result for `file` from an earlier build when it still holds, else `load()`.
    func doc(_ file: DocsLoader.File, resolver: DocLinkResolver, load: () -> DocsLoader.Loaded) -> DocsLoader.Loaded {
        let (entry, sameResolver) = state.withLock { state -> (DocEntry?, Bool) in
            if state.docs.comparedInBuild != state.docs.build {
                state.docs.sameResolver = state.docs.docPaths == resolver.docPaths && state.docs.assetPaths == resolver.assetPaths
                    && state.docs.folders == resolver.folders
                state.docs.docPaths = resolver.docPaths
                state.docs.assetPaths = resolver.assetPaths
                state.docs.folders = resolver.folders
                state.docs.comparedInBuild = state.docs.build
            }
            return (state.docs.entries[file.path], state.docs.sameResolver)
        }
        if let entry, sameResolver || entry.loaded.links.allSatisfy({ resolver.resolve($0.link.destination, from: file.path) == $0.resolution }) {
            return entry.loaded
        }
        let loaded = load()
        state.withLock { state in
            let revision = state.revision()
            state.docs.entries[file.path] = DocEntry(loaded: loaded, revision: revision)
        }
        return loaded
    }

    /// The revision of the doc loaded from `sourcePath` (0 when unknown).
    func revision(ofDoc sourcePath: String) -> Int {
        state.withLock { $0.docs.entries[sourcePath]?.revision ?? 0 }
    }
}
