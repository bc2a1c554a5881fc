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
        var previous = state.withLock { $0.docs.links }
        // Another API reference: every link out of docs/ may have changed its verdict.
        if previous.sitePages != sitePages { previous = DocLinksState() }
        let publishedPaths = Set(published.map(\.sourcePath))
        // Docs whose headings (or publication) changed since the last check: their linkers are checked again.
        var moved = publishedPaths.symmetricDifference(previous.published)
        for doc in published {
            guard let old = previous.checked[doc.sourcePath], old.revision != revisions[doc.sourcePath] else { continue }
            if !old.anchors.elementsEqual(doc.content.headings.lazy.map(\.id)) { moved.insert(doc.sourcePath) }
        }
        var docsByPath: [String: Doc]?
        var checked: [String: CheckedDoc] = [:]
        checked.reserveCapacity(published.count)
        for item in loaded {
            guard let doc = item.doc else { continue }
            let revision = revisions[doc.sourcePath]
            var problems: [ContentError]
            if let revision, let old = previous.checked[doc.sourcePath], old.revision == revision,
               !item.links.contains(where: { DocLinksState.target(of: $0.resolution).map(moved.contains) ?? false }) {
                problems = old.problems
                checked[doc.sourcePath] = old
            } else {
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
                    checked[doc.sourcePath] = CheckedDoc(revision: revision, anchors: doc.content.headings.map(\.id), problems: problems)
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
