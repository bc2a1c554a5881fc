import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GitHub Flavored Markdown to HTML through libcmark-gfm (Debian's 0.29.0.gfm.6).
///
/// The only file that calls `cmark_*`: it owns the parser's lifetime and frees what the C
/// library returns, and no C type leaves it. The extensions are those of github.com (table,
/// strikethrough, autolink, tagfilter, tasklist) plus footnotes. Rendering is cmark's safe
/// default: raw HTML becomes `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`,
/// `file:` and `data:` URLs (but `data:image/png|gif|jpeg|webp` images) become empty.
///
/// On top of cmark's HTML: every heading gets a unique GitHub-style `id` and an anchor link,
/// and every link destination passes through the caller's `rewriteLink` (for `.md` links).
public struct MarkdownRenderer: Sendable {
    /// The most bytes of body text kept in `RenderedMarkdown.plainText`.
    public var excerptLimit: Int
    /// Cut a leading `<h1>` out of the HTML into `RenderedMarkdown.titleHTML`, for pages
    /// that show the title in a header of their own.
    public var liftTitle: Bool

    public init(excerptLimit: Int = 320, liftTitle: Bool = false) {
        self.excerptLimit = excerptLimit
        self.liftTitle = liftTitle
    }

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    static let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES

    /// Registration mutates a global list: once per process, before any parser exists.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// libcmark-gfm 0.29.0.gfm.6 keeps the inline parser's table of special characters in a
    /// global array that every parse switches on and off for its extensions (`process_inlines`
    /// and the table extension call `cmark_manage_extensions_special_characters`). Two parses
    /// at once would turn each other's `~`, `|` and autolinks off at random, so parsing is
    /// serialised; walking the tree and rendering it touch no global state and run in parallel.
    /// (Switching the characters on once for good and emptying the extensions' lists does not
    /// work: `process_emphasis` finds the extension for `~` through those lists, and loops.)
    /// The race is real, not theoretical: built without this lock, the benchmark docs corpus
    /// (Benchmarks/docs, 1,394 docs) came out different from the locked build in 1-2 pages of
    /// 2,325 on each of three builds (an autolink in grdb's CHANGELOG left as plain text).
    /// ThreadSanitizer cannot settle it either way: Debian's libcmark-gfm is not instrumented.
    /// A plain pthread mutex (NSLock): Synchronization's Mutex is a priority-inheritance futex
    /// on Linux, whose slow path spins in the kernel while the other core waits for its turn.
    private static let parseLock = NSLock()

    /// Renders `markdown`. `rewriteLink` sees every link and image destination as written and
    /// returns the destination to use instead, or nil to keep it.
    public func render(markdown: String, rewriteLink: (RenderedMarkdown.Link) -> String? = { _ in nil }) -> RenderedMarkdown {
        _ = MarkdownRenderer.registered
        guard let parser = cmark_parser_new(MarkdownRenderer.options) else {
            return RenderedMarkdown(html: "", headings: [], links: [], plainText: "", opensWithTitle: false)
        }
        defer { cmark_parser_free(parser) }
        for name in MarkdownRenderer.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }

        var source = markdown
        var parsed: OpaquePointer?
        MarkdownRenderer.parseLock.lock()
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        parsed = cmark_parser_finish(parser)
        MarkdownRenderer.parseLock.unlock()
        guard let document = parsed else {
            return RenderedMarkdown(html: "", headings: [], links: [], plainText: "", opensWithTitle: false)
        }
        defer { cmark_node_free(document) }

        var walk = TreeWalk(excerptLimit: excerptLimit)
        walk.visit(document, rewriteLink: rewriteLink)

        guard let rendered = cmark_render_html(document, MarkdownRenderer.options, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", headings: walk.headings, links: walk.links, plainText: walk.excerptText,
                opensWithTitle: walk.opensWithTitle)
        }
        defer { free(rendered) }
        let html = UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))
        let processed = HTMLPostProcessor.process(html, headings: walk.headings, codeBlocks: walk.codeBlocks, liftTitle: liftTitle
            && walk.opensWithTitle)
        return RenderedMarkdown(
            html: processed.html,
            headings: walk.headings,
            links: walk.links,
            plainText: walk.excerptText,
            opensWithTitle: walk.opensWithTitle,
            titleHTML: processed.titleHTML)
    }

    /// One pass over the parsed tree: headings (text and slug), links (rewritten in place),
    /// and the start of the body text.
    private struct TreeWalk {
        let excerptLimit: Int
        var headings: [RenderedMarkdown.Heading] = []
        var links: [RenderedMarkdown.Link] = []
        var opensWithTitle = false
        /// Every code block's fence info and text, in the order cmark renders them, for the
        /// highlighter (`HTMLPostProcessor` swaps each `<pre>` for its highlighted block).
        var codeBlocks: [(info: String, code: String)] = []
        var slugger = HeadingSlugger()
        private var excerpt: [UInt8] = []
        private var headingText: [UInt8] = []
        private var headingLevel = 0
        /// Code blocks and footnotes are not what a search result should quote.
        private var skipDepth = 0

        init(excerptLimit: Int) {
            self.excerptLimit = excerptLimit
            excerpt.reserveCapacity(excerptLimit + 8)
        }

        var excerptText: String { RenderedMarkdown.trimmedExcerpt(excerpt, limit: excerptLimit) }

        mutating func visit(_ document: OpaquePointer, rewriteLink: (RenderedMarkdown.Link) -> String?) {
            if let first = cmark_node_first_child(document),
               cmark_node_get_type(first) == CMARK_NODE_HEADING, cmark_node_get_heading_level(first) == 1 {
                opensWithTitle = true
            }
            guard let iterator = cmark_iter_new(document) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let entering = event == CMARK_EVENT_ENTER
                let type = cmark_node_get_type(node)
                switch type {
                case CMARK_NODE_HEADING:
                    if entering {
                        headingLevel = Int(cmark_node_get_heading_level(node))
                        headingText.removeAll(keepingCapacity: true)
                    } else {
                        let text = String(decoding: headingText, as: UTF8.self)
                        headings.append(RenderedMarkdown.Heading(level: headingLevel, text: text, id: slugger.slug(for: text)))
                        headingLevel = 0
                    }
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    guard let literal = cmark_node_get_literal(node) else { break }
                    let bytes = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
                    if headingLevel > 0 {
                        headingText.append(contentsOf: bytes)
                    } else if skipDepth == 0 {
                        appendToExcerpt(bytes)
                    }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    if headingLevel > 0 { headingText.append(0x20) } else { separate() }
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    guard entering else { break }
                    let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    let link = RenderedMarkdown.Link(
                        destination: destination,
                        line: Int(cmark_node_get_start_line(node)),
                        byteColumn: Int(cmark_node_get_start_column(node)),
                        isImage: type == CMARK_NODE_IMAGE)
                    links.append(link)
                    if let replacement = rewriteLink(link), replacement != destination {
                        cmark_node_set_url(node, replacement)
                    }
                case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                    // Leaves: entered only. Keep them out of the excerpt.
                    separate()
                    if type == CMARK_NODE_CODE_BLOCK {
                        codeBlocks.append((cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
                                           cmark_node_get_literal(node).map { String(cString: $0) } ?? ""))
                    }
                case CMARK_NODE_FOOTNOTE_DEFINITION:
                    skipDepth += entering ? 1 : -1
                default:
                    // Block boundaries (paragraphs, list items, table cells) separate words.
                    if type.rawValue & 0xC000 == 0x8000 { separate() }
                }
            }
        }

        private mutating func appendToExcerpt(_ bytes: UnsafeRawBufferPointer) {
            let room = excerptLimit + 4 - excerpt.count
            guard room > 0 else { return }
            excerpt.append(contentsOf: bytes.prefix(room))
        }

        private mutating func separate() {
            if let last = excerpt.last, last != 0x20, excerpt.count < excerptLimit { excerpt.append(0x20) }
        }
    }
}
