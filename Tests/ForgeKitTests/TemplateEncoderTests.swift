import Foundation
import Testing
@testable import ForgeKit

/// Typed template contexts become the tree Mustache renders, with nil optionals as nulls (known
/// to the template check) and merged contexts that cannot shadow one another.
@Suite struct TemplateEncoderTests {
    struct Link: Encodable { var title: String; var url: String? }
    struct Context: TemplateContext {
        var title = "T"
        var count = 3
        var isOpen = true
        var note: String? = nil
        var link: Link? = Link(title: "A", url: nil)
        var links = [Link(title: "B", url: "b.html")]
        var tags = ["x", "y"]
        var missing: Link? = nil
        var hidden: Int? = nil
    }

    @Test func optionalsAreNullsAndValuesKeepTheirTypes() throws {
        let tree = try TemplateTree(Context()).values
        #expect(Set(tree.keys) == ["title", "count", "isOpen", "note", "link", "links", "tags", "missing", "hidden"])
        #expect(tree["title"] as? String == "T")
        #expect(tree["count"] as? Int == 3)
        #expect(tree["isOpen"] as? Bool == true)
        #expect(tree["note"] is NSNull && tree["missing"] is NSNull && tree["hidden"] is NSNull)
        let link = try #require(tree["link"] as? [String: Any])
        #expect(link["title"] as? String == "A" && link["url"] is NSNull)
        let links = try #require(tree["links"] as? [Any])
        #expect((links.first as? [String: Any])?["url"] as? String == "b.html")
        #expect(tree["tags"] as? [Any] as? [String] == ["x", "y"])
    }

    @Test func aNilOptionalIsKnownToTheTemplateCheckAndRendersAsFalse() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["default/layouts/home.mustache": "{{title}}:{{#note}}[{{note}}]{{/note}}{{^missing}}none{{/missing}}{{#links}}<{{url}}>{{/links}}"])
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default", builtIn: [])
        #expect(try theme.render("home", context: Context()) == "T:none<b.html>")
        #expect(try theme.render("home", context: Context(note: "n")) == "T:[n]none<b.html>")
    }

    @Test func mergedContextsSitSideBySideAndMayNotShareAKey() throws {
        struct Frame: Encodable { var root = "../" }
        struct Page: Encodable { var title = "P" }
        struct Clash: Encodable { var root = "/" }
        let tree = try TemplateTree(MergedContext(Frame(), Page())).values
        #expect(tree["root"] as? String == "../" && tree["title"] as? String == "P")
        #expect {
            try TemplateTree(MergedContext(Frame(), Clash()))
        } throws: { error in
            "\(error)".contains("the key \"root\" is written twice")
        }
    }

    /// The asset catalog reaches Mustache as itself: looking a file up records it as used.
    @Test func theAssetCatalogIsPassedThroughAsItIs() throws {
        let themes = try TemporaryDirectory()
        try themes.write(["default/layouts/home.mustache": "{{asset.css.base}}", "default/assets/css/base.css": "a{}", "default/assets/css/x.css": "b{}"])
        let theme = try Theme.load(themesDirectory: themes.url, displayDirectory: "Themes", name: "default", builtIn: [])
        let assets = AssetCatalog(theme: theme)
        struct Page: TemplateContext { var asset: AssetFolder }
        let tree = try TemplateTree(Page(asset: assets.templateValue)).values
        #expect(tree["asset"] is AssetFolder)
        let base = try #require(assets.path(for: "css/base.css"))
        #expect(try theme.render("home", context: Page(asset: assets.templateValue)) == base)
        #expect(assets.usedFiles.map(\.path) == [base])
        // Another encoder sees the paths (and records nothing).
        let json = try JSONEncoder().encode(Page(asset: assets.templateValue))
        #expect(String(decoding: json, as: UTF8.self).contains(#""base":"assets\/css\/base."#))
    }
}
