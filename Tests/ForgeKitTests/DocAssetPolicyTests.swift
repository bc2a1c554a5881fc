import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, item 2: nothing under `docs/` that a browser would run is copied raw.
@Suite struct DocAssetPolicyTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    static let svgRule = "(only SVG drawings without script, event handlers, foreignObject, DOCTYPE or outside references are copied)"

    func verdict(_ name: String, _ bytes: [UInt8]) -> DocAssetPolicy.Refusal? {
        DocAssetPolicy.check(fileName: name, bytes: bytes)
    }

    func verdict(_ name: String, _ text: String) -> DocAssetPolicy.Refusal? {
        verdict(name, Array(text.utf8))
    }

    @Test func inertTypesWithTheRightBytesAreCopied() {
        #expect(verdict("chart.png", DocAssetPolicyTests.png) == nil)
        #expect(verdict("CHART.PNG", DocAssetPolicyTests.png) == nil)
        #expect(verdict("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) == nil)
        #expect(verdict("photo.jpeg", [0xFF, 0xD8, 0xFF, 0xDB]) == nil)
        #expect(verdict("anim.gif", "GIF89a....") == nil)
        #expect(verdict("pic.webp", "RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ") == nil)
        #expect(verdict("pic.avif", [0, 0, 0, 0x1C] + Array("ftypavif".utf8) + [0, 0, 0, 0]) == nil)
        #expect(verdict("favicon.ico", [0, 0, 1, 0, 1, 0]) == nil)
        #expect(verdict("guide.pdf", "%PDF-1.7\n") == nil)
        #expect(verdict("bundle.zip", [0x50, 0x4B, 0x03, 0x04]) == nil)
        #expect(verdict("logs.tar.gz", [0x1F, 0x8B, 0x08]) == nil)
        #expect(verdict("notes.txt", "<html><script>alert(1)</script>") == nil, "served as text/plain: never rendered as a page")
        #expect(verdict("prices.csv", "a,b\n1,2\n") == nil)
        #expect(verdict("example.json", "{\"a\": 1}") == nil)
    }

    @Test func aFileThatIsNotWhatItsNameSaysIsRefused() {
        #expect(verdict("chart.png", "<html><script>alert(1)</script></html>")?.why == "it is named .png but its bytes are not a PNG image")
        #expect(verdict("photo.jpg", "GIF89a")?.why == "it is named .jpg but its bytes are not a JPEG image")
        #expect(verdict("guide.pdf", "<!doctype html>")?.why == "it is named .pdf but its bytes are not a PDF document")
        #expect(verdict("empty.gif", [])?.why == "it is named .gif but its bytes are not a GIF image")
    }

    @Test(arguments: [
        ("evil.html", "an HTML page would run its scripts on the site's origin: write it in Markdown (evil.md) instead"),
        ("old.htm", "an HTML page would run its scripts on the site's origin: write it in Markdown (old.md) instead"),
        ("page.xhtml", "an HTML page would run its scripts on the site's origin: write it in Markdown (page.md) instead"),
        ("app.js", "a script would run on the site's origin if anything loaded it; scripts come only from the theme"),
        ("mod.mjs", "a script would run on the site's origin if anything loaded it; scripts come only from the theme"),
        ("feed.xml", "browsers render XML as a page, and an XSLT style sheet can run script in it"),
        ("style.xsl", "browsers render XML as a page, and an XSLT style sheet can run script in it"),
        ("x.bin", "Forge copies only inert file types from docs/ (png, jpg, jpeg, gif, webp, avif, ico, svg, pdf, txt, csv, json, zip, gz), and .bin is not one of them"),
        ("README", "Forge copies only inert file types from docs/ (png, jpg, jpeg, gif, webp, avif, ico, svg, pdf, txt, csv, json, zip, gz), and it has no extension"),
        ("notes.markdown", "Forge copies only inert file types from docs/ (png, jpg, jpeg, gif, webp, avif, ico, svg, pdf, txt, csv, json, zip, gz), and .markdown is not one of them (name a doc .md)"),
    ])
    func typesThatRunOrAreUnknownAreRefused(_ name: String, _ why: String) {
        #expect(verdict(name, "whatever")?.why == why)
    }

    @Test func theExampleSitesSVGIsCopied() throws {
        let svg = try Data(contentsOf: ForgeProcess.repository.appendingPathComponent("Content/docs/img/key-format.svg"))
        #expect(verdict("key-format.svg", [UInt8](svg)) == nil)
    }

    @Test func cleanSVGsAreCopied() {
        #expect(verdict("a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>") == nil)
        #expect(verdict("b.svg", """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- made by hand -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox='0 0 10 10'>
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
                <filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>
              <style><![CDATA[ .a { fill: url(#g); } ]]></style>
              <inkscape:namedview id="base"/>
              <g filter="url( '#f' )"><rect class="a" width="10" height="10" fill="url(#g)"/>
              <use xlink:href="#g"/><a href="#top"><text>a &lt; b &amp; c &#169;</text></a></g>
              <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
              <animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="1s"/>
            </svg>
            """) == nil)
    }

    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>alert(1)</script>\n</svg>",
         "2:3", "has a <script> element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>",
         "1:41", "has a <SCRIPT> element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>x</s:script></svg>",
         "1:78", "has a <s:script> element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
         "1:41", "has an event handler attribute (onload)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect\n ONCLICK = 'x'/></svg>",
         "2:2", "has an event handler attribute (ONCLICK)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div>x</div></foreignObject></svg>",
         "1:41", "has a <foreignObject> element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><iframe src=\"x\"/></svg>",
         "1:41", "has a <iframe> element, which is not an SVG drawing element"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
         "1:44", "refers to \"javascript:alert(1)\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><a xlink:href=\"&#106;avascript:alert(1)\"/></svg>",
         "1:44", "refers to \"javascript:alert(1)\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"https://evil.example/x.svg#a\"/></svg>",
         "1:46", "refers to \"https://evil.example/x.svg#a\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>",
         "1:48", "refers to \"data:image/svg+xml;base64,PHN2Zz4=\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"url(https://evil.example/p.svg#p)\"/></svg>",
         "1:47", "refers to \"url(https://evil.example/p.svg#p)\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill: URL( 'http://e.example/p' )\"/></svg>",
         "1:47", "refers to \"URL( 'http://e.example/p' )\" outside the file"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(#x);</style></svg>",
         "1:48", "imports a style sheet (@import)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>\n.a { background: url(http://e.example/t) }\n</style></svg>",
         "2:18", "refers to \"url(http://e.example/t)\" outside the file"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>",
         "2:1", "has a DOCTYPE (entities and outside definitions are not allowed)"),
        ("<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
         "1:1", "has the processing instruction <?xml-stylesheet?>, which loads a style sheet or XSLT"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><g xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p/></g></svg>",
         "1:44", "declares the XHTML namespace (HTML elements inside an SVG can run script)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
         "1:49", "animates the attribute \"href\""),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&nbsp;</text></svg>",
         "1:47", "uses the entity &nbsp; (only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>",
         "1:47", "is not well-formed XML (</svg> closes <rect>)"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect x=1/></svg>",
         "1:47", "is not well-formed XML (an attribute value must be quoted)"),
        ("<html><body>hi</body></html>",
         "1:1", "has the root element <html>, not <svg>"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">",
         "1:1", "is not well-formed XML (<svg> is never closed)"),
    ])
    func svgsThatCouldRunOrReachOutAreRefused(_ svg: String, _ position: String, _ problem: String) throws {
        let refusal = try #require(verdict("x.svg", svg))
        #expect(refusal.why == "the SVG \(problem) \(DocAssetPolicyTests.svgRule)")
        #expect(refusal.position.map { "\($0.line):\($0.column)" } == position)
    }
}

/// The same rule through the forge binary: each refused file is named, and nothing is published.
@Suite(.serialized) struct DocAssetEndToEndTests {
    @Test func filesThatWouldRunAreRefusedAtTheirPath() throws {
        let site = try BuiltSite()
        try site.folder.write([
            "Content/docs/evil.html": "<script>alert(document.domain)</script>",
            "Content/docs/img/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
            "Content/docs/tools/app.js": "alert(1)",
            "Content/docs/feed.xml": "<?xml-stylesheet href=\"x.xsl\"?><x/>",
            "Content/docs/img/fake.png": "<html><script>alert(1)</script></html>",
        ])
        let outcome = try site.build()
        site.expectRefused(outcome, [
            "Content/docs/evil.html: error: this file is not published: an HTML page would run its scripts on the site's origin: write it in Markdown (evil.md) instead",
            "Content/docs/img/evil.svg:2:1: error: this file is not published: the SVG has a <script> element (only SVG drawings without script",
            "Content/docs/tools/app.js: error: this file is not published: a script would run",
            "Content/docs/feed.xml: error: this file is not published: browsers render XML as a page",
            "Content/docs/img/fake.png: error: this file is not published: it is named .png but its bytes are not a PNG image",
        ])
    }

    @Test func inertFilesArePublishedAsTheyAre() throws {
        let site = try BuiltSite()
        let png = Data(DocAssetPolicyTests.png)
        try site.folder.write("Content/docs/img/chart.png", png)
        try site.folder.write(["Content/docs/files/prices.csv": "plan,price\npro,49\n", "Content/docs/files/notes.txt": "plain\n"])
        let outcome = try site.build()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let output = site.folder.snapshot("Output")
        #expect(output["docs/img/chart.png"] == png)
        #expect(output["docs/files/prices.csv"] == Data("plan,price\npro,49\n".utf8))
        #expect(output["docs/img/key-format.svg"] != nil)
    }
}
