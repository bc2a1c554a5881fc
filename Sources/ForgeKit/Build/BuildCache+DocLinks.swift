/// The docs' link check (`DocsLoader.checkLinks`), kept per doc: a doc's problems depend on its
/// own links and source (its revision) and on the headings of the docs it links to (and
/// whether those are published). A doc is checked again when it was loaded again or when one
/// of its targets changed its headings or was published or withdrawn; the others' problems
/// are reported again as they were, in the same order as one check of all docs reports them.
extension BuildCache {
    struct DocLinksState: Sendable {
        var checked: [String: CheckedDoc] = [:]
        var published: Set<String> = []
        /// The pages outside docs/ the docs could link to when they were checked.
        var sitePages: Set<String> = []
    }

    struct CheckedDoc: Sendable {
        var revision: Int
        /// The doc's heading ids, which links from other docs point at.
        var anchors: [String]
        var problems: [ContentError]
    }

    func checkLinks(_ loaded: [DocsLoader.Loaded], published: [Doc], drafts: Set<String>, sitePages: Set<String>,
                    displayDirectory: String, diagnostics: inout Diagnostics) {
        let revisions = docRevisions()
        // Taken out of the state (put back at the end), so the one copy is changed in place.
        var previous = state.withLock { state -> DocLinksState in
            let links = state.docs.links
            state.docs.links = DocLinksState()
            return links
        }
        // Another API reference: every link out of docs/ may have changed its verdict.
        if previous.sitePages != sitePages { previous = DocLinksState() }
        let publishedPaths = Set(published.map(\.sourcePath))
        // Docs whose headings (or publication) changed since the last check: their linkers are checked again.
        var moved = publishedPaths.symmetricDifference(previous.published)
        for index in published.indices {
            let path = published[index].sourcePath
            guard let old = previous.checked[path], old.revision != revisions[path] else { continue }
            if !old.anchors.elementsEqual(published[index].content.headings.lazy.map(\.id)) { moved.insert(path) }
        }
        var docsByPath: [String: Doc]?
        // The last check's entries, less those of docs no longer published; each doc's is then
        // kept or replaced (most are kept: an edit touches one).
        var checked = previous.checked
        previous.checked = [:]
        for path in previous.published where !publishedPaths.contains(path) { checked.removeValue(forKey: path) }
        for index in loaded.indices {
            // Read in place: copying each doc (and each loaded file) was most of this check.
            guard let path = loaded[index].doc?.sourcePath else { continue }
            let revision = revisions[path]
            var problems: [ContentError]
            if let revision, let old = checked[path], old.revision == revision,
               !loaded[index].links.contains(where: { DocLinksState.target(of: $0.resolution).map(moved.contains) ?? false }) {
                problems = old.problems
            } else {
                let item = loaded[index]
                guard let doc = item.doc else { continue }
                if docsByPath == nil { docsByPath = Dictionary(published.map { ($0.sourcePath, $0) },
                    uniquingKeysWith: { first, _ in first }) }
                // The check of this doc alone, with the docs its links point at.
                var targets = [doc]
                for (_, resolution) in item.links {
                    if let target = DocLinksState.target(of: resolution), let linked = docsByPath?[target] { targets.append(linked) }
                }
                var found = Diagnostics()
                DocsLoader.checkLinks([item], published: targets, drafts: drafts, sitePages: sitePages, displayDirectory: displayDirectory,
                    diagnostics: &found)
                guard found.suppressed == 0 else {
                    // More problems than a report keeps: check all docs at once, as a build does.
                    state.withLock { $0.docs.links = DocLinksState() }
                    DocsLoader.checkLinks(loaded, published: published, drafts: drafts, sitePages: sitePages,
                        displayDirectory: displayDirectory, diagnostics: &diagnostics)
                    return
                }
                problems = found.items
                if let revision {
                    checked[path] = CheckedDoc(revision: revision, anchors: doc.content.headings.map(\.id), problems: problems)
                } else {
                    checked.removeValue(forKey: path)
                }
            }
            for problem in problems { diagnostics.report(problem) }
        }
        // A doc without a known revision is checked every time.
        let kept = checked
        state.withLock { $0.docs.links = DocLinksState(checked: kept, published: publishedPaths, sitePages: sitePages) }
    }
}

extension BuildCache.DocLinksState {
    /// The doc a link points at, when it points at one.
    static func target(of resolution: DocLinkResolver.Resolution) -> String? {
        if case .doc(let target, _, _) = resolution { return target }
        return nil
    }
}
