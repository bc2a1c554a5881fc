import Testing
@testable import ForgeKit

/// `forge serve` patches the search index after an edit (`SearchIndex.Merged.updated(to:)`)
/// instead of merging every page again: the files must be exactly those a full merge of the
/// same pages makes, whatever the edit — words come, go, change weight, new words sort in
/// anywhere (non-ASCII included), shard and text-chunk boundaries move.
@Suite struct SearchIndexMergedTests {
    static let extraWords = ["ça", "zürich", "été", "日本語", "𝒳val", "ωmega", "straße", "ﬁle", "a1", "z9", "0x1f"]

    static func vocabulary(_ random: inout SplitMix64, count: Int) -> [String] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var words: [String] = extraWords
        while words.count < count {
            words.append(String((0..<(2 + random.next(below: 8))).map { _ in letters[random.next(below: letters.count)] }))
        }
        return words
    }

    static func page(_ number: Int, title: String, words: [String]) -> SearchIndex.PageWords {
        SearchIndex.pageWords(of: SearchDocument(url: "docs/p\(number).html", title: title,
            sections: [.init(id: "", heading: "", passages: [words.joined(separator: " ")])]))
    }

    /// The files' paths in order, and the bytes of those that differ named by path (a failure
    /// names the files, not their megabytes).
    static func expectSameFiles(_ patched: SearchIndex.Output, _ merged: SearchIndex.Output, _ comment: Comment? = nil,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(patched.files.map(\.path) == merged.files.map(\.path), comment, sourceLocation: sourceLocation)
        for (a, b) in zip(patched.files, merged.files) where a.bytes != b.bytes {
            Issue.record("\(a.path) differs from a full merge's \(b.path) \(comment.map { "(\($0))" } ?? "")",
                         sourceLocation: sourceLocation)
        }
    }

    /// Pages of 40–300 words drawn mostly from the common end of the vocabulary.
    static func words(_ random: inout SplitMix64, from vocabulary: [String]) -> [String] {
        (0..<(40 + random.next(below: 260))).map { _ in
            let pick = random.next(below: vocabulary.count)
            return vocabulary[pick * random.next(below: vocabulary.count) / vocabulary.count]
        }
    }

    @Test(arguments: 0..<10) func aPatchedIndexIsTheMergedIndex(seed: Int) {
        var random = SplitMix64(seed: 0xF0E6 &+ UInt64(seed))
        let vocabulary = Self.vocabulary(&random, count: 3_000)
        var texts = (0..<200).map { _ in Self.words(&random, from: vocabulary) }
        var titles = (0..<200).map { "Page \($0)" }
        var pages = texts.indices.map { Self.page($0, title: titles[$0], words: texts[$0]) }
        var merged = SearchIndex.Merged(pages)
        #expect(merged.output.files.count(where: { $0.path.contains("/s") }) > 4, "several shards")
        #expect(merged.output.files.count(where: { $0.path.contains("/x") }) > 2, "several text chunks")

        for step in 0..<8 {
            let edited = (0..<(1 + random.next(below: 3))).map { _ in random.next(below: pages.count) }
            for page in edited {
                switch random.next(below: 5) {
                case 0: texts[page] += (0..<(1 + random.next(below: 4))).map { "new\(seed)w\(step)x\($0)" }
                case 1:
                    let first = texts[page].first ?? ""
                    texts[page].removeAll { $0.hasPrefix(first) }
                case 2: texts[page] += Array(repeating: texts[page].isEmpty ? "x" : texts[page][random.next(below: texts[page].count)], count: 5)
                case 3: texts[page] = Self.words(&random, from: vocabulary)
                default: titles[page] = "Retitled \(vocabulary[random.next(below: vocabulary.count)])"
                }
                pages[page] = Self.page(page, title: titles[page], words: texts[page])
            }
            let updated = merged.updated(to: pages)
            Self.expectSameFiles(updated.output, SearchIndex.output(pages), "seed \(seed), step \(step)")
            merged = updated
        }

        // Many pages changed, or pages added: merged again from scratch, same files.
        for page in 0..<100 { pages[page] = Self.page(page, title: "All new \(page)", words: texts[page]) }
        Self.expectSameFiles(merged.updated(to: pages).output, SearchIndex.output(pages))
        pages.append(Self.page(200, title: "Added", words: ["added"]))
        Self.expectSameFiles(merged.updated(to: pages).output, SearchIndex.output(pages))
    }

    /// A word said once more on a page changes its weight, not the sizes that place the shards'
    /// boundaries: one shard and one text chunk are made again, every other file is kept.
    @Test func anEditMakesAgainOnlyTheFilesItTouches() {
        var random = SplitMix64(seed: 7)
        let vocabulary = Self.vocabulary(&random, count: 3_000)
        let texts = (0..<200).map { _ in Self.words(&random, from: vocabulary) }
        var pages = texts.indices.map { Self.page($0, title: "Page \($0)", words: texts[$0]) }
        let merged = SearchIndex.Merged(pages)
        let fileCount = merged.output.files.count - 1
        pages[150] = Self.page(150, title: "Page 150", words: texts[150] + [texts[150][0]])
        let updated = merged.updated(to: pages)
        Self.expectSameFiles(updated.output, SearchIndex.output(pages))
        #expect(updated.reusedFiles == fileCount - 2)
    }

    @Test func anUnchangedSiteKeepsEveryFile() {
        let pages = (0..<30).map { Self.page($0, title: "P\($0)", words: ["alpha", "beta\($0)"]) }
        let merged = SearchIndex.Merged(pages)
        let again = merged.updated(to: (0..<30).map { Self.page($0, title: "P\($0)", words: ["alpha", "beta\($0)"]) })
        Self.expectSameFiles(again.output, merged.output)
    }
}
