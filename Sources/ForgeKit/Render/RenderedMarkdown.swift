/// One Markdown document turned into HTML, with what the page around it needs: the headings
/// (for the table of contents and anchors), the links (for checking), and a bounded excerpt of
/// the body text (for search).
public struct RenderedMarkdown: Sendable, Hashable {
    /// A heading, in document order, with the id it was rendered with.
    public struct Heading: Sendable, Hashable {
        /// 1-6.
        public var level: Int
        /// The heading's text, without markup.
        public var text: String
        /// The `id` attribute: a GitHub-style slug, unique within the document.
        public var id: String

        public init(level: Int, text: String, id: String) {
            self.level = level
            self.text = text
            self.id = id
        }
    }

    /// A link or image destination as written in the Markdown, and where.
    public struct Link: Sendable, Hashable {
        public var destination: String
        /// 1-based line within the Markdown passed to the renderer.
        public var line: Int
        /// 1-based column as libcmark-gfm counts it (UTF-8 bytes).
        public var byteColumn: Int
        public var isImage: Bool

        public init(destination: String, line: Int, byteColumn: Int, isImage: Bool) {
            self.destination = destination
            self.line = line
            self.byteColumn = byteColumn
            self.isImage = isImage
        }
    }

    /// The body HTML. Raw HTML in the Markdown is omitted, dangerous URLs are emptied.
    public var html: String
    public var headings: [Heading]
    public var links: [Link]
    /// The body text without markup, headings and code blocks, at most `excerptLimit` bytes,
    /// cut at a word boundary.
    public var plainText: String
    /// True when the document's first block is a level-1 heading: the page then needs no
    /// title heading of its own.
    public var opensWithTitle: Bool
    /// The content of that first `<h1>`, when the renderer was asked to lift it out of `html`
    /// (its id is `headings[0].id`).
    public var titleHTML: String?

    public init(html: String, headings: [Heading], links: [Link], plainText: String, opensWithTitle: Bool, titleHTML: String? = nil) {
        self.html = html
        self.headings = headings
        self.links = links
        self.plainText = plainText
        self.opensWithTitle = opensWithTitle
        self.titleHTML = titleHTML
    }

    public var firstHeading: Heading? { headings.first }
}

extension RenderedMarkdown {
    /// `bytes` cut to at most `limit` bytes, at a word boundary where there is one nearby,
    /// never inside a UTF-8 sequence; an ellipsis marks a cut.
    static func trimmedExcerpt(_ bytes: [UInt8], limit: Int) -> String {
        var end = bytes.count
        var cut = false
        if end > limit {
            cut = true
            end = limit
            // Back off continuation bytes (10xxxxxx) to the start of a scalar.
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if bytes[end] != 0x20 {
                var space = end
                while space > 0, space > end - 48, bytes[space - 1] != 0x20 { space -= 1 }
                if space > 0, space > end - 48 { end = space - 1 }
            }
        }
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        var start = 0
        while start < end, bytes[start] == 0x20 { start += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return cut ? text + "…" : text
    }
}
