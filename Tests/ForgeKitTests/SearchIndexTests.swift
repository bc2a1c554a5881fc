import Foundation
import Testing
@testable import ForgeKit

/// The full-text search index: the words (shared vectors with search.js), the text of pages
/// (every word, footnotes and code included, in sections under their headings), and the
/// files of the index in the exact format search.js reads.
@Suite struct SearchIndexTests {
    struct Vectors: Decodable {
        struct Case: Decodable {
            var text: String
            var words: [String]
        }

        var words: [Case]
    }

    @Test func wordsAgreeWithTheBrowsersVectors() throws {
        let url = ForgeProcess.repository.appendingPathComponent("Tests/js/search-vectors.json")
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        #expect(vectors.words.count >= 10)
        for vector in vectors.words {
            #expect(SearchText.words(in: vector.text) == vector.words, "\(vector.text)")
        }
    }

    /// Every word of a doc reaches the index: body, list items, table cells, code and
    /// footnotes; headings and footnotes start sections with their ids (a result links
    /// there); the marks around text (anchors, footnote numbers and back-links) do not.
    @Test func sectionsHoldEveryWordUnderItsHeading() {
        let html = MarkdownRenderer().render(markdown: """
            Intro with *emphasis* and `code`.[^1]

            ## Create a key

            - First item
            - Second item

            | Plan | Limit |
            |------|-------|
            | Pro  | 500   |

            ```sh
            curl -H "X-Key: $KEY" https://api.example
            ```

            ### Nested &amp; escaped

            Text after.

            [^1]: A footnote-only word: fortnightly.
            """).html
        #expect(SearchText.sections(fromHTML: html) == [
            .init(id: "", heading: "", passages: ["Intro with emphasis and code."]),
            .init(id: "create-a-key", heading: "Create a key", passages: [
                "First item", "Second item", "Plan Limit", "Pro 500", "curl -H \"X-Key: $KEY\" https://api.example",
            ]),
            .init(id: "nested--escaped", heading: "Nested & escaped", passages: ["Text after."]),
            .init(id: "fn-1", heading: "", passages: ["A footnote-only word: fortnightly."]),
        ])
    }

    @Test func aLongPassageIsCutAtWords() {
        let long = Array(repeating: "word", count: 400).joined(separator: " ")
        let sections = SearchText.sections(fromHTML: "<p>\(long)</p>")
        let passages = sections.flatMap(\.passages)
        #expect(passages.count == 4)
        #expect(passages.allSatisfy { $0.utf8.count <= SearchText.passageLimit })
        #expect(passages.joined(separator: " ") == long)
    }

    /// The exact files search.js reads: a manifest, shards of sorted words with delta-coded
    /// postings (page, weight: title 4, heading or keyword 2, body 1, count × 8), and the text.
    @Test func writesAManifestShardsAndTextInTheDocumentedFormat() throws {
        let output = SearchIndex(documents: [
            SearchDocument(url: "docs/a.html", title: "Rate limits", keywords: ["limits"], sections: [
                .init(id: "", heading: "", passages: ["Limits apply per key."]),
            ]),
            SearchDocument(url: "api/x/operations/getKey.html", title: "Get a key", keywords: ["getKey"], sections: [
                .init(id: "Responses", heading: "Responses", passages: ["200 OK: the \"key\"."]),
            ]),
        ]).output()
        #expect(output.files.map(\.path).map { $0.replacingOccurrences(of: #"\.[0-9a-f]{10}\.js"#, with: ".js", options: .regularExpression) }
                == ["data/search/index.js", "data/search/s0.js", "data/search/x0.js"])
        #expect(output.manifestPath == output.files[0].path)
        func text(_ index: Int) -> String { String(decoding: output.files[index].bytes, as: UTF8.self) }
        // Words sorted; "limits" is in the title (4) and a keyword (2) and twice in the body
        // of page 0 (count 3 → 3 << 3 | 7 = 31).
        #expect(text(1) == """
            (window.ForgeSearchData=window.ForgeSearchData||{})["s0"]={"terms":["200","a","apply","get","getkey","key","limits","ok","per","rate","responses","the"],\
            "postings":[[1,9],[1,12],[0,9],[1,12],[1,10],[0,9,1,21],[0,31],[1,9],[0,9],[0,12],[1,10],[1,9]]};

            """)
        #expect(text(2) == """
            (window.ForgeSearchData=window.ForgeSearchData||{})["x0"]={"docs":[["docs/a.html","Rate limits",["","","Limits apply per key."]],\
            ["api/x/operations/getKey.html","Get a key",["Responses","Responses","200 OK: the \\"key\\"."]]]};

            """)
        #expect(text(0) == """
            (window.ForgeSearchData=window.ForgeSearchData||{})["manifest"]={"v":2,"docs":2,"shards":[["","\(output.files[1].path)"]],"texts":[[0,"\(output.files[2].path)"]]};

            """)
    }

    /// Large indexes split: words by their first two characters, text by pages, so one
    /// keystroke loads one shard and a result one text chunk.
    @Test func largeIndexesSplitIntoShardsAndChunks() {
        var documents: [SearchDocument] = []
        for page in 0..<300 {
            let words = (0..<60).map { "w\(page)x\($0)" }.joined(separator: " ")
            documents.append(SearchDocument(url: "docs/p\(page).html", title: "Page \(page)", sections: [.init(id: "", heading: "", passages: [words])]))
        }
        let output = SearchIndex(documents: documents).output()
        let shards = output.files.filter { $0.path.hasPrefix("data/search/s") }
        let texts = output.files.filter { $0.path.hasPrefix("data/search/x") }
        #expect(shards.count > 1)
        #expect(texts.count > 1)
        #expect(shards.allSatisfy { $0.bytes.count < SearchIndex.shardTarget * 3 })
        #expect(texts.allSatisfy { $0.bytes.count < SearchIndex.textTarget * 2 })
        // The same input, the same bytes.
        #expect(SearchIndex(documents: documents).output().files.map(\.bytes) == output.files.map(\.bytes))
    }

    /// A page's word table is kept compacted (no slots, no spare room) until the merge; it
    /// still finds its words, and takes new ones, with the numbers it gave before.
    @Test func aCompactedWordTableKeepsItsWords() {
        var table = WordTable(capacity: 512)
        let words = (0..<40).map { Array("word\($0)".utf8) }
        for word in words { word.withUnsafeBufferPointer { _ = table.insert($0, hash: WordTable.hash($0)) } }
        var compacted = table.compacted()
        #expect(compacted.arena == table.arena)
        #expect(compacted.arena.capacity < 1024)
        for (number, word) in words.enumerated() {
            let found = word.withUnsafeBufferPointer { compacted.insert($0, hash: WordTable.hash($0)) }
            #expect(found.number == number && !found.isNew)
        }
        let new = Array("another".utf8).withUnsafeBufferPointer { compacted.insert($0, hash: WordTable.hash($0)) }
        #expect(new.number == 40 && new.isNew)
    }
}
