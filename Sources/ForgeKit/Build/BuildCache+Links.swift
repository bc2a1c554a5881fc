/// The output link check: a page's problems depend on its bytes and on whether the paths its
/// references resolve to are produced, so a page that kept its bytes (reused, or rendered the
/// same) keeps its problems while each of its targets is still there (or still missing).
/// Fingerprinted files that no page names (search shards, history chunks) may come and go.
extension BuildCache {
    struct LinksState: Sendable {
        var basePath = ""
        var pages: [String: CheckedPage] = [:]
    }

    struct CheckedPage: Sendable {
        var bytes: [UInt8]
        var checkedAtSource: Bool
        var check: OutputLinkCheck.PageCheck
    }

    /// The last build's checks, usable under the same base path.
    struct LinkProblems: Sendable {
        let pages: [String: CheckedPage]

        func check(of file: OutputFile, checkedAtSource: Bool, paths: Set<String>) -> OutputLinkCheck.PageCheck? {
            guard let page = pages[file.path], page.checkedAtSource == checkedAtSource, page.bytes == file.bytes,
                  page.check.targets.allSatisfy({ paths.contains($0) != page.check.missing.contains($0) }) else { return nil }
            return page.check
        }
    }

    func linkProblems(basePath: String) -> LinkProblems {
        state.withLock { state in
            let same = state.links.basePath == basePath
            state.links.basePath = basePath
            return LinkProblems(pages: same ? state.links.pages : [:])
        }
    }

    func keepLinkProblems(pages: [OutputFile], checks: [OutputLinkCheck.PageCheck], checkedAtSource: Set<String>) {
        var checked: [String: CheckedPage] = [:]
        checked.reserveCapacity(pages.count)
        for (page, check) in zip(pages, checks) {
            checked[page.path] = CheckedPage(bytes: page.bytes, checkedAtSource: checkedAtSource.contains(page.path), check: check)
        }
        state.withLock { $0.links.pages = checked }
    }
}

extension BuildCache {
    /// Output files the last build's secret scan found clean, by path, while the provisioned
    /// keys stay the same: a page that did not change is not scanned again on each edit.
    func cleanOutputs(keys: [String]) -> [String: [UInt8]] {
        state.withLock { state in state.cleanOutputs.keys == keys ? state.cleanOutputs.files : [:] }
    }

    func keepCleanOutputs(_ files: [OutputFile], keys: [String]) {
        var clean: [String: [UInt8]] = [:]
        clean.reserveCapacity(files.count)
        for file in files { clean[file.path] = file.bytes }
        state.withLock { $0.cleanOutputs = (keys, clean) }
    }
}
