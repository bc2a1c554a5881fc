#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MarkdownRenderer {
    /// cmark writes every heading as a bare `<hN>…</hN>`, in the order its iterator visits them
    /// (footnote definitions are moved to the end of the tree before either sees them). Nothing
    /// else in safe-mode output can look like that: text and code are escaped and raw HTML is
    /// omitted. So one forward pass over the bytes gives the Nth heading its id and anchor:
    ///
    ///     <h2 id="rotating-keys">Rotating keys<a class="heading-anchor" href="#rotating-keys"
    ///         aria-label="Link to this section: Rotating keys">#</a></h2>
    static func addingHeadingAnchors(to html: UnsafeRawBufferPointer, headings: [RenderedMarkdown.Heading]) -> String {
        guard !headings.isEmpty, let base = html.baseAddress else {
            return String(decoding: html, as: UTF8.self)
        }
        let count = html.count
        var out: [UInt8] = []
        out.reserveCapacity(count + headings.count * (96 + 2 * 24))
        var copied = 0
        var position = 0
        var next = 0
        while next < headings.count, let open = find(openingHeadingIn: html, base: base, from: position) {
            guard let close = find(closingHeadingIn: html, base: base, from: open + 4) else { break }
            let heading = headings[next]
            next += 1
            // `<hN` then ` id="…"`, the content, the anchor, then `</hN>`.
            out.append(contentsOf: html[copied..<(open + 3)])
            out.append(contentsOf: #" id=""#.utf8)
            out.append(contentsOf: heading.id.utf8)
            out.append(0x22)
            out.append(contentsOf: html[(open + 3)..<close])
            out.append(contentsOf: ##"<a class="heading-anchor" href="#"##.utf8)
            out.append(contentsOf: heading.id.utf8)
            out.append(contentsOf: #"" aria-label="Link to this section: "#.utf8)
            appendEscaped(heading.text, to: &out)
            out.append(contentsOf: ##"">#</a>"##.utf8)
            copied = close
            position = close + 5
        }
        out.append(contentsOf: html[copied..<count])
        return String(decoding: out, as: UTF8.self)
    }

    /// The offset of the next `<hN>` (N in 1-6) at or after `start`.
    private static func find(openingHeadingIn html: UnsafeRawBufferPointer, base: UnsafeRawPointer, from start: Int) -> Int? {
        var index = start
        while index + 3 < html.count {
            guard let hit = memchr(base + index, 0x3C, html.count - index) else { return nil }
            let at = UnsafeRawPointer(hit) - base
            if at + 3 < html.count, html[at + 1] == 0x68, (0x31...0x36).contains(html[at + 2]), html[at + 3] == 0x3E {
                return at
            }
            index = at + 1
        }
        return nil
    }

    /// The offset of the next `</hN>` at or after `start`.
    private static func find(closingHeadingIn html: UnsafeRawBufferPointer, base: UnsafeRawPointer, from start: Int) -> Int? {
        var index = start
        while index + 4 < html.count {
            guard let hit = memchr(base + index, 0x3C, html.count - index) else { return nil }
            let at = UnsafeRawPointer(hit) - base
            if at + 4 < html.count, html[at + 1] == 0x2F, html[at + 2] == 0x68, (0x31...0x36).contains(html[at + 3]), html[at + 4] == 0x3E {
                return at
            }
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
