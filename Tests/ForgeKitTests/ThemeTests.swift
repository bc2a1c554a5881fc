import Foundation
import Testing
@testable import ForgeKit

@Suite struct ThemeTests {
    @Test func aSiteThemeShadowsDefaultFileByFile() throws {
        let themes = try TemporaryDirectory()
        try themes.write([
            "default/layouts/baseof.mustache": "<main>{{$main}}default{{/main}}</main>",
            "default/layouts/home.mustache": "{{<baseof}}{{$main}}{{> _partials/greeting}}{{/main}}{{/baseof}}",
            "default/layouts/_partials/greeting.mustache": "Hello from default, {{name}}",
            "default/assets/css/base.css": "body{}",
            "default/assets/js/app.js": "1",
            "midnight/layouts/_partials/greeting.mustache": "Hello from midnight, {{name}}",
            "midnight/assets/css/base.css": "body{background:#000}",
        ])
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "midnight")
        #expect(try theme.render("home", context: ["name": "<Ada>"]) == "<main>Hello from midnight, &lt;Ada&gt;</main>")
        #expect(theme.assets.map(\.path) == ["css/base.css", "js/app.js"])
        #expect(theme.assets.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "body{background:#000}")
    }

    @Test func reportsTemplateSyntaxErrorsWithLineAndColumn() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["default/layouts/home.mustache": "<h1>{{title}}</h1>\n{{#items}}\n<li>{{.}}</li>\n{{/itemz}}\n"])
        #expect {
            try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default")
        } throws: { error in
            "\(error)".hasPrefix("Themes/default/layouts/home.mustache:4:") && "\(error)".contains("sectionCloseNameIncorrect")
        }
    }

    @Test func namesAMissingTheme() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["default/layouts/home.mustache": "x"])
        #expect {
            try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "midnight")
        } throws: { error in
            "\(error)" == "Themes/midnight: error: theme \"midnight\" not found: there is no folder Themes/midnight/"
        }
    }

    @Test func fingerprintsAssetsByContent() {
        #expect(AssetCatalog.fingerprinted("js/app.js", bytes: Array("1".utf8)) == "js/app.6b86b273ff.js")
        #expect(AssetCatalog.fingerprinted("css/site.min.css", bytes: []).hasPrefix("css/site.min.e3b0c44298"))
    }
}

@Suite struct PageOutputTests {
    @Test func relativeRootsNameTheWayBack() {
        #expect(PageContext.relativeRoot(for: "index.html") == "")
        #expect(PageContext.relativeRoot(for: "docs/errors.html") == "../")
        #expect(PageContext.relativeRoot(for: "docs/guides/intro.html") == "../../")
    }

    @Test func notFoundPageIsRootedAtTheBasePath() {
        #expect(NotFoundPage.rootPath(of: .root) == "/")
        #expect(NotFoundPage.rootPath(of: BaseURL("/forge/")!) == "/forge/")
        #expect(NotFoundPage.rootPath(of: BaseURL("https://example.github.io/forge")!) == "/forge/")
        #expect(NotFoundPage.rootPath(of: BaseURL("https://forge.example.com")!) == "/")
    }

    @Test func sitemapListsPagesOnlyForAbsoluteBases() {
        let pages = ["index.html", "404.html", "docs/b.html", "docs/a&b.html", "assets/css/x.css"]
        #expect(Sitemap(baseURL: .root, pages: pages).xml == nil)
        #expect(Sitemap(baseURL: BaseURL("https://example.github.io/forge/")!, pages: pages).xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://example.github.io/forge/</loc></url>
          <url><loc>https://example.github.io/forge/docs/a&amp;b.html</loc></url>
          <url><loc>https://example.github.io/forge/docs/b.html</loc></url>
        </urlset>

        """)
    }

    @Test func inlineJSONCannotCloseItsScriptTag() throws {
        #expect(try JSONScript.encode(["name": "</script><img src=x onerror=alert(1)>&"]) ==
            #"{"name":"\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e\u0026"}"#)
    }
}
