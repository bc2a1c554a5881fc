import Testing
@testable import ForgeKit

/// One vector per language: input → the exact HTML, checked by eye when written. A token is a
/// `<span class="tok-…">` and never spans a line break; everything else is the text, escaped.
@Suite struct CodeHighlighterTests {
    func html(_ code: String, _ info: String) -> String {
        CodeHighlighter.html(code, language: CodeLanguage(infoString: info))
    }

    @Test func shell() {
        expectText(html("""
            # Create a completion
            $ curl -X POST "$FORGE_URL/v1/chat" \\
              -H "Authorization: Bearer $FORGE_KEY" --data '{"n": 1}' | jq .id
            for f in *.md; do echo $f; done
            """, "bash"), """
            <span class="tok-comment"># Create a completion</span>
            <span class="tok-meta">$</span> <span class="tok-function">curl</span> <span class="tok-property">-X</span> POST <span class="tok-string">&quot;$FORGE_URL/v1/chat&quot;</span> \\
              <span class="tok-property">-H</span> <span class="tok-string">&quot;Authorization: Bearer $FORGE_KEY&quot;</span> <span class="tok-property">--data</span> <span class="tok-string">'{&quot;n&quot;: 1}'</span> | <span class="tok-function">jq</span> .id
            <span class="tok-keyword">for</span> f <span class="tok-keyword">in</span> *.md; <span class="tok-keyword">do</span> <span class="tok-function">echo</span> <span class="tok-variable">$f</span>; <span class="tok-keyword">done</span>
            """)
    }

    @Test func json() {
        expectText(html("""
            {"id": "chatcmpl-1", "n": -2.5e3, "ok": true, "x": null, // note
             "list": [1, "two"]}
            """, "json"), """
            {<span class="tok-property">&quot;id&quot;</span>: <span class="tok-string">&quot;chatcmpl-1&quot;</span>, <span class="tok-property">&quot;n&quot;</span>: <span class="tok-number">-2.5e3</span>, <span class="tok-property">&quot;ok&quot;</span>: <span class="tok-literal">true</span>, <span class="tok-property">&quot;x&quot;</span>: <span class="tok-literal">null</span>, <span class="tok-comment">// note</span>
             <span class="tok-property">&quot;list&quot;</span>: [<span class="tok-number">1</span>, <span class="tok-string">&quot;two&quot;</span>]}
            """)
    }

    @Test func yaml() {
        expectText(html("""
            ---
            openapi: 3.1.0 # version
            info:
              title: "Forge API"
              enabled: true
              limit: 25
              description: |
                key: not a key

              anchor: &id *ref
              - item
            """, "yml"), """
            <span class="tok-meta">---</span>
            <span class="tok-property">openapi</span>: 3.1.0 <span class="tok-comment"># version</span>
            <span class="tok-property">info</span>:
              <span class="tok-property">title</span>: <span class="tok-string">&quot;Forge API&quot;</span>
              <span class="tok-property">enabled</span>: <span class="tok-literal">true</span>
              <span class="tok-property">limit</span>: <span class="tok-number">25</span>
              <span class="tok-property">description</span>: <span class="tok-meta">|</span>
            <span class="tok-string">    key: not a key</span>

              <span class="tok-property">anchor</span>: <span class="tok-variable">&amp;id</span> <span class="tok-variable">*ref</span>
              - item
            """)
    }

    @Test func http() {
        expectText(html("""
            POST /v1/chat/completions HTTP/1.1
            Authorization: Bearer $KEY
            Content-Type: application/json

            {"model": "forge-1"}
            """, "http"), """
            <span class="tok-keyword">POST</span> <span class="tok-string">/v1/chat/completions</span> <span class="tok-meta">HTTP/1.1</span>
            <span class="tok-property">Authorization</span>: Bearer $KEY
            <span class="tok-property">Content-Type</span>: application/json

            {<span class="tok-property">&quot;model&quot;</span>: <span class="tok-string">&quot;forge-1&quot;</span>}
            """)
        expectText(html("HTTP/1.1 429 Too Many Requests\nRetry-After: 2\n", "HTTP"), """
            <span class="tok-meta">HTTP/1.1</span> <span class="tok-number">429</span> Too Many Requests
            <span class="tok-property">Retry-After</span>: 2

            """)
    }

    @Test func python() {
        expectText(html("""
            @app.route("/v1")
            def create(client: Client, n=10):
                \"\"\"Doc.\"\"\"
                return client.chat(f"hi {n}", stream=True)  # go
            class Reply(Base): pass
            """, "py"), """
            <span class="tok-meta">@app.route</span>(<span class="tok-string">&quot;/v1&quot;</span>)
            <span class="tok-keyword">def</span> <span class="tok-function">create</span>(client: <span class="tok-type">Client</span>, n=<span class="tok-number">10</span>):
                <span class="tok-string">&quot;&quot;&quot;Doc.&quot;&quot;&quot;</span>
                <span class="tok-keyword">return</span> client.<span class="tok-function">chat</span>(<span class="tok-string">f&quot;hi {n}&quot;</span>, stream=<span class="tok-literal">True</span>)  <span class="tok-comment"># go</span>
            <span class="tok-keyword">class</span> <span class="tok-type">Reply</span>(<span class="tok-type">Base</span>): <span class="tok-keyword">pass</span>
            """)
    }

    @Test func javaScript() {
        expectText(html("""
            const client = new Forge({ apiKey: process.env.FORGE_KEY, type: "chat" });
            const re = /^sk_[a-z]+$/i; // key
            async function main() { return `id: ${id}` / 2 }
            """, "js"), """
            <span class="tok-keyword">const</span> client = <span class="tok-keyword">new</span> <span class="tok-function">Forge</span>({ <span class="tok-property">apiKey</span>: process.env.FORGE_KEY, <span class="tok-property">type</span>: <span class="tok-string">&quot;chat&quot;</span> });
            <span class="tok-keyword">const</span> re = <span class="tok-string">/^sk_[a-z]+$/i</span>; <span class="tok-comment">// key</span>
            <span class="tok-keyword">async</span> <span class="tok-keyword">function</span> <span class="tok-function">main</span>() { <span class="tok-keyword">return</span> <span class="tok-string">`id: ${id}`</span> / <span class="tok-number">2</span> }
            """)
    }

    @Test func typeScript() {
        expectText(html("interface Key { id: string; readonly created?: Date }", "ts"),
                   #"<span class="tok-keyword">interface</span> <span class="tok-type">Key</span> { <span class="tok-property">id</span>: <span class="tok-type">string</span>; <span class="tok-keyword">readonly</span> created?: <span class="tok-type">Date</span> }"#)
    }

    @Test func swift() {
        expectText(html("""
            @MainActor
            func load(_ url: URL) async throws -> [Key] {
                let text = #"raw "quoted""#  /* a /* nested */ comment */
                return try decoder.decode([Key].self, from: data) ?? nil
            }
            """, "swift"), """
            <span class="tok-meta">@MainActor</span>
            <span class="tok-keyword">func</span> <span class="tok-function">load</span>(_ url: <span class="tok-type">URL</span>) <span class="tok-keyword">async</span> <span class="tok-keyword">throws</span> -&gt; [<span class="tok-type">Key</span>] {
                <span class="tok-keyword">let</span> text = <span class="tok-string">#&quot;raw &quot;quoted&quot;&quot;#</span>  <span class="tok-comment">/* a /* nested */ comment */</span>
                <span class="tok-keyword">return</span> <span class="tok-keyword">try</span> decoder.<span class="tok-function">decode</span>([<span class="tok-type">Key</span>].self, from: data) ?? <span class="tok-literal">nil</span>
            }
            """)
    }

    @Test func go() {
        expectText(html("""
            package main

            // Main calls the API.
            func main() {
            \tresp, err := http.Get(`https://api.example.com/v1/models`)
            \tif err != nil { return }
            \tvar n int64 = 0x1F
            }
            """, "golang"), """
            <span class="tok-keyword">package</span> main

            <span class="tok-comment">// Main calls the API.</span>
            <span class="tok-keyword">func</span> <span class="tok-function">main</span>() {
            \tresp, err := http.<span class="tok-function">Get</span>(<span class="tok-string">`https://api.example.com/v1/models`</span>)
            \t<span class="tok-keyword">if</span> err != <span class="tok-literal">nil</span> { <span class="tok-keyword">return</span> }
            \t<span class="tok-keyword">var</span> n <span class="tok-type">int64</span> = <span class="tok-number">0x1F</span>
            }
            """)
    }

    /// A token that runs over lines (a block comment, a multi-line string) is closed and
    /// reopened at each line break.
    @Test func tokensNeverSpanALineBreak() {
        expectText(html("/* one\ntwo */ x", "go"), "<span class=\"tok-comment\">/* one</span>\n<span class=\"tok-comment\">two */</span> x")
    }

    @Test func unknownLanguagesStayPlainButEscaped() {
        #expect(CodeLanguage(infoString: "brainfuck") == nil)
        expectText(html("if <b> & \"x\"", "brainfuck"), "if &lt;b&gt; &amp; &quot;x&quot;")
    }

    /// Markup in code is text: it can never open an element, in any language.
    @Test func codeNeverBecomesMarkup() {
        let hostile = "</span><script>alert(1)</script>\"'<!-- `${x}` #\"</code>"
        for language in CodeLanguage.allCases {
            let out = CodeHighlighter.html(hostile, language: language)
            #expect(!out.contains("<script"), "\(language)")
            #expect(!out.contains("</code"), "\(language)")
            let stripped = out.replacingOccurrences(of: #"<span class="tok-[a-z]+">"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "</span>", with: "")
            #expect(stripped == hostile.htmlTextEscaped, "\(language)")
        }
    }

    @Test func infoStringsNameLanguagesInAnyCase() {
        #expect(CodeLanguage(infoString: "Bash") == .shell)
        #expect(CodeLanguage(infoString: "ts {highlight: 2}") == .typescript)
        #expect(CodeLanguage(infoString: "JSON") == .json)
        #expect(CodeLanguage(infoString: "") == nil)
    }

    /// Fenced code in Markdown comes out highlighted inside the frame code-copy.js adds a
    /// Copy button to; indented code and unknown languages get the frame too.
    @Test func markdownCodeBlocksAreHighlightedInAFrame() {
        let html = MarkdownRenderer().render(markdown: """
            Text.

            ```python
            x = None
            ```

                plain <code>

            ```mermaid
            graph
            ```
            """).html
        expectText(html, """
            <p>Text.</p>
            <div class="code-block" data-code-block>
            <div class="code-block__bar"><span class="code-block__lang">Python</span></div>
            <pre tabindex="0"><code class="language-python">x = <span class="tok-literal">None</span>
            </code></pre>
            </div>
            <div class="code-block" data-code-block>
            <div class="code-block__bar"></div>
            <pre tabindex="0"><code>plain &lt;code&gt;
            </code></pre>
            </div>
            <div class="code-block" data-code-block>
            <div class="code-block__bar"><span class="code-block__lang">mermaid</span></div>
            <pre tabindex="0"><code class="language-mermaid">graph
            </code></pre>
            </div>

            """)
    }
}
