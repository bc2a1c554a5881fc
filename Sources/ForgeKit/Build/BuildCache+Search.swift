/// The search index under `forge serve`: each doc's words, counted once per revision of the doc
/// (`SearchIndex.PageWords`), so an edit re-counts one page and the index is merged from the
/// rest as they were. The merge itself (shards, text chunks) runs every build: it is what the
/// index is, and it is byte for byte what `forge build` writes.
extension BuildCache {
    struct SearchState: Sendable {
        /// By the doc's source path: the revision its words were counted from, and the words.
        var pages: [String: (revision: Int, words: SearchIndex.PageWords)] = [:]
    }

    /// The docs' counted words in `docs` order: the last build's for a doc of the same revision,
    /// counted now for the others.
    func searchPages(_ docs: DocSet) -> [SearchIndex.PageWords] {
        let revisions = docRevisions()
        let cached = state.withLock { $0.search.pages }
        var kept: [Int: SearchIndex.PageWords] = [:]
        var missing: [Int] = []
        for (index, doc) in docs.docs.enumerated() {
            if let revision = revisions[doc.sourcePath], let entry = cached[doc.sourcePath], entry.revision == revision {
                kept[index] = entry.words
            } else {
                missing.append(index)
            }
        }
        let counted = DocsRenderer.searchPages(missing.map { docs.docs[$0] })
        for (index, words) in zip(missing, counted) { kept[index] = words }
        var next: [String: (revision: Int, words: SearchIndex.PageWords)] = [:]
        var pages: [SearchIndex.PageWords] = []
        pages.reserveCapacity(docs.docs.count)
        for (index, doc) in docs.docs.enumerated() {
            guard let words = kept[index] else { continue }  // every index is in kept: kept or counted
            pages.append(words)
            if let revision = revisions[doc.sourcePath] { next[doc.sourcePath] = (revision, words) }
        }
        state.withLock { $0.search.pages = next }
        return pages
    }
}
