import Testing
@testable import ForgeKit

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    func html(_ markdown: String) -> String {
        renderer.render(markdown: markdown).html
    }

    // MARK: - GitHub Flavored Markdown

    /// `align` is obsolete in HTML5 and a `style` attribute would break the CSP: a class instead.
    @Test func rendersTablesWithAlignmentClassesInAScroller() {
        expectText(html("""
            | Plan | Limit |
            |:-----|------:|
            | Free | $5 |
            | Pro | $500 |
            """), """
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th class="align-left">Plan</th>
            <th class="align-right">Limit</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td class="align-left">Free</td>
            <td class="align-right">$5</td>
            </tr>
            <tr>
            <td class="align-left">Pro</td>
            <td class="align-right">$500</td>
            </tr>
            </tbody>
            </table></div>

            """)
    }

    @Test func rendersTaskListsAsDisabledCheckboxes() {
        expectText(html("""
            - [x] Create a key
            - [ ] Rotate it
            """), """
            <ul>
            <li><input type="checkbox" aria-label="Completed" checked="" disabled="" /> Create a key</li>
            <li><input type="checkbox" aria-label="Completed" disabled="" /> Rotate it</li>
            </ul>

            """)
    }

    @Test func rendersStrikethrough() {
        expectText(html("Use ~~v1~~ v2."), "<p>Use <del>v1</del> v2.</p>\n")
    }

    @Test func linksBareURLs() {
        expectText(html("See www.example.com and https://example.com/docs?x=1."), """
            <p>See <a href="http://www.example.com">www.example.com</a> and <a href="https://example.com/docs?x=1">https://example.com/docs?x=1</a>.</p>

            """)
    }

    @Test func rendersFootnotesAtTheEnd() {
        expectText(html("""
            Billed monthly.[^cycle]

            [^cycle]: On the `billing_cycle_day`.
            """), """
            <p>Billed monthly.<sup class="footnote-ref"><a href="#fn-cycle" id="fnref-cycle" data-footnote-ref>1</a></sup></p>
            <section class="footnotes" data-footnotes>
            <h2 class="visually-hidden">Footnotes</h2>
            <ol>
            <li id="fn-cycle">
            <p>On the <code>billing_cycle_day</code>. <a href="#fnref-cycle" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
            </li>
            </ol>
            </section>

            """)
    }

    /// Highlighted at build time (issue 12), in the frame code-copy.js adds the Copy button to.
    @Test func rendersFencedCodeWithItsLanguage() {
        expectText(html("""
            ```sh
            curl -H "Authorization: Bearer $KEY" <url>
            ```
            """), """
            <div class="code-block" data-code-block>
            <div class="code-block__bar"><span class="code-block__lang">Shell</span></div>
            <pre tabindex="0"><code class="language-sh"><span class="tok-function">curl</span> <span class="tok-property">-H</span> <span class="tok-string">&quot;Authorization: Bearer $KEY&quot;</span> &lt;url&gt;
            </code></pre>
            </div>

            """)
    }

    // MARK: - Safety

    @Test func omitsRawHTML() {
        expectText(html("""
            Hello <b onclick="x()">there</b>.

            <script>alert(1)</script>

            <h2>Not a heading</h2>
            """), """
            <p>Hello <!-- raw HTML omitted -->there<!-- raw HTML omitted -->.</p>
            <!-- raw HTML omitted -->
            <!-- raw HTML omitted -->

            """)
    }

    @Test func dropsDangerousURLsButKeepsImageData() {
        expectText(html("""
            [a](javascript:alert(1)) [b](VBScript:x) [c](file:///etc/passwd) [d](data:text/html,x) ![e](data:image/png;base64,AAAA)
            """), """
            <p><a href="">a</a> <a href="">b</a> <a href="">c</a> <a href="">d</a> <img src="data:image/png;base64,AAAA" alt="e" /></p>

            """)
    }

    // MARK: - Headings

    @Test func givesHeadingsUniqueIDsAndAnchors() {
        let rendered = renderer.render(markdown: """
            # API keys

            ## Rotate a key

            ## Rotate a key

            ### Rotate a key-1

            ## Rotate a key

            ## `sk_` & the *format*?
            """)
        expectText(rendered.html, """
            <h1 id="api-keys">API keys<a class="heading-anchor" href="#api-keys" aria-label="Link to this section: API keys">#</a></h1>
            <h2 id="rotate-a-key">Rotate a key<a class="heading-anchor" href="#rotate-a-key" aria-label="Link to this section: Rotate a key">#</a></h2>
            <h2 id="rotate-a-key-1">Rotate a key<a class="heading-anchor" href="#rotate-a-key-1" aria-label="Link to this section: Rotate a key">#</a></h2>
            <h3 id="rotate-a-key-1-1">Rotate a key-1<a class="heading-anchor" href="#rotate-a-key-1-1" aria-label="Link to this section: Rotate a key-1">#</a></h3>
            <h2 id="rotate-a-key-2">Rotate a key<a class="heading-anchor" href="#rotate-a-key-2" aria-label="Link to this section: Rotate a key">#</a></h2>
            <h2 id="sk_--the-format"><code>sk_</code> &amp; the <em>format</em>?<a class="heading-anchor" href="#sk_--the-format" aria-label="Link to this section: sk_ &amp; the format?">#</a></h2>

            """)
        #expect(rendered.headings.map(\.id) == ["api-keys", "rotate-a-key", "rotate-a-key-1", "rotate-a-key-1-1", "rotate-a-key-2", "sk_--the-format"])
        #expect(rendered.headings.map(\.level) == [1, 2, 2, 3, 2, 2])
        #expect(rendered.headings.last?.text == "sk_ & the format?")
        #expect(rendered.opensWithTitle)
        #expect(rendered.firstHeading?.text == "API keys")
    }

    @Test func liftsALeadingTitleOutWhenAsked() {
        let lifting = MarkdownRenderer(liftTitle: true)
        let rendered = lifting.render(markdown: "# The `sk_` *format*\n\nText.\n\n## Parts\n")
        #expect(rendered.titleHTML == "The <code>sk_</code> <em>format</em>")
        expectText(rendered.html, """
            <p>Text.</p>
            <h2 id="parts">Parts<a class="heading-anchor" href="#parts" aria-label="Link to this section: Parts">#</a></h2>

            """)
        #expect(rendered.headings.map(\.id) == ["the-sk_-format", "parts"])
        // Only a title that opens the document is lifted.
        let later = lifting.render(markdown: "Intro.\n\n# Late title\n")
        #expect(later.titleHTML == nil)
        #expect(later.html.hasPrefix("<p>Intro.</p>\n<h1 id=\"late-title\">"))
    }

    @Test func headingsNeverTakeThePagesOwnIDs() {
        let rendered = renderer.render(markdown: "## Main\n\n## Main\n")
        #expect(rendered.headings.map(\.id) == ["main-1", "main-2"])
    }

    @Test func slugsKeepLettersOfAnyScriptAndDropPunctuation() {
        #expect(HeadingSlugger.slug("Über die API — v2.1!") == "über-die-api--v21")
        #expect(HeadingSlugger.slug("日本語 ドキュメント") == "日本語-ドキュメント")
        #expect(HeadingSlugger.slug("snake_case and kebab-case") == "snake_case-and-kebab-case")
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "???") == "section")
        #expect(slugger.slug(for: "!!!") == "section-1")
    }

    @Test func headingsInFootnotesAndQuotesStayInOrder() {
        let rendered = renderer.render(markdown: """
            Text.[^n]

            > ## Quoted

            [^n]: ## In a note

            ## After
            """)
        #expect(rendered.headings.map(\.id) == ["quoted", "after", "in-a-note"])
        #expect(rendered.html.contains(##"<h2 id="in-a-note">In a note<a class="heading-anchor" href="#in-a-note""##))
        #expect(!rendered.opensWithTitle)
    }

    @Test func aDocumentWithoutHeadingsIsUntouched() {
        let rendered = renderer.render(markdown: "Just *text*.")
        #expect(rendered.html == "<p>Just <em>text</em>.</p>\n")
        #expect(rendered.headings.isEmpty)
        #expect(rendered.firstHeading == nil)
    }

    // MARK: - Links

    @Test func collectsLinksWithTheirPositions() {
        let rendered = renderer.render(markdown: """
            Read [errors](errors.md) and
            see ![chart](img/chart.png "Chart").

            > - [keys](guides/keys.md#rotate)

            [ref]: ../usage.md

            Uses [ref] and www.example.com.
            """)
        #expect(rendered.links == [
            .init(destination: "errors.md", line: 1, byteColumn: 6, isImage: false),
            .init(destination: "img/chart.png", line: 2, byteColumn: 5, isImage: true),
            .init(destination: "guides/keys.md#rotate", line: 4, byteColumn: 5, isImage: false),
            .init(destination: "../usage.md", line: 8, byteColumn: 6, isImage: false),
            // The autolink extension starts its links one column early (cmark-gfm 0.29.0.gfm.6).
            .init(destination: "http://www.example.com", line: 8, byteColumn: 15, isImage: false),
        ])
    }

    @Test func rewritesLinksThroughTheCaller() {
        let rendered = renderer.render(markdown: "[a](a.md) [b](../b.md#x) [c](https://c.example/c.md) ![i](i.png)") { link in
            guard !link.isImage, link.destination.hasSuffix(".md") || link.destination.contains(".md#") else { return nil }
            return link.destination.replacingOccurrences(of: ".md", with: ".html")
        }
        expectText(rendered.html, """
            <p><a href="a.html">a</a> <a href="../b.html#x">b</a> <a href="https://c.example/c.html">c</a> <img src="i.png" alt="i" /></p>

            """)
        // The links are reported as written, not as rewritten.
        #expect(rendered.links.map(\.destination) == ["a.md", "../b.md#x", "https://c.example/c.md", "i.png"])
    }

    // MARK: - Search text

    @Test func plainTextSkipsHeadingsCodeAndFootnotes() {
        let rendered = renderer.render(markdown: """
            # Title

            First *paragraph*
            continues.

            ```
            code is not quoted
            ```

            | a | b |
            |---|---|
            | c | d |

            Note.[^1]

            [^1]: Footnote text.
            """)
        #expect(rendered.plainText == "First paragraph continues. a b c d Note.")
    }

    @Test func plainTextIsCutAtAWordWithinTheLimit() {
        let renderer = MarkdownRenderer(excerptLimit: 24)
        #expect(renderer.render(markdown: "Rotate keys every ninety days, or at once on a leak.").plainText == "Rotate keys every ninety…")
        #expect(renderer.render(markdown: "ééééééééééééééééééééééééé").plainText == "éééééééééééé…")
        #expect(renderer.render(markdown: "Short.").plainText == "Short.")
    }

    // MARK: - Agreement with the reference program

    @Test(.enabled(if: ReferenceRenderer.isAvailable))
    func agreesWithTheCmarkGFMProgram() throws {
        let markdown = """
            # Intro

            Intro with <span>inline HTML</span>, ~~old~~ and www.example.com.

            ## Table `code` & *more*

            | a | b |
            |---|:-:|
            | `x|y` | **z** |

            - [ ] one
            - [x] two

            1. first[^a]
            2. second

            [^a]: Footnote with [link](other.md).

            [bad](javascript:void(0))
            """
        expectText(ReferenceRenderer.undoingPostProcessing(html(markdown)), try ReferenceRenderer.html(markdown))
    }

    @Test func rendersTheSameInParallel() async {
        let markdown = (1...40).map { "## Part \($0)\n\n~~old~~ | www.example.com | [x](x.md)\n\n| a | b |\n|---|---|\n| ~~c~~ | d |\n" }.joined(separator: "\n")
        let expected = html(markdown)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<48 {
                group.addTask { MarkdownRenderer().render(markdown: markdown).html }
            }
            var all: [String] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
