/// The docs search index: a classic script, `data/search.<hash>.js`, that registers itself as
/// `window.ForgeSearchIndex` (`fetch()` and modules are blocked on `file://`; a `<script src>`
/// is not). `docs-search.js` adds the script the first time the search box is used.
///
/// Compact on purpose, one array per doc in reading order:
///
///     {"v":1,"docs":[[url, title, description, [heading, id, heading, id, …], excerpt], …]}
///
/// - `url` from the site root (`docs/guides/intro.html`), the page adds its `root`;
/// - headings of levels 2 and 3, at most `headingLimit`, with their ids for deep links;
/// - `excerpt`: the start of the body text, at most `MarkdownRenderer.excerptLimit` bytes.
///
/// So the index grows with the number of docs, not their length: about 0.5-1 KB per doc
/// (1,500 docs: under 1.5 MB, loaded once and only when someone searches).
struct SearchIndex {
    static let headingLimit = 24
    static let headingLengthLimit = 120

    let docs: DocSet

    /// The index as an output file under its fingerprinted name.
    func file() -> OutputFile {
        let bytes = script()
        return OutputFile(path: "data/" + AssetCatalog.fingerprinted("search.js", bytes: bytes), bytes: bytes)
    }

    /// - Parameter entries: each doc's entry, when the caller keeps them (`forge serve`).
    func script(entries: ((Doc) -> [UInt8])? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(docs.docs.count * 900 + 64)
        out.append(contentsOf: "window.ForgeSearchIndex={\"v\":1,\"docs\":[".utf8)
        for (offset, doc) in docs.docs.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            if let entries {
                out.append(contentsOf: entries(doc))
            } else {
                SearchIndex.appendEntry(doc, to: &out)
            }
        }
        out.append(contentsOf: "]};\n".utf8)
        return out
    }

    /// One doc's array: `[url, title, description, [heading, id, …], excerpt]`.
    static func appendEntry(_ doc: Doc, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        appendString(doc.outputPath, to: &out)
        out.append(UInt8(ascii: ","))
        appendString(doc.title, to: &out)
        out.append(UInt8(ascii: ","))
        appendString(doc.description ?? "", to: &out)
        out.append(contentsOf: ",[".utf8)
        var first = true
        for heading in doc.content.headings.lazy.filter({ $0.level == 2 || $0.level == 3 }).prefix(headingLimit) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(String(heading.text.prefix(headingLengthLimit)), to: &out)
            out.append(UInt8(ascii: ","))
            appendString(heading.id, to: &out)
        }
        out.append(contentsOf: "],".utf8)
        appendString(doc.content.plainText, to: &out)
        out.append(UInt8(ascii: "]"))
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
