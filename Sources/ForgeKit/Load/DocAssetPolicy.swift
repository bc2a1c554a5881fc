/// Which files below `docs/` (other than `.md` docs) are copied to the output as they are
/// (issue 7, item 2; PRODUCT.md §2).
///
/// The output is served from one origin with the dashboard, whose keys live in `localStorage`;
/// any file a browser would run as a page (HTML, XHTML, XML with XSLT, SVG with script) or as a
/// script could read them. Pages carry a CSP, but a raw file opened on its own carries none. So
/// only types that a browser shows without running anything are copied:
///
/// - images `png jpg jpeg gif webp avif ico`, documents `pdf`, archives `zip gz` — their first
///   bytes must be the format's signature, so an HTML file named `chart.png` (a polyglot, or a
///   mistake) is not published under a harmless name;
/// - text `txt csv json` — served as `text/plain`, `text/csv` and `application/json`, which
///   browsers display or download and never render as a page (none of them is sniffed into HTML);
/// - `svg` only when `SVGCheck` finds nothing in it that runs or reaches outside the file.
///
/// Anything else (`.html`, `.js`, `.xml`, `.xsl`, unknown extensions, no extension) is refused
/// at its path with the reason, and the build fails: a file the author expected to publish
/// must not silently go missing either.
enum DocAssetPolicy {
    struct Refusal: Equatable, Sendable {
        /// The sentence after "this file is not published: ".
        var why: String
        /// Where in the file, when the problem is at a place (an SVG element).
        var position: (line: Int, column: Int)?

        static func == (a: Refusal, b: Refusal) -> Bool {
            a.why == b.why && a.position?.line == b.position?.line && a.position?.column == b.position?.column
        }
    }

    /// Signatures (from the formats' specifications), checked at offset 0 unless noted.
    static let signatures: [String: (name: String, matches: @Sendable ([UInt8]) -> Bool)] = [
        "png": ("a PNG image", { $0.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) }),
        "jpg": ("a JPEG image", { $0.starts(with: [0xFF, 0xD8, 0xFF]) }),
        "jpeg": ("a JPEG image", { $0.starts(with: [0xFF, 0xD8, 0xFF]) }),
        "gif": ("a GIF image", { $0.starts(with: Array("GIF87a".utf8)) || $0.starts(with: Array("GIF89a".utf8)) }),
        "webp": ("a WebP image", { $0.starts(with: Array("RIFF".utf8)) && $0.count >= 12 && Array($0[8..<12]) == Array("WEBP".utf8) }),
        // An ISO-BMFF `ftyp` box whose brands include avif or avis.
        "avif": ("an AVIF image", { bytes in
            guard bytes.count >= 16, Array(bytes[4..<8]) == Array("ftyp".utf8) else { return false }
            let box = bytes[8..<min(bytes.count, 64)]
            return DocAssetPolicy.contains(box, "avif") || DocAssetPolicy.contains(box, "avis")
        }),
        "ico": ("an icon", { $0.starts(with: [0, 0, 1, 0]) }),
        "pdf": ("a PDF document", { $0.starts(with: Array("%PDF-".utf8)) }),
        "zip": ("a ZIP archive", { $0.starts(with: [0x50, 0x4B, 0x03, 0x04]) || $0.starts(with: [0x50, 0x4B, 0x05, 0x06]) }),
        "gz": ("a gzip file", { $0.starts(with: [0x1F, 0x8B]) }),
    ]
    static let textTypes: Set<String> = ["txt", "csv", "json"]
    static let allowedList = "png, jpg, jpeg, gif, webp, avif, ico, svg, pdf, txt, csv, json, zip, gz"

    /// Nil when `bytes`, named `fileName`, may be copied; else why not.
    static func check(fileName: String, bytes: [UInt8]) -> Refusal? {
        let ext = fileExtension(fileName)
        if let signature = signatures[ext] {
            return signature.matches(bytes) ? nil : Refusal(why: "it is named .\(ext) but its bytes are not \(signature.name)")
        }
        if textTypes.contains(ext) { return nil }
        switch ext {
        case "svg":
            return SVGCheck.problem(in: bytes).map { problem in
                Refusal(why: "the SVG \(problem.text) (only SVG drawings without script, event handlers, foreignObject, DOCTYPE or " +
                    "outside references are copied)",
                        position: (problem.line, problem.column))
            }
        case "html", "htm", "xhtml", "xht", "shtml", "mhtml", "mht":
            let stem = fileName.prefix(fileName.utf8.count - ext.utf8.count - 1)
            return Refusal(why: "an HTML page would run its scripts on the site's origin: write it in Markdown (\(stem).md) instead")
        case "js", "mjs", "cjs", "wasm":
            return Refusal(why: "a script would run on the site's origin if anything loaded it; scripts come only from the theme")
        case "xml", "xsl", "xslt", "rss", "atom", "rdf":
            return Refusal(why: "browsers render XML as a page, and an XSLT style sheet can run script in it")
        case "":
            return Refusal(why: "Forge copies only inert file types from docs/ (\(allowedList)), and it has no extension")
        case "md", "markdown", "mdown", "mkd":
            return Refusal(why: "Forge copies only inert file types from docs/ (\(allowedList)), and " +
                ".\(fileExtension(fileName, lowercased: false)) is not one of them (name a doc .md)")
        default:
            return Refusal(why: "Forge copies only inert file types from docs/ (\(allowedList)), and " +
                ".\(fileExtension(fileName, lowercased: false)) is not one of them")
        }
    }

    /// `Chart.PNG` → `png`; `archive.tar.gz` → `gz`; `README` → `""`.
    static func fileExtension(_ fileName: String, lowercased: Bool = true) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        let ext = String(fileName[fileName.index(after: dot)...])
        return lowercased ? ext.lowercased() : ext
    }

    static func contains(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }
}
