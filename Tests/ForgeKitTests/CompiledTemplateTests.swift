import Foundation
import Mustache
import Testing
@testable import ForgeKit

/// `CompiledLibrary` renders what swift-mustache renders (issue 11: the same output, faster):
/// each case here is rendered both ways and compared byte for byte, and so is every page of
/// the golden sites, the example site and the starter.
@Suite struct CompiledTemplateTests {
    /// Both renders of `name` from `templates` with `object`.
    static func renders(_ templates: [String: String], name: String = "page", _ object: Any) throws -> (library: String?, compiled: String?) {
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        for (templateName, text) in templates {
            let template = try MustacheTemplate(string: text)
            library.register(template, named: templateName)
            parsed[templateName] = template
        }
        let compiled = try #require(CompiledTemplate.compile(parsed), "the templates did not compile")
        return (library.render(object, withTemplate: name),
                CompiledLibrary(templates: compiled).render(object, withTemplate: name).map { String(decoding: $0.bytes, as: UTF8.self) })
    }

    nonisolated(unsafe) static let context: [String: Any] = [
        "title": "Keys & <usage>", "quote": "say \"hi\" 'there'", "count": 42, "ratio": 0.25, "yes": true, "no": false,
        "none": NSNull(), "empty": [Any](), "names": ["Ada", "Grace", "<Linus>"] as [Any],
        "site": ["title": "Console", "nested": ["deep": "down"] as [String: Any]] as [String: Any],
        "items": [["name": "a", "title": "inner a"], ["name": "b"], ["title": "only title"]] as [Any],
        "unicode": "naïve café — 日本語 🚀",
    ]

    static let cases: [(String, [String: String])] = [
        ("values", ["page": "{{title}}|{{{title}}}|{{&title}}|{{quote}}|{{count}}|{{ratio}}|{{yes}}|{{no}}|{{none}}|{{missing}}|{{unicode}}"]),
        ("dotted names and the stack",
         ["page": "{{site.title}} {{site.nested.deep}} {{site.missing.deep}}{{#items}}[{{name}}:{{title}}:{{.title}}:{{site.title}}]{{/items}}"]),
        ("implicit iterator", ["page": "{{#names}}<{{.}}>{{/names}}{{#names}}{{{.}}},{{/names}}"]),
        ("sections", ["page": "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#none}}0{{/none}}{{#missing}}M{{/missing}}{{#site}}{{title}}{{/site}}"
                      + "{{#title}}[{{.}}]{{/title}}{{#count}}({{.}}){{/count}}"]),
        ("inverted sections", ["page": "{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^none}}0{{/none}}{{^missing}}M{{/missing}}"
                               + "{{^empty}}E{{/empty}}{{^names}}L{{/names}}{{^site}}S{{/site}}"]),
        ("standalone lines", ["page": "<ul>\n  {{#names}}\n  <li>{{.}}</li>\n  {{/names}}\n  {{! a comment }}\n  {{^empty}}\n  none\n  {{/empty}}\n</ul>\n"]),
        ("indented partials", [
            "page": "<body>\n  {{> nav}}\n    {{> nav}}\n<p>{{> inline}}</p>\n</body>\n",
            "nav": "<nav>\n  {{#names}}\n  <a>{{.}}</a>\n  {{/names}}\n  {{> deeper}}\n</nav>\n",
            "deeper": "<i>\nx\n</i>\n",
            "inline": "a\nb",
        ]),
        ("parents and blocks", [
            "page": "{{<base}}{{$main}}\n  main {{title}}\n{{/main}}{{$aside}}side{{/aside}}{{/base}}",
            "base": "<html>\n  {{$head}}<title>default</title>{{/head}}\n  <main>\n    {{$main}}none{{/main}}\n  </main>\n  {{< frame}}{{$aside}}inner{{/aside}}{{/frame}}\n</html>\n",
            "frame": "<aside>{{$aside}}frame{{/aside}}</aside>\n",
        ]),
        ("CRLF lines", ["page": "a\r\n  {{#names}}\r\n  {{.}}\r\n  {{/names}}\r\n  {{> p}}\r\nend", "p": "x\r\ny\r\n"]),
        ("set delimiters", ["page": "{{=<% %>=}}<% title %> <%# yes %>y<%/ yes %>\n<%={{ }}=%>{{title}}"]),
    ]

    @Test(arguments: CompiledTemplateTests.cases.map(\.0))
    func rendersWhatSwiftMustacheRenders(_ name: String) throws {
        let templates = try #require(CompiledTemplateTests.cases.first { $0.0 == name }?.1)
        let (library, compiled) = try CompiledTemplateTests.renders(templates, CompiledTemplateTests.context)
        #expect(library != nil)
        #expect(compiled == library)
    }

    /// The one difference: the library escapes by Character, so `"` followed by a combining mark
    /// (one grapheme) came out as a bare `"`, which closes an attribute value.
    @Test func escapesAQuoteFollowedByACombiningMark() throws {
        let (library, compiled) = try CompiledTemplateTests.renders(["page": "<a title=\"{{t}}\">"], ["t": "\"\u{301} onmouseover=x"])
        #expect(library == "<a title=\"\"\u{301} onmouseover=x\">")
        #expect(compiled == "<a title=\"&quot;\u{301} onmouseover=x\">")
    }

    /// What the compiled renderer does not cover leaves the theme to swift-mustache.
    @Test func aThemeWithATransformIsRenderedBySwiftMustache() throws {
        #expect(CompiledTemplate(try MustacheTemplate(string: "{{#first(names)}}x{{/first(names)}}")) == nil)
        #expect(CompiledTemplate(try MustacheTemplate(string: "{{>*name}}")) == nil)
        let themes = try TemporaryDirectory()
        try themes.write(["plain/layouts/home.mustache": "{{#items}}{{name}}{{^last()}}, {{/last()}}{{/items}}"])
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "plain", builtIn: [])
        #expect(!theme.isCompiled)
        struct Item: Encodable { var name: String }
        struct Context: TemplateContext { var items: [Item] }
        #expect(try theme.render("home", context: Context(items: [.init(name: "a"), .init(name: "b")])) == "a, b")
        let builtIn = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default")
        #expect(builtIn.isCompiled, "the default theme must render with the compiled renderer")
    }

    /// Every page of these sites, built with each renderer.
    @Test(arguments: ["Tests/ForgeKitTests/Fixtures/golden-minimal", "Tests/ForgeKitTests/Fixtures/golden-api", ".", "Starter"])
    func buildsTheSameSiteAsSwiftMustache(_ folder: String) throws {
        let site = ForgeProcess.repository.appendingPathComponent(folder)
        let scratch = try TemporaryDirectory()
        var options = BuildOptions(content: site.appendingPathComponent("Content").path, themes: site.appendingPathComponent("Themes").path,
                                   output: scratch.url.appendingPathComponent("Output").path, asOf: Day(year: 2026, month: 11, day: 28),
                                   workingDirectory: scratch.url)
        let compiled = try SiteBuilder(options: options).build(write: false)
        options.rendersWithMustacheLibrary = true
        let library = try SiteBuilder(options: options).build(write: false)
        #expect(compiled.files.count == library.files.count && compiled.files.count > 3)
        for (one, other) in zip(compiled.files, library.files) {
            #expect(one.path == other.path)
            #expect(one.bytes == other.bytes, "\(folder): \(one.path) differs")
        }
    }
}
