import Testing
@testable import ForgeKit

/// The scan of what a build is about to publish: every encoding a browser or a script undoes.
@Suite struct OutputSecretScanTests {
    static let body = SecretScannerTests.body
    static let key = SecretScannerTests.key
    static let check = String(key.suffix(6))

    func scan(_ files: [String: String], keys: [APIKey] = [], docs: DocSet = DocSet()) -> Diagnostics {
        var diagnostics = Diagnostics()
        let outputFiles = files.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, text: $0.value) }
        OutputSecretScan(files: outputFiles, scanner: SecretScanner(keys: keys), docs: docs, contentDisplay: "Content", outputDisplay: "Output")
            .run(diagnostics: &diagnostics)
        return diagnostics
    }

    /// `KEY` stands for the key, `HALF1`/`HALF2` for its two halves.
    @Test(arguments: [
        ("docs/a.html", "<p>Use HALF1<!-- raw HTML omitted -->HALF2 now</p>"),
        ("docs/a.html", "<p>Use HALF1<strong>HALF2</strong> now</p>"),
        ("docs/a.html", "<p>Use HALF1<em\nclass=\"x\">HALF2</em> now</p>"),
        ("docs/a.html", "<p>Use sk_&#65;b3d\(body.dropFirst(4))CHECK now</p>"),
        ("docs/a.html", "<p>Use sk_&#65b3d\(body.dropFirst(4))CHECK now</p>"),
        ("docs/a.html", "<p>Use sk_&#x41;b3d\(body.dropFirst(4))CHECK now</p>"),
        ("docs/a.html", "<p>Use HALF1&ZeroWidthSpace;HALF2 now</p>"),
        ("docs/a.html", "<p>Use HALF1\u{2060}HALF2 now</p>"),
        ("docs/a.html", "<head><meta name=\"description\" content=\"Use _KEY_ now\"></head>"),
        ("docs/a.html", "<a title='sk_&#x41;b3d\(body.dropFirst(4))CHECK' href=\"x.html\">x</a>"),
        ("docs/a.html", "<a title=sk_&#x41;b3d\(body.dropFirst(4))CHECK>x</a>"),
        ("docs/a.html", "<img alt=\"x\" src=\"data:,HALF1%\(SecretScannerTests.hex(body, 16))\(body.dropFirst(16).dropFirst())CHECK\">"),
        ("index.html", "<script type=\"application/json\" id=\"forge-site\">{\"title\":\"sk_\\u0041b3d\(body.dropFirst(4))CHECK\"}</script>"),
        ("index.html", "<script type=\"application/json\">{\"t\":\"HALF1\\u200bHALF2\"}</script>"),
        ("data/search.0123456789.js", "window.ForgeSearch={\"docs\":[{\"t\":\"sk_\\u0041b3d\(body.dropFirst(4))CHECK\"}]};"),
        ("data/usage-0000.0123456789.js", "(window.ForgeHistory=window.ForgeHistory||[]).push([[\"KEY-prod\"]]);"),
        ("assets/css/site.0123456789.css", "/* KEY */ body{}"),
        ("sitemap.xml", "<urlset><url><loc>https://e.com/HALF1<!-- -->HALF2</loc></url></urlset>"),
        ("docs/img/logo.svg", "<svg><text>HALF1<tspan>HALF2</tspan></text></svg>"),
    ])
    func findsAKeyInWhatIsPublished(_ path: String, _ template: String) {
        let text = template.replacingOccurrences(of: "KEY", with: Self.key)
            .replacingOccurrences(of: "HALF1", with: "sk_" + Self.body.prefix(16))
            .replacingOccurrences(of: "HALF2", with: Self.body.dropFirst(16) + Self.check)
            .replacingOccurrences(of: "CHECK", with: Self.check)
        let diagnostics = scan([path: text])
        #expect(diagnostics.errorCount == 1, "\(path): \(text)")
        let printed = messages(diagnostics).joined()
        #expect(printed.hasPrefix("Output/\(path):1:"), "\(printed)")
        #expect(printed.contains("error: a complete API key ("), "\(printed)")
        SecretScannerTests.expectNoSecret(printed)
    }

    @Test func namesTheOutputFileAndTheDocItCameFrom() throws {
        let doc = Doc(sourcePath: "guides/leak.md", displayPath: "Content/docs/guides/leak.md", title: "Leak",
                      content: RenderedMarkdown(html: "", headings: [], links: [], plainText: "", opensWithTitle: false))
        let diagnostics = scan(["docs/guides/leak.html": "<main>\n<p>Use HALF1<b>x</b></p>\n  <p>\(Self.key)</p></main>"],
                               docs: DocSet(docs: [doc]))
        expectMessages(diagnostics, [
            "Output/docs/guides/leak.html:3:6: error: a complete API key (sk_Ab3d...\(Self.key.suffix(4))) would be published in this file (from Content/docs/guides/leak.md): remove it there, then revoke the key and create a new one",
        ])
    }

    @Test func scansPathsAndMasksThem() {
        let diagnostics = scan(["docs/\(Self.key)/index.html": "<p>fine</p>"])
        expectMessages(diagnostics, [
            "Output/docs/sk_Ab3d...\(Self.key.suffix(4))/index.html: error: a complete API key (sk_Ab3d...\(Self.key.suffix(4))) would be published in this file's name (from Content/docs/sk_Ab3d...\(Self.key.suffix(4))/index.html or the docs' titles and descriptions): remove it there, then revoke the key and create a new one",
        ])
    }

    @Test func findsAProvisionedKeyInPageData() {
        let text = "<script type=\"application/json\">{\"note\":\"x\\u005fsk_ab12QQQQQQQQ\\u0077x89\"}</script>"
        let diagnostics = scan(["index.html": text], keys: [SecretScannerTests.provisioned])
        #expect(messages(diagnostics).first?.contains("a complete API key (sk_ab12...wx89) would be published") == true, "\(messages(diagnostics))")
    }

    @Test func letsOrdinaryPagesThrough() {
        let page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Keys &amp; limits · Docs</title>
        <link rel="stylesheet" href="../assets/css/base.1a2b3c4d5e.css"></head><body>
        <p>Keys look like <code>sk_Ab3d...wx89</code>; call <code>sk_createNullaryContinuationJob</code> &lt;here&gt;.</p>
        <script type="application/json" id="forge-site">{"id":"e3b0c44298fc","title":"A \\u003cb\\u003e"}</script>
        <!-- e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 -->
        </body></html>
        """
        #expect(scan(["docs/a.html": page, "data/search.1a2b3c4d5e.js": "window.X={\"a\":\"\\u00e9t\\u00e9\"};"]).errorCount == 0)
    }
}
