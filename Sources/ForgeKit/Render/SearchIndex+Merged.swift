extension SearchIndex {
    /// The index as merged, which `forge serve` keeps between builds. An edit changes a few
    /// pages: `updated(to:)` moves their postings in the sorted words and makes again only the
    /// shards and text chunks they touch, where merging every word of every page again was a
    /// third of an edit's rebuild on a 1,500-doc site. Either way the files are byte for byte
    /// what `Merged(pages)` makes of the same pages (`SearchIndexMergedTests`).
    struct Merged: Sendable {
        private let pages: [PageWords]
        /// Sorted as search.js compares them (`WordTable.precedesInUTF16`).
        private let words: [String]
        /// Word `i`'s (page, weight) pairs, pages ascending: slices of one buffer as merged (an
        /// edited word's list gets its own on its first change).
        private let postings: [ArraySlice<UInt32>]
        private let shards: [Shard]
        private let texts: [TextChunk]
        let output: Output
        /// How many shard and text files were kept from the index this one was updated from.
        let reusedFiles: Int

        private struct Shard: Sendable {
            var words: Range<Int>
            var first: String?
            var last: String?
            var file: OutputFile
        }

        private struct TextChunk: Sendable {
            var pages: Range<Int>
            var file: OutputFile
        }

        /// More changed pages than this (or pages added, removed) merge everything again.
        static func patchLimit(pageCount: Int) -> Int { max(16, pageCount / 8) }

        init(_ pages: [PageWords]) {
            let sorted = SearchIndex.sortedWords(pages)
            self.init(pages: pages, words: sorted.words, postings: sorted.postings, reusing: nil, changedWords: [], changedPages: [])
        }

        /// The index of `pages`, from this one when the two differ in a few pages' words or text.
        func updated(to new: [PageWords]) -> Merged {
            guard new.count == pages.count else { return Merged(new) }
            let changed = new.indices.filter { !new[$0].hasSameContent(as: pages[$0]) }
            if changed.isEmpty { return self }
            guard changed.count <= Merged.patchLimit(pageCount: pages.count) else { return Merged(new) }

            var words = self.words
            var postings = self.postings
            var added: [String: ArraySlice<UInt32>] = [:]
            var touched: Set<String> = []
            var emptied = false
            for page in changed {
                for (word, weight) in Merged.difference(from: pages[page], to: new[page]) {
                    let at = Merged.lowerBound(of: word, in: words)
                    if at < words.count, words[at] == word {
                        Merged.set(page: UInt32(page), weight: weight, in: &postings[at])
                        emptied = emptied || postings[at].isEmpty
                        touched.insert(word)
                    } else if let weight {
                        // A word new to the index (pages ascend, so its pairs do).
                        added[word, default: []] += [UInt32(page), weight][...]
                    }
                }
            }
            if emptied || !added.isEmpty {
                let newWords = added.keys.sorted(by: Merged.precedes)
                var mergedWords: [String] = []
                var mergedPostings: [ArraySlice<UInt32>] = []
                mergedWords.reserveCapacity(words.count + newWords.count)
                mergedPostings.reserveCapacity(words.count + newWords.count)
                var next = 0
                for (word, list) in zip(words, postings) {
                    while next < newWords.count, Merged.precedes(newWords[next], word) {
                        mergedWords.append(newWords[next])
                        mergedPostings.append(added[newWords[next]] ?? [])
                        next += 1
                    }
                    guard !list.isEmpty else { continue }
                    mergedWords.append(word)
                    mergedPostings.append(list)
                }
                for word in newWords[next...] {
                    mergedWords.append(word)
                    mergedPostings.append(added[word] ?? [])
                }
                words = mergedWords
                postings = mergedPostings
            }
            let changedWords = touched.union(added.keys).compactMap { word -> Int? in
                let at = Merged.lowerBound(of: word, in: words)
                return at < words.count && words[at] == word ? at : nil
            }.sorted()
            let changedPages = Set(changed.filter { new[$0].text != pages[$0].text })
            return Merged(pages: new, words: words, postings: postings, reusing: self, changedWords: changedWords,
                          changedPages: changedPages)
        }

        /// Splits the words into shards and the pages' text into chunks, and writes them: each
        /// file of `previous` whose content cannot have changed is kept as it was.
        private init(pages: [PageWords], words: [String], postings: [ArraySlice<UInt32>], reusing previous: Merged?,
                     changedWords: [Int], changedPages: Set<Int>) {
            self.pages = pages
            self.words = words
            self.postings = postings

            // Shards: runs of the sorted words of about shardTarget bytes each, named by their
            // first word (the first by "", so every word has one).
            var wordRanges: [Range<Int>] = []
            var start = 0
            var size = 0
            for index in words.indices {
                if size >= SearchIndex.shardTarget {
                    wordRanges.append(start..<index)
                    start = index
                    size = 0
                }
                size += words[index].utf8.count + 6 + postings[index].count * 3
            }
            if start < words.count || wordRanges.isEmpty { wordRanges.append(start..<words.count) }
            // A shard's bytes are its number, its words and their postings: the same number, the
            // same first and last word over as many words, none of them changed, is the same file
            // (a word gone from between them would have shortened the run, a word come is changed).
            shards = Array(wordRanges.enumerated()).concurrentMap { number, range -> Shard in
                let first = range.isEmpty ? nil : words[range.lowerBound]
                let last = range.isEmpty ? nil : words[range.upperBound - 1]
                if let old = previous?.shards[safe: number], old.words.count == range.count, old.first == first, old.last == last,
                   !Merged.contains(changedWords, in: range) {
                    return Shard(words: range, first: first, last: last, file: old.file)
                }
                let file = SearchIndex.shardFile(number, words: words, postings: postings, range: range)
                return Shard(words: range, first: first, last: last, file: file)
            }

            // Text chunks: consecutive pages, about textTarget bytes each.
            var pageRanges: [Range<Int>] = []
            var first = 0
            var bytes = 0
            for (index, page) in pages.enumerated() {
                if bytes > 0, bytes + page.text.count > SearchIndex.textTarget {
                    pageRanges.append(first..<index)
                    first = index
                    bytes = 0
                }
                if bytes > 0 { bytes += 1 }
                bytes += page.text.count
            }
            if bytes > 0 || pages.isEmpty { pageRanges.append(first..<pages.count) }
            texts = Array(pageRanges.enumerated()).concurrentMap { number, range -> TextChunk in
                if let old = previous?.texts[safe: number], old.pages == range, !range.contains(where: changedPages.contains) {
                    return old
                }
                return TextChunk(pages: range, file: SearchIndex.textFile(number, pages: pages, range: range))
            }

            reusedFiles = zip(shards, previous?.shards ?? []).count { $0.file.path == $1.file.path }
                + zip(texts, previous?.texts ?? []).count { $0.file.path == $1.file.path }
            let manifest = SearchIndex.manifest(pageCount: pages.count,
                                                shards: shards.enumerated().map { ($0 == 0 ? "" : $1.first ?? "", $1.file) },
                                                texts: texts.map { ($0.pages.lowerBound, $0.file) })
            output = Output(manifestPath: manifest.path, files: [manifest] + shards.map(\.file) + texts.map(\.file))
        }

        /// The words whose weight on the page changed: the new weight, nil when it is gone.
        private static func difference(from old: PageWords, to new: PageWords) -> [(String, UInt32?)] {
            var oldWords = old.words
            var newWords = new.words
            var changes: [(String, UInt32?)] = []
            newWords.arena.withUnsafeBufferPointer { arena in
                for word in 0..<newWords.count {
                    let bytes = UnsafeBufferPointer(rebasing: arena[newWords.range(of: word)])
                    let found = oldWords.number(of: bytes, hash: newWords.hashes[word])
                    if found.map({ old.weights[$0] }) != new.weights[word] {
                        changes.append((String(decoding: bytes, as: UTF8.self), new.weights[word]))
                    }
                }
            }
            old.words.arena.withUnsafeBufferPointer { arena in
                for word in 0..<old.words.count {
                    let bytes = UnsafeBufferPointer(rebasing: arena[old.words.range(of: word)])
                    if newWords.number(of: bytes, hash: old.words.hashes[word]) == nil {
                        changes.append((String(decoding: bytes, as: UTF8.self), nil))
                    }
                }
            }
            return changes
        }

        /// Sets `page`'s weight in a word's (page, weight) pairs: added, replaced, or removed (nil).
        private static func set(page: UInt32, weight: UInt32?, in list: inout ArraySlice<UInt32>) {
            let start = list.startIndex
            let at = start + 2 * firstIndex(count: list.count / 2) { list[start + 2 * $0] < page }
            let present = at < list.endIndex && list[at] == page
            switch (present, weight) {
            case (true, let weight?): list[at + 1] = weight
            case (true, nil): list.removeSubrange(at..<at + 2)
            case (false, let weight?): list.insert(contentsOf: [page, weight], at: at)
            case (false, nil): break
            }
        }

        /// The index of the first of the sorted `words` that does not sort before `word`.
        private static func lowerBound(of word: String, in words: [String]) -> Int {
            firstIndex(count: words.count) { precedes(words[$0], word) }
        }

        /// Binary search: the first of `0..<count` for which `isBefore` is false (it is true
        /// for a prefix of them, false for the rest).
        private static func firstIndex(count: Int, where isBefore: (Int) -> Bool) -> Int {
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                if isBefore(middle) { low = middle + 1 } else { high = middle }
            }
            return low
        }

        private static func precedes(_ a: String, _ b: String) -> Bool {
            var a = a
            var b = b
            return a.withUTF8 { a in b.withUTF8 { b in WordTable.precedesInUTF16(a, b) } }
        }

        /// True when one of the sorted `indices` is in `range`.
        private static func contains(_ indices: [Int], in range: Range<Int>) -> Bool {
            let low = firstIndex(count: indices.count) { indices[$0] < range.lowerBound }
            return low < indices.count && indices[low] < range.upperBound
        }
    }
}

extension SearchIndex.PageWords {
    /// True when both have the same words with the same weights and the same text (a page kept
    /// from the previous build shares its buffers, which compare at once).
    func hasSameContent(as other: SearchIndex.PageWords) -> Bool {
        self === other
            || words.arena == other.words.arena && words.ends == other.words.ends && weights == other.weights && text == other.text
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
