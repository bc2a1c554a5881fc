/// The API reference under `forge serve`: the specs and their pages are made again only when
/// the site's data (a file outside `docs/`, which is where `api/` is), the theme, or whether
/// there are docs changed. A doc edit re-renders no API page, and re-reads no spec.
extension BuildCache {
    struct APIState: Sendable {
        var siteRevision = 0
        var specs: [APISpec] = []
        var problems: [ContentError] = []
        /// The pages, and what they were made from: site and theme revisions, whether there were docs.
        var output: APIReferenceRenderer.Output?
        var outputKey: [Int] = []
    }

    /// `load`'s specs, or the last build's while the site's data stayed the same (its problems
    /// are reported again).
    func apiSpecs(diagnostics: inout Diagnostics, load: (inout Diagnostics) -> [APISpec]) -> [APISpec] {
        let revision = siteRevision
        if revision != 0, let cached = state.withLock({ $0.api.siteRevision == revision ? $0.api : nil }) {
            for problem in cached.problems { diagnostics.report(problem) }
            return cached.specs
        }
        var found = Diagnostics()
        let specs = load(&found)
        diagnostics.merge(found)
        if revision != 0 {
            state.withLock { $0.api = APIState(siteRevision: revision, specs: specs, problems: found.items) }
        }
        return specs
    }

    /// The API pages: reused while the specs, the theme and the docs' presence are the same.
    func apiOutput(hasDocs: Bool,
        render: () throws(TemplateError) -> APIReferenceRenderer.Output) throws(TemplateError) -> APIReferenceRenderer.Output {
        let key = [siteRevision, themeRevision, hasDocs ? 1 : 0]
        if key[0] != 0, key[1] != 0,
           let cached = state.withLock({ $0.api.outputKey == key ? $0.api.output : nil }) {
            return cached
        }
        let output = try render()
        state.withLock { state in
            state.api.output = output
            state.api.outputKey = key
        }
        return output
    }
}
