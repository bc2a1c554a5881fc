/// The output link check: a page's problems depend on its bytes and on the set of paths the
/// build produces, so a page that kept its bytes (reused, or rendered the same) in a build
/// with the same files keeps its problems.
extension BuildCache {
    struct LinksState: Sendable {
        var paths: Set<String> = []
        var basePath = ""
        var pages: [String: CheckedPage] = [:]
    }

    struct CheckedPage: Sendable {
        var bytes: [UInt8]
        var checkedAtSource: Bool
        var problems: [ContentError]
    }

    /// The last build's checks, usable when it produced the same paths under the same base.
    struct LinkProblems: Sendable {
        let pages: [String: CheckedPage]

        func problems(for file: OutputFile, checkedAtSource: Bool) -> [ContentError]? {
            guard let page = pages[file.path], page.checkedAtSource == checkedAtSource, page.bytes == file.bytes else { return nil }
            return page.problems
        }
    }

    func linkProblems(paths: Set<String>, basePath: String) -> LinkProblems {
        state.withLock { state in
            let same = state.links.paths == paths && state.links.basePath == basePath
            state.links.paths = paths
            state.links.basePath = basePath
            return LinkProblems(pages: same ? state.links.pages : [:])
        }
    }

    func keepLinkProblems(pages: [OutputFile], problems: [[ContentError]], checkedAtSource: Set<String>) {
        var checked: [String: CheckedPage] = [:]
        checked.reserveCapacity(pages.count)
        for (page, found) in zip(pages, problems) {
            checked[page.path] = CheckedPage(bytes: page.bytes, checkedAtSource: checkedAtSource.contains(page.path), problems: found)
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
