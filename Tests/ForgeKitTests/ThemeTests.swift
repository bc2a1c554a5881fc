import ForgeEmbedded
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
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "midnight", builtIn: [])
        struct Greeting: TemplateContext { var name: String }
        #expect(try theme.render("home", context: Greeting(name: "<Ada>")) == "<main>Hello from midnight, &lt;Ada&gt;</main>")
        #expect(theme.assets.map(\.path) == ["css/base.css", "js/app.js"])
        #expect(theme.assets.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "body{background:#000}")
    }

    /// A site needs no Themes/ at all, and a theme of one partial takes the rest from forge.
    @Test func aThemeOfOnePartialTakesTheRestFromTheBuiltInTheme() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["acme/layouts/_partials/site-footer.mustache": "<footer>Acme · {{site.title}}</footer>"])
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "acme")
        #expect(theme.hasLayout("home") && theme.hasLayout("doc") && theme.hasLayout("docs-index") && theme.hasLayout("404"))
        struct Footer: TemplateContext { struct Site: Encodable { var title: String }; var site: Site }
        #expect(try theme.render("_partials/site-footer", context: Footer(site: .init(title: "Console"))) == "<footer>Acme · Console</footer>")
        let builtIn = ForgeEmbedded.defaultTheme.filter { $0.path.hasPrefix("assets/") }.map { String($0.path.dropFirst("assets/".count)) }
        #expect(theme.assets.map(\.path) == builtIn)
        #expect(builtIn.contains("css/base.css") && builtIn.contains("js/dialog.js"))

        let none = try Theme.load(themesDirectory: themes.url.appendingPathComponent("missing"), displayDirectory: "Themes", name: "default")
        #expect(none.hasLayout("home"))
    }

    /// The built-in theme is Themes/default, byte for byte (embedded at build time).
    @Test func theBuiltInThemeIsThemesDefault() throws {
        let folder = ForgeProcess.repository.appendingPathComponent("Themes/default")
        let onDisk = TemporaryDirectory.snapshot(of: folder).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
        let embedded = Dictionary(uniqueKeysWithValues: ForgeEmbedded.defaultTheme.map { ($0.path, Data($0.bytes)) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        for (path, data) in onDisk { #expect(embedded[path] == data, "\(path) differs from the embedded copy") }
    }

    @Test func namesAMissingThemeAndWhereItLooked() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["midnite/layouts/home.mustache": "x", "solar/layouts/home.mustache": "x"])
        let at = SourceLocation(path: "Content/site.yaml", line: 4, column: 8)
        #expect {
            try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "solr", requestedAt: at, requestSourceLine: "theme: solr")
        } throws: { error in
            "\(error)" == """
            Content/site.yaml:4:8: error: theme "solr" not found: there is no folder Themes/solr/ (\(themes.url.path)/solr/) (did you mean "solar"?) (the built-in theme is "default")
            theme: solr
                   ^
            """
        }
        #expect(Theme.problem(withName: "ocean", themesDirectory: themes.url, displayDirectory: "/srv/themes")
            == "theme \"ocean\" not found: there is no folder /srv/themes/ocean/; themes there: midnite, solar (the built-in theme is \"default\")")
        #expect(Theme.problem(withName: "default", themesDirectory: themes.url, displayDirectory: "Themes") == nil)
        #expect(Theme.problem(withName: "../x", themesDirectory: themes.url, displayDirectory: "Themes") != nil)
    }

    struct SyntaxCase: CustomTestStringConvertible, Sendable {
        var template: String
        var message: String
        var testDescription: String { message }
    }

    /// Every syntax error in words, at the tag to fix, with its line and a caret.
    @Test(arguments: [
        SyntaxCase(template: "<ul>\n{{#items}}\n<li>{{.}}</li>\n</ul>\n",
                   message: "home.mustache:2:1: error: the section {{#items}} opened at line 2 is never closed (expected {{/items}} before the end of the file)\n{{#items}}\n^"),
        SyntaxCase(template: "<h1>{{title}}</h1>\n{{#items}}\n<li>{{.}}</li>\n{{/itemz}}\n",
                   message: "home.mustache:4:1: error: {{/itemz}} does not close the open section {{#items}} opened at line 2 (expected {{/items}})\n{{/itemz}}\n^"),
        SyntaxCase(template: "{{#a}}\n  {{#b}}x\n{{/a}}\n",
                   message: "home.mustache:3:1: error: {{/a}} comes before the end of {{#b}} opened at line 2: close that first with {{/b}}\n{{/a}}\n^"),
        SyntaxCase(template: "<p>{{/done}}</p>",
                   message: "home.mustache:1:4: error: {{/done}} closes a section that was never opened\n<p>{{/done}}</p>\n   ^"),
        SyntaxCase(template: "<p>{{site.title</p>\n",
                   message: "home.mustache:1:4: error: the tag opened here is never closed with }}\n<p>{{site.title</p>\n   ^"),
        SyntaxCase(template: "<p>{{site title}}</p>",
                   message: "home.mustache:1:4: error: {{site title}} is not a name: a tag holds one name of letters, digits, \".\", \"-\" and \"_\", found \"site title\"\n<p>{{site title}}</p>\n   ^"),
        SyntaxCase(template: "{{{doc.content}}\n",
                   message: "home.mustache:1:1: error: {{{doc.content}} must end with }}}\n{{{doc.content}}\n^"),
        SyntaxCase(template: "{{<baseof}}\n{{title}}\n{{/baseof}}\n",
                   message: "home.mustache:2:1: error: {{title}} cannot stand inside {{<baseof}}: a parent holds only blocks such as {{$main}}…{{/main}}\n{{title}}\n^"),
        SyntaxCase(template: "a {{}} b",
                   message: "home.mustache:1:3: error: {{}} is empty: a tag needs the name of a value\na {{}} b\n  ^"),
    ])
    func syntaxErrorsSayWhatIsWrong(_ bad: SyntaxCase) throws {
        #expect {
            try TemplateSource(text: bad.template, path: "home.mustache")
        } throws: { error in
            "\(error)" == bad.message
        }
    }

    /// What parses must also parse with swift-mustache, which renders it.
    @Test func acceptsWhatSwiftMustacheAccepts() throws {
        let templates = [
            "{{! comment }}{{#a}}{{b}}{{/a}}{{^a}}none{{/a}}{{{raw}}}{{&raw}}{{> part}}",
            "{{<baseof}}\n{{$main}}x{{/main}}\n{{/baseof}}",
            "{{$block}}default{{/block}}{{=<% %>=}}<% name %><%={{ }}=%>{{name}}",
            "{{#first(items)}}{{.}}{{/first(items)}}{{ spaced }}",
        ]
        for template in templates {
            // Theme loading parses with both: this tree, then swift-mustache.
            #expect(throws: Never.self) { try self.theme(["home": template, "baseof": "{{$main}}{{/main}}", "part": "p"]) }
        }
        #expect(try TemplateSource(text: "{{=<% %>=}}<%name%>", path: "t").nodes.count == 1)
    }

    func theme(_ files: [String: String]) throws -> Theme {
        let themes = try TemporaryDirectory()
        try themes.write(Dictionary(uniqueKeysWithValues: files.map { ("default/layouts/\($0.key).mustache", $0.value) }))
        return try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default", builtIn: [])
    }

    /// `{{site.titel}}` is an error naming the template, line, column and the value (swift-mustache
    /// alone renders it as nothing).
    @Test func aTagNamingAMissingValueIsAnError() throws {
        let theme = try theme([
            "home": "<title>{{site.title}}</title>\n<h1>{{site.titel}}</h1>\n",
            "doc": "{{#docs}}<a href=\"{{url}}\">{{titel}}</a>{{/docs}}",
            "404": "{{> _partials/nav}}",
            "_partials/nav": "<nav>{{#site}}{{title}}{{/site}}{{rooot}}</nav>",
            "docs-index": "{{> _partials/sidebar}}",
        ])
        struct Context: TemplateContext {
            struct Site: Encodable { var title = "Console", lang = "en" }
            struct Link: Encodable { var url: String, title: String }
            var root = "", site = Site(), docs = [Link(url: "a.html", title: "A")]
        }
        let context = Context()
        #expect {
            try theme.render("home", context: context)
        } throws: { error in
            "\(error)" == """
            Themes/default/layouts/home.mustache:2:5: error: {{site.titel}} names a value the page does not have: "site" has no "titel" (did you mean "site.title"?)
            <h1>{{site.titel}}</h1>
                ^
            """
        }
        #expect {
            try theme.render("doc", context: context)
        } throws: { error in
            "\(error)".hasPrefix("Themes/default/layouts/doc.mustache:1:28: error: {{titel}} names a value the page does not have: nothing here is called \"titel\" (did you mean \"title\"?)")
        }
        #expect {
            try theme.render("404", context: context)
        } throws: { error in
            "\(error)".hasPrefix("Themes/default/layouts/_partials/nav.mustache:1:33: error: {{rooot}} names a value the page does not have: nothing here is called \"rooot\" (did you mean \"root\"?)")
        }
        #expect {
            try theme.render("docs-index", context: context)
        } throws: { error in
            "\(error)".hasPrefix("Themes/default/layouts/docs-index.mustache:1:1: error: {{> _partials/sidebar}} names the template \"_partials/sidebar\", which the theme does not have")
        }
    }

    /// Null values are part of a context's shape; sections the page skips are not checked.
    @Test func nullsAndSkippedSectionsAreNotErrors() throws {
        let theme = try theme([
            "home": "{{#page.description}}<meta content=\"{{page.description}}\">{{/page.description}}{{^page.description}}none{{/page.description}}|{{#items}}{{name}}{{/items}}|{{#flag}}{{nothing.here}}{{/flag}}|{{page.description}}",
        ])
        struct Item: Encodable { var name: String }
        struct Page: Encodable { var description: String? }
        struct Context: TemplateContext { var page = Page(), items: [Item] = [], flag: Bool }
        struct NoDescription: TemplateContext { struct Page: Encodable {}; var page = Page(), items: [Item] = [], flag = false }
        let html = try theme.render("home", context: Context(flag: false))
        #expect(html == "none|||")
        #expect {
            try theme.render("home", context: Context(flag: true))
        } throws: { error in
            "\(error)".contains("{{nothing.here}} names a value the page does not have: nothing here is called \"nothing\"")
        }
        #expect {
            try theme.render("home", context: NoDescription())
        } throws: { error in
            "\(error)".contains("{{#page.description}} names a value the page does not have: \"page\" has no \"description\"")
        }
    }

    /// Typed contexts are checked by their properties, nil optionals included (a null, known).
    @Test func typedContextsAreCheckedByTheirProperties() throws {
        struct Page: Encodable { var title: String; var description: String? }
        struct Context: TemplateContext { var page: Page }
        let theme = try theme(["home": "{{#page.description}}{{page.description}}{{/page.description}}{{page.title}}", "doc": "{{page.titel}}"])
        #expect(try theme.render("home", context: Context(page: Page(title: "T", description: nil))) == "T")
        #expect(try theme.render("home", context: Context(page: Page(title: "T", description: "D"))) == "DT")
        #expect {
            try theme.render("doc", context: Context(page: Page(title: "T", description: nil)))
        } throws: { error in
            "\(error)".contains("\"page\" has no \"titel\" (did you mean \"page.title\"?)")
        }
    }

    @Test func aPartialThatIncludesItselfIsStoppedNotRunForever() throws {
        let theme = try theme(["home": "{{> loop}}", "loop": "{{#self}}{{> loop}}{{/self}}"])
        #expect {
            struct Inner: Encodable { var x = 1 }
            struct Context: TemplateContext { var `self` = Inner() }
            return try theme.render("home", context: Context())
        } throws: { error in
            "\(error)".hasPrefix("Themes/default/layouts/loop.mustache:1:10: error: {{> loop}} nests templates more than 64 deep: a partial that includes itself?")
        }
    }

    @Test func fingerprintsAssetsByContent() {
        #expect(AssetCatalog.fingerprinted("js/app.js", bytes: Array("1".utf8)) == "js/app.6b86b273ff.js")
        #expect(AssetCatalog.fingerprinted("css/site.min.css", bytes: []).hasPrefix("css/site.min.e3b0c44298"))
    }

    /// Only the assets a page names are published; `asset.css.custom` is null without custom.css.
    @Test func publishesOnlyTheAssetsThePagesName() throws {
        let themes = try TemporaryDirectory()
        try themes.write([
            "default/layouts/home.mustache": "<link href=\"{{asset.css.base}}\">{{#asset.css.custom}}<link href=\"{{asset.css.custom}}\">{{/asset.css.custom}}",
            "default/assets/css/base.css": "a{}",
            "default/assets/js/unused.js": "1",
        ])
        var theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default", builtIn: [])
        var assets = AssetCatalog(theme: theme)
        let base = try #require(assets.path(for: "css/base.css"))
        struct Context: TemplateContext { var asset: AssetFolder }
        #expect(try theme.render("home", context: Context(asset: assets.templateValue)) == "<link href=\"\(base)\">")
        #expect(assets.usedFiles.map(\.path) == [base])
        #expect(assets.files.count == 2, "the catalog has both; only the named one is published")

        try themes.write(["acme/assets/css/custom.css": ":root{--color-accent:#0b6e4f}"])
        theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "acme", builtIn: [])
        assets = AssetCatalog(theme: theme)
        let html = try theme.render("home", context: Context(asset: assets.templateValue))
        let custom = try #require(assets.path(for: "css/custom.css"))
        #expect(html.hasSuffix("<link href=\"\(custom)\">"))
        #expect(assets.usedFiles.map(\.path) == [try #require(assets.path(for: "css/base.css")), custom])
        #expect(assets.usedFiles.map(\.path).allSatisfy { !$0.contains("unused") })
    }
}

/// The README's table of the theme's CSS custom properties says what base.css says.
@Suite struct ThemeDocumentationTests {
    static func properties(in block: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for line in block.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("--"), let colon = text.firstIndex(of: ":"), text.hasSuffix(";") else { continue }
            result[String(text[..<colon])] = text[text.index(after: colon)...].dropLast().trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    @Test func theReadmeTableMatchesBaseCSS() throws {
        let css = try String(contentsOf: ForgeProcess.repository.appendingPathComponent("Themes/default/assets/css/base.css"), encoding: .utf8)
        let readme = try String(contentsOf: ForgeProcess.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let rootStart = try #require(css.range(of: ":root {"))
        let rootEnd = try #require(css.range(of: "\n}", range: rootStart.upperBound..<css.endIndex))
        let light = ThemeDocumentationTests.properties(in: css[rootStart.upperBound..<rootEnd.lowerBound])
        let darkStart = try #require(css.range(of: "@media (prefers-color-scheme: dark) {\n  :root {"))
        let darkEnd = try #require(css.range(of: "\n  }", range: darkStart.upperBound..<css.endIndex))
        let dark = ThemeDocumentationTests.properties(in: css[darkStart.upperBound..<darkEnd.lowerBound])

        var rows = 0
        for line in readme.split(separator: "\n") where line.hasPrefix("| `--") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, !cells[0].contains("…") else { continue }  // a range of properties
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let lightValue = try #require(light[name], "\(name) is in the README but not in base.css")
            func matches(_ documented: String, _ actual: String) -> Bool {
                let text = documented.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                if let ellipsis = text.range(of: "…") {
                    return actual.hasPrefix(text[..<ellipsis.lowerBound]) && actual.hasSuffix(text[ellipsis.upperBound...])
                }
                return text == actual
            }
            #expect(matches(cells[1], lightValue), "\(name): README says \(cells[1]), base.css \(lightValue)")
            if cells[2] == "same" {
                #expect(dark[name] == nil || dark[name] == lightValue, "\(name) has its own dark value")
            } else {
                #expect(matches(cells[2], dark[name] ?? lightValue), "\(name) (dark): README says \(cells[2]), base.css \(dark[name] ?? lightValue)")
            }
            rows += 1
        }
        #expect(rows >= 20)
        let chartRow = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `--color-chart-2` …") })
        for index in 2...6 {
            #expect(chartRow.contains("`\(light["--color-chart-\(index)"] ?? "?")`") && chartRow.contains("`\(dark["--color-chart-\(index)"] ?? "?")`"))
        }
    }
}
