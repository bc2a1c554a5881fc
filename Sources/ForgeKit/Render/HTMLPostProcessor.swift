#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finishes cmark's HTML in one forward pass over its bytes, for the page's CSP, validators
/// and screen readers:
///
/// - the Nth `<hN>` gets the Nth heading's `id` and an anchor link before `</hN>`;
/// - `align="…"` on table cells (obsolete in HTML5; a `style` attribute would break the CSP)
///   becomes `class="align-…"`;
/// - tables are wrapped in `<div class="table-scroll">` so a wide one scrolls on a phone;
/// - task list checkboxes get an accessible name;
/// - the footnotes section gets a (visually hidden) heading;
/// - on request, a leading `<h1>` is lifted out for the page header;
/// - the Nth `<pre>` (cmark writes one per code block) becomes the Nth code block highlighted
///   (`CodeHighlighter.block`: a frame for the Copy button, the language, the code).
///
/// All of these tags are written by cmark itself and nothing else in safe-mode output can look
/// like them: text and code are escaped and raw HTML is omitted. Headings come out in the order
/// cmark's iterator visits them (footnote definitions are moved to the end of the tree before
/// either sees them).
enum HTMLPostProcessor {
    /// - Parameter liftTitle: the document opens with an `<h1>`: cut it out and return its
    ///   content, so the page can show it in its header (before the table of contents).
    static func process(_ html: UnsafeRawBufferPointer, headings: [RenderedMarkdown.Heading],
                        codeBlocks: [(info: String, code: String)] = [], liftTitle: Bool = false) -> (html: String, titleHTML: String?) {
        guard let base = html.baseAddress, html.count > 0 else { return ("", nil) }
        let count = html.count
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 16 + headings.count * 160)
        var copied = 0
        var index = 0
        var nextHeading = 0
        var nextCodeBlock = 0
        var titleHTML: String?

        if liftTitle, !headings.isEmpty, count > 4, memcmp(base, "<h1>", 4) == 0,
           let close = firstMatch(of: "</h1>", in: html, from: 4) {
            titleHTML = String(decoding: html[4..<close], as: UTF8.self)
            copied = close + 5
            if copied < count, html[copied] == 0x0A { copied += 1 }
            index = copied
            nextHeading = 1
        }

        func matches(_ pattern: StaticString, at offset: Int) -> Bool {
            let length = pattern.utf8CodeUnitCount
            guard offset + length <= count else { return false }
            return memcmp(base + offset, pattern.utf8Start, length) == 0
        }
        func flush(to offset: Int) {
            if offset > copied { out.append(contentsOf: html[copied..<offset]) }
            copied = offset
        }

        while index < count, let hit = memchr(base + index, 0x3C, count - index) {
            let at = UnsafeRawPointer(hit) - base
            index = at + 1
            guard at + 3 < count else { break }
            let second = html[at + 1]
            if second == 0x68, (0x31...0x36).contains(html[at + 2]), html[at + 3] == 0x3E, nextHeading < headings.count {
                // <hN>
                flush(to: at + 3)
                out.append(contentsOf: #" id=""#.utf8)
                out.append(contentsOf: headings[nextHeading].id.utf8)
                out.append(0x22)
                index = at + 4
            } else if second == 0x2F, html[at + 2] == 0x68, at + 4 < count, (0x31...0x36).contains(html[at + 3]), html[at + 4] == 0x3E,
                nextHeading < headings.count {
                // </hN>
                flush(to: at)
                let heading = headings[nextHeading]
                nextHeading += 1
                out.append(contentsOf: ##"<a class="heading-anchor" href="#"##.utf8)
                out.append(contentsOf: heading.id.utf8)
                out.append(contentsOf: #"" aria-label="Link to this section: "#.utf8)
                appendEscaped(heading.text, to: &out)
                out.append(contentsOf: ##"">#</a>"##.utf8)
                index = at + 5
            } else if matches("<td align=\"", at: at) || matches("<th align=\"", at: at) {
                flush(to: at + 3)
                out.append(contentsOf: #" class="align-"#.utf8)
                copied = at + 11
                index = at + 11
            } else if matches("<table>", at: at) {
                flush(to: at)
                out.append(contentsOf: #"<div class="table-scroll">"#.utf8)
                index = at + 7
            } else if matches("</table>", at: at) {
                flush(to: at + 8)
                out.append(contentsOf: "</div>".utf8)
                index = at + 8
            } else if matches("<input type=\"checkbox\"", at: at) {
                flush(to: at + 22)
                out.append(contentsOf: #" aria-label="Completed""#.utf8)
                index = at + 22
            } else if nextCodeBlock < codeBlocks.count, matches("<pre>", at: at) || matches("<pre lang=", at: at),
                      let close = firstMatch(of: "</pre>", in: html, from: at) {
                flush(to: at)
                let block = codeBlocks[nextCodeBlock]
                nextCodeBlock += 1
                out.append(contentsOf: CodeHighlighter.block(block.code, info: block.info).utf8)
                copied = close + 6
                if copied < count, html[copied] == 0x0A { copied += 1 }
                index = copied
            } else if matches("<section class=\"footnotes\" data-footnotes>", at: at) {
                flush(to: at + 42)
                out.append(contentsOf: "\n<h2 class=\"visually-hidden\">Footnotes</h2>".utf8)
                index = at + 42
            }
        }
        flush(to: count)
        return (String(decoding: out, as: UTF8.self), titleHTML)
    }

    private static func firstMatch(of pattern: StaticString, in html: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = html.baseAddress else { return nil }
        let length = pattern.utf8CodeUnitCount
        var index = start
        while index + length <= html.count, let hit = memchr(base + index, Int32(pattern.utf8Start.pointee), html.count - index) {
            let at = UnsafeRawPointer(hit) - base
            if at + length <= html.count, memcmp(base + at, pattern.utf8Start, length) == 0 { return at }
            index = at + 1
        }
        return nil
    }

    /// Text as an HTML attribute value.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            default: out.append(byte)
            }
        }
    }
}
