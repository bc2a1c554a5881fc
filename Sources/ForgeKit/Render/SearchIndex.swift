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

    /// One page's words: weight bits and count.
    private struct Posting {
        var mask: UInt8
        var count: UInt32

        mutating func add(_ bit: UInt8) {
            mask |= bit
            count += 1
        }
    }

    func output() -> Output {
        // The words of each page, on every core.
        let perDocument: [[String: Posting]] = documents.concurrentMap { SearchIndex.postings(of: $0) }

        // Word → pages, in page order: each word gets a number once, its list grows in place.
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(perDocument.reduce(0) { max($0, $1.count) } * 4)
        var lists: [[UInt32]] = []
        var wordOf: [String] = []
        for (doc, words) in perDocument.enumerated() {
            for (word, posting) in words {
                let weight = min(posting.count, SearchIndex.maxCount) << 3 | UInt32(posting.mask)
                let number: Int
                if let known = numbers[word] {
                    number = known
                } else {
                    number = lists.count
                    numbers[word] = number
                    lists.append([])
                    wordOf.append(word)
                }
                lists[number].append(UInt32(doc))
                lists[number].append(weight)
            }
        }
        // Sorted as JavaScript compares strings (UTF-16 code units), which search.js's binary
        // search relies on; pages in order within each word (dictionary order is not).
        let order = wordOf.indices.sorted { wordOf[$0].utf16.lexicographicallyPrecedes(wordOf[$1].utf16) }
        let words = order.map { wordOf[$0] }
        let postingsByWord = order.map { lists[$0] }

        // Shards: runs of the sorted words of about shardTarget bytes each, named by their
        // first word (the first by "", so every word has one).
        var shards: [(key: String, words: Range<Int>)] = []
        var start = 0
        var size = 0
        for (index, word) in words.enumerated() {
            if size >= SearchIndex.shardTarget {
                shards.append((shards.isEmpty ? "" : words[start], start..<index))
                start = index
                size = 0
            }
            size += word.utf8.count + 6 + postingsByWord[index].count * 3
        }
        if start < words.count || shards.isEmpty { shards.append((shards.isEmpty ? "" : words[start], start..<words.count)) }

        let shardFiles: [OutputFile] = Array(shards.enumerated()).concurrentMap { item in
            let (number, shard) = item
            var out = SearchIndex.prelude("s\(number)")
            out.append(contentsOf: "{\"terms\":[".utf8)
            for index in shard.words {
                if index > shard.words.lowerBound { out.append(UInt8(ascii: ",")) }
                SearchIndex.appendString(words[index], to: &out)
            }
            out.append(contentsOf: "],\"postings\":[".utf8)
            for index in shard.words {
                if index > shard.words.lowerBound { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                var previous: UInt32 = 0
                let list = postingsByWord[index]
                var index = 0
                while index + 1 < list.count {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
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

        // Text chunks: consecutive pages, about textTarget bytes each.
        var chunks: [(first: Int, bytes: [UInt8])] = []
        var current: [UInt8] = []
        var first = 0
        for (doc, document) in documents.enumerated() {
            var entry: [UInt8] = []
            SearchIndex.appendText(document, to: &entry)
            if !current.isEmpty, current.count + entry.count > SearchIndex.textTarget {
                chunks.append((first, current))
                current = []
                first = doc
            }
            if !current.isEmpty { current.append(UInt8(ascii: ",")) }
            current.append(contentsOf: entry)
        }
        if !current.isEmpty || documents.isEmpty { chunks.append((first, current)) }
        let textFiles = chunks.enumerated().map { number, chunk -> OutputFile in
            var out = SearchIndex.prelude("x\(number)")
            out.append(contentsOf: "{\"docs\":[".utf8)
            out.append(contentsOf: chunk.bytes)
            out.append(contentsOf: "]};\n".utf8)
            return SearchIndex.file("x\(number)", out)
        }

        var manifest = SearchIndex.prelude("manifest")
        manifest.append(contentsOf: "{\"v\":2,\"docs\":\(documents.count),\"shards\":[".utf8)
        for (number, shard) in shards.enumerated() {
            if number > 0 { manifest.append(UInt8(ascii: ",")) }
            manifest.append(UInt8(ascii: "["))
            SearchIndex.appendString(shard.key, to: &manifest)
            manifest.append(UInt8(ascii: ","))
            SearchIndex.appendString(shardFiles[number].path, to: &manifest)
            manifest.append(UInt8(ascii: "]"))
        }
        manifest.append(contentsOf: "],\"texts\":[".utf8)
        for (number, chunk) in chunks.enumerated() {
            if number > 0 { manifest.append(UInt8(ascii: ",")) }
            manifest.append(contentsOf: "[\(chunk.first),".utf8)
            SearchIndex.appendString(textFiles[number].path, to: &manifest)
            manifest.append(UInt8(ascii: "]"))
        }
        manifest.append(contentsOf: "]};\n".utf8)
        // The manifest keeps one name: every page names it, and a name that changed with each
        // edit of any doc would change every page (no page could be reused from the previous
        // build, nor left alone by `forge serve`). Shards and text are fingerprinted; a browser
        // holding a stale manifest reloads it (docs-search.js).
        let manifestFile = OutputFile(path: SearchIndex.manifestPath, bytes: manifest)
        return Output(manifestPath: manifestFile.path, files: [manifestFile] + shardFiles + textFiles)
    }

    private static func postings(of document: SearchDocument) -> [String: Posting] {
        var words: [String: Posting] = [:]
        func add(_ text: String, _ mask: UInt8) {
            SearchText.words(in: text) { word in
                guard word.utf8.count <= SearchText.wordLimit else { return }
                words[word, default: Posting(mask: 0, count: 0)].add(mask)
            }
        }
        add(document.title, 4)
        for keyword in document.keywords { add(keyword, 2) }
        for section in document.sections {
            add(section.heading, 2)
            for passage in section.passages { add(passage, 1) }
        }
        return words
    }

    /// `[url, title, [id, heading, passage, …], …]`
    private static func appendText(_ document: SearchDocument, to out: inout [UInt8]) {
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

    private static func prelude(_ key: String) -> [UInt8] {
        Array("(window.ForgeSearchData=window.ForgeSearchData||{})[\"\(key)\"]=".utf8)
    }

    private static func file(_ name: String, _ bytes: [UInt8]) -> OutputFile {
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
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
