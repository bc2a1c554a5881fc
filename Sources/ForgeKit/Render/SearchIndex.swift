/// The full-text search index of the docs and the API reference: every word of every page,
/// split so that a search loads only what it needs (search.js reads it; the format is
/// described there). Classic scripts that register themselves in `window.ForgeSearchData`,
/// because `fetch()` and modules are blocked on `file://`:
///
/// - `data/search/index.js` — the manifest: how many pages, where the shards and the text
///   chunks are. A few kilobytes, loaded when the search box gets focus. Not fingerprinted.
/// - `data/search/s<N>.<hash>.js` — the words, sorted, with their postings (page, weight), in
///   runs of about `shardTarget` bytes: a word typed loads one shard (a short prefix, a few).
/// - `data/search/x<N>.<hash>.js` — the pages' text in sections and passages, about
///   `textTarget` bytes each, loaded only for the results shown (to quote the passage).
///
/// Weights say where a word is: title (4), a heading or keyword (2), the body (1), and how
/// often (`min(count, 31) << 3`), so a title match outranks a heading and a heading the body.
struct SearchIndex {
    static let manifestPath = "data/search/index.js"
    static let shardTarget = 24_000
    static let textTarget = 48_000
    static let maxCount: UInt32 = 31

    let documents: [SearchDocument]

    struct Output: Sendable {
        /// The manifest, from the site root: what pages put in `data-index`.
        var manifestPath: String
        var files: [OutputFile]
    }

    func output() -> Output {
        SearchIndex.output(documents.concurrentMap(SearchIndex.pageWords(of:)))
    }

    /// The index of pages whose words are counted already.
    static func output(_ pages: [PageWords]) -> Output {
        Merged(pages).output
    }

    /// The words of `pages`, sorted, each with its postings: word → pages, in page order.
    static func sortedWords(_ pages: [PageWords]) -> (words: [String], postings: [ArraySlice<UInt32>]) {
        // Each word gets a number once; every (word, page, weight) is kept in page order, then
        // grouped by word with a counting sort (stable).
        var table = WordTable(capacity: pages.reduce(0) { max($0, $1.words.count) } * 4)
        var postingWord: [Int32] = []
        var postingValue: [UInt32] = []
        let total = pages.reduce(0) { $0 + $1.words.count }
        postingWord.reserveCapacity(total)
        postingValue.reserveCapacity(total * 2)
        for (doc, page) in pages.enumerated() {
            page.words.arena.withUnsafeBufferPointer { arena in
                for word in 0..<page.words.count {
                    let bytes = UnsafeBufferPointer(rebasing: arena[page.words.range(of: word)])
                    postingWord.append(Int32(table.insert(bytes, hash: page.words.hashes[word]).number))
                    postingValue.append(UInt32(doc))
                    postingValue.append(page.weights[word])
                }
            }
        }
        // starts[w]..<starts[w + 1]: word w's (page, weight) pairs in `lists`.
        var starts = [Int](repeating: 0, count: table.count + 1)
        for word in postingWord { starts[Int(word) + 1] += 2 }
        for word in 0..<table.count { starts[word + 1] += starts[word] }
        var lists = [UInt32](repeating: 0, count: postingValue.count)
        var next = starts
        for (posting, word) in postingWord.enumerated() {
            let at = next[Int(word)]
            lists[at] = postingValue[2 * posting]
            lists[at + 1] = postingValue[2 * posting + 1]
            next[Int(word)] = at + 2
        }

        // Sorted as JavaScript compares strings (UTF-16 code units), which search.js's binary
        // search relies on; pages in order within each word.
        let order = table.arena.withUnsafeBufferPointer { arena in
            (0..<table.count).sorted { a, b in
                WordTable.precedesInUTF16(UnsafeBufferPointer(rebasing: arena[table.range(of: a)]),
                                          UnsafeBufferPointer(rebasing: arena[table.range(of: b)]))
            }
        }
        let words = table.arena.withUnsafeBufferPointer { arena in
            order.map { String(decoding: UnsafeBufferPointer(rebasing: arena[table.range(of: $0)]), as: UTF8.self) }
        }
        return (words, order.map { lists[starts[$0]..<starts[$0 + 1]] })
    }

    /// The shard file `number` of `words[range]`.
    static func shardFile(_ number: Int, words: [String], postings: [ArraySlice<UInt32>], range: Range<Int>) -> OutputFile {
        var out = SearchIndex.prelude("s\(number)")
        out.append(contentsOf: "{\"terms\":[".utf8)
        for index in range {
            if index > range.lowerBound { out.append(UInt8(ascii: ",")) }
            SearchIndex.appendString(words[index], to: &out)
        }
        out.append(contentsOf: "],\"postings\":[".utf8)
        for index in range {
            if index > range.lowerBound { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            var previous: UInt32 = 0
            let list = postings[index]
            var index = list.startIndex
            while index + 1 < list.endIndex {
                if index > list.startIndex { out.append(UInt8(ascii: ",")) }
                SearchIndex.appendNumber(list[index] - previous, to: &out)
                out.append(UInt8(ascii: ","))
                SearchIndex.appendNumber(list[index + 1], to: &out)
                previous = list[index]
                index += 2
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "]};\n".utf8)
        return SearchIndex.file("s\(number)", out)
    }

    /// The text chunk file `number` of `pages[range]`.
    static func textFile(_ number: Int, pages: [PageWords], range: Range<Int>) -> OutputFile {
        var out = SearchIndex.prelude("x\(number)")
        out.append(contentsOf: "{\"docs\":[".utf8)
        for index in range {
            if index > range.lowerBound { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: pages[index].text)
        }
        out.append(contentsOf: "]};\n".utf8)
        return SearchIndex.file("x\(number)", out)
    }

    /// The manifest naming the shards (with their first words) and the text chunks (with their
    /// first pages).
    static func manifest(pageCount: Int, shards: [(key: String, file: OutputFile)], texts: [(first: Int, file: OutputFile)]) -> OutputFile {
        var manifest = SearchIndex.prelude("manifest")
        manifest.append(contentsOf: "{\"v\":2,\"docs\":\(pageCount),\"shards\":[".utf8)
        for (number, shard) in shards.enumerated() {
            if number > 0 { manifest.append(UInt8(ascii: ",")) }
            manifest.append(UInt8(ascii: "["))
            SearchIndex.appendString(shard.key, to: &manifest)
            manifest.append(UInt8(ascii: ","))
            SearchIndex.appendString(shard.file.path, to: &manifest)
            manifest.append(UInt8(ascii: "]"))
        }
        manifest.append(contentsOf: "],\"texts\":[".utf8)
        for (number, chunk) in texts.enumerated() {
            if number > 0 { manifest.append(UInt8(ascii: ",")) }
            manifest.append(contentsOf: "[\(chunk.first),".utf8)
            SearchIndex.appendString(chunk.file.path, to: &manifest)
            manifest.append(UInt8(ascii: "]"))
        }
        manifest.append(contentsOf: "]};\n".utf8)
        // The manifest keeps one name: every page names it, and a name that changed with each
        // edit of any doc would change every page (no page could be reused from the previous
        // build, nor left alone by `forge serve`). Shards and text are fingerprinted; a browser
        // holding a stale manifest reloads it (docs-search.js).
        return OutputFile(path: SearchIndex.manifestPath, bytes: manifest)
    }

    /// `[url, title, [id, heading, passage, …], …]`
    static func appendText(_ document: SearchDocument, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        appendString(document.url, to: &out)
        out.append(UInt8(ascii: ","))
        appendString(document.title, to: &out)
        for section in document.sections {
            out.append(contentsOf: ",[".utf8)
            appendString(section.id, to: &out)
            out.append(UInt8(ascii: ","))
            appendString(section.heading, to: &out)
            for passage in section.passages {
                out.append(UInt8(ascii: ","))
                appendString(passage, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    static func prelude(_ key: String) -> [UInt8] {
        Array("(window.ForgeSearchData=window.ForgeSearchData||{})[\"\(key)\"]=".utf8)
    }

    static func file(_ name: String, _ bytes: [UInt8]) -> OutputFile {
        OutputFile(path: "data/search/" + AssetCatalog.fingerprinted(name + ".js", bytes: bytes), bytes: bytes)
    }

    static func appendNumber(_ value: UInt32, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            out.append(contentsOf: String(value).utf8)
        }
    }

    /// A JSON string literal (valid JavaScript since ES2019, U+2028 and U+2029 included).
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var run = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            out.append(UInt8(ascii: "\""))
        }
    }
}
