import Foundation

/// The descriptions of a spec (CommonMark, by the OpenAPI specification) as HTML, through the
/// same `MarkdownRenderer` as the docs (so code in them is highlighted too).
///
/// A large spec has tens of thousands of descriptions, most a plain sentence, many the same
/// ("The ID of the file."); libcmark-gfm parses one at a time (see `MarkdownRenderer`), so
/// plain text takes a fast path that writes exactly what cmark would (`<p>text</p>`), and
/// every description is rendered once per build.
///
/// Links: `http:`, `https:`, `mailto:` and `#fragment` links are kept; any other (`/docs/…`,
/// relative to a web site the spec came from) can not resolve in this site, on `file://` or
/// under `/REPO/`, so its text stays and the link goes.
final class APIMarkdown: @unchecked Sendable {
    private let renderer = MarkdownRenderer()
    private let lock = NSLock()
    private var cache: [String: String] = [:]
    private var blockCache: [String: String] = [:]

    /// `markdown` as HTML blocks (`<p>…</p>`, lists, code). Headings keep ids and anchors only
    /// when `headingIDs` (a page's main description): in a table cell two descriptions could
    /// give the same id.
    func html(_ markdown: String, headingIDs: Bool = false) -> String {
        let text = markdown.trimmingWhitespace()
        guard !text.isEmpty else { return "" }
        if let plain = APIMarkdown.plainParagraph(text) { return plain }
        lock.lock()
        if let cached = (headingIDs ? blockCache : cache)[text] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var html = renderer.render(markdown: text) { link in
            APIMarkdown.isKept(link.destination) ? nil : APIMarkdown.unresolvedScheme + link.destination
        }.html
        html = APIMarkdown.unlinkingUnresolved(html)
        if !headingIDs { html = APIMarkdown.withoutHeadingIDs(html) }
        lock.lock()
        if headingIDs { blockCache[text] = html } else { cache[text] = html }
        lock.unlock()
        return html
    }

    static let unresolvedScheme = "forge-unresolved:"

    static func isKept(_ destination: String) -> Bool {
        let lower = destination.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#")
    }

    /// A sentence with nothing CommonMark would read as markup: `<p>` and the text escaped as
    /// cmark escapes it. Nil when cmark must look (any punctuation that can start markup, a
    /// line break, a list or heading marker at the start, text an autolink would catch).
    static func plainParagraph(_ text: String) -> String? {
        guard text.utf8.count <= 2_000 else { return nil }
        var first = true
        var previous: UInt8 = 0
        var run = 0
        for byte in text.utf8 {
            // Autolinks need "www." or a scheme's ":/"; two spaces may end a line in cmark.
            if byte == UInt8(ascii: "w") { run = previous == UInt8(ascii: "w") ? run + 1 : 1 } else if byte != UInt8(ascii: ".") { run = 0 }
            if byte == UInt8(ascii: "."), run >= 3 { return nil }
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: ":") { return nil }
            if byte == UInt8(ascii: " "), previous == UInt8(ascii: " ") { return nil }
            previous = byte
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: " "),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "/"):
                // Digits start ordered lists ("1. "); "." and ":" are in URLs and emails.
                if first { return nil }
            default:
                return nil
            }
            first = false
        }
        return "<p>" + (text.utf8.contains(UInt8(ascii: "\"")) ? text.replacingOccurrences(of: "\"", with: "&quot;") : text) + "</p>\n"
    }

    /// `<a href="forge-unresolved:…">text</a>` → `text` (links cannot nest, so the next
    /// `</a>` closes it).
    static func unlinkingUnresolved(_ html: String) -> String {
        let opening = "<a href=\"" + unresolvedScheme
        guard html.contains(opening) else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: opening) {
            out += rest[..<start.lowerBound]
            guard let tagEnd = rest[start.upperBound...].firstIndex(of: ">"),
                  let close = rest[tagEnd...].range(of: "</a>") else {
                rest = rest[start.lowerBound...]
                break
            }
            out += rest[rest.index(after: tagEnd)..<close.lowerBound]
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Headings without their `id` and anchor link.
    static func withoutHeadingIDs(_ html: String) -> String {
        guard html.contains("<h") else { return html }
        var out = html.replacingOccurrences(of: ##"<a class="heading-anchor" href="#[^"]*" aria-label="[^"]*">#</a>"##, with: "",
            options: .regularExpression)
        out = out.replacingOccurrences(of: #"<(h[1-6]) id="[^"]*">"#, with: "<$1>", options: .regularExpression)
        return out
    }
}
