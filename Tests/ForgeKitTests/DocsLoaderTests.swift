import Foundation
import Testing
@testable import ForgeKit

@Suite struct DocsLoaderTests {
    func load(_ files: [String: String], includeDrafts: Bool = false) throws -> (DocSet, Diagnostics, TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        try folder.write(files)
        var diagnostics = Diagnostics()
        let set = DocsLoader.load(directory: folder.url, displayDirectory: "Content/docs", includeDrafts: includeDrafts, diagnostics: &diagnostics)
        return (set, diagnostics, folder)
    }

    @Test func ordersByWeightThenTitleThenPathWithIndexFirst() throws {
        let (set, diagnostics, _) = try load([
            "zeta.md": "# Zeta\n",
            "alpha.md": "# alpha\n",
            "first.md": "---\nweight: 1\n---\n# Zzz first by weight\n",
            "index.md": "---\ntitle: Welcome\n---\nHello.\n",
            "guides/index.md": "---\ntitle: Guides\nweight: 2\n---\n",
            "guides/b.md": "# B guide\n",
            "guides/a.md": "# A guide\n",
            "reference/deep/x.md": "# X\n",
            "Beta.md": "# Beta\n",
        ])
        expectMessages(diagnostics, [])
        #expect(set.docs.map(\.sourcePath) == [
            "index.md", "first.md",
            "guides/index.md", "guides/a.md", "guides/b.md",
            "alpha.md", "Beta.md",
            "reference/deep/x.md",
            "zeta.md",
        ])
        #expect(set.root.title == "Welcome")
        #expect(set.root.indexDoc == 0)
        let sections = set.root.allSections
        #expect(sections.map(\.folder) == ["", "guides", "reference", "reference/deep"])
        #expect(sections.map(\.title) == ["Welcome", "Guides", "Reference", "Deep"])
        #expect(sections.map(\.outputPath) == ["docs/index.html", "docs/guides/index.html", "docs/reference/index.html", "docs/reference/deep/index.html"])
        #expect(sections.map(\.docCount) == [9, 3, 1, 1])
        #expect(set.docs.map(\.outputPath).prefix(3) == ["docs/index.html", "docs/first.html", "docs/guides/index.html"])
    }

    @Test func numbersInTitlesSortByValue() {
        let titles = ["Part 10", "part 2", "Part 1", "Part 02b", "Part", "Appendix"]
        let sorted = titles.sorted { DocSet.SortKey(weight: nil, title: $0, path: $0) < DocSet.SortKey(weight: nil, title: $1, path: $1) }
        #expect(sorted == ["Appendix", "Part", "Part 1", "part 2", "Part 02b", "Part 10"])
    }

    @Test func titlesComeFromFrontMatterThenHeadingThenFileName() throws {
        let (set, _, _) = try load([
            "a.md": "---\ntitle: From front matter\n---\n# From heading\n",
            "b.md": "Intro.\n\n## From a *second-level* heading\n",
            "getting_started-now.md": "No heading at all.\n",
            "tools/index.md": "Just text.\n",
        ])
        #expect(set.docs.map(\.title) == ["From a second-level heading", "From front matter", "Getting started now", "Tools"])
    }

    @Test func skipsDraftsUnlessAsked() throws {
        let files = ["a.md": "# A\n", "b.md": "---\ndraft: true\n---\n# B\n"]
        let (without, _, _) = try load(files)
        #expect(without.docs.map(\.sourcePath) == ["a.md"])
        let (with, _, _) = try load(files, includeDrafts: true)
        #expect(with.docs.map(\.sourcePath) == ["a.md", "b.md"])
        #expect(with.docs.map(\.isDraft) == [false, true])
    }

    @Test func listsOtherFilesAsAssetsAndSkipsDotFiles() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["a.md": "# A\n![chart](img/chart.png)\n", ".hidden.md": "# H\n", ".git/x.md": "# X\n"])
        try folder.write("img/chart.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        var diagnostics = Diagnostics()
        let set = DocsLoader.load(directory: folder.url, displayDirectory: "Content/docs", includeDrafts: false, diagnostics: &diagnostics)
        expectMessages(diagnostics, [])
        #expect(set.docs.map(\.sourcePath) == ["a.md"])
        #expect(set.assets.map(\.outputPath) == ["docs/img/chart.png"])
        #expect(set.assets.first?.bytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func aMissingFolderHasNoDocs() {
        var diagnostics = Diagnostics()
        let set = DocsLoader.load(directory: URL(fileURLWithPath: "/nonexistent/forge/docs"), displayDirectory: "Content/docs", includeDrafts: false, diagnostics: &diagnostics)
        #expect(set.isEmpty)
        expectMessages(diagnostics, [])
    }

    @Test func rewritesLinksToTheOutputPages() throws {
        let (set, diagnostics, _) = try load([
            "index.md": "# Docs\n",
            "errors.md": "# Errors\n\n## Rate limited\n",
            "guides/index.md": "# Guides\n",
            "guides/intro.md": """
                # Intro

                [errors](../errors.md#rate-limited) [root](/errors.md) [folder](./) [up](../)
                [guides index](index.md) [sibling](keys.md?v=2) [site](../../index.html) [web](https://example.com/a.md)
                [docs](/) [output name](../errors.html)
                """,
            "guides/keys.md": "# Keys\n",
        ])
        expectMessages(diagnostics, [])
        let intro = try #require(set.docs.first { $0.sourcePath == "guides/intro.md" })
        // The leading h1 is lifted out for the page header.
        #expect(intro.content.titleHTML == "Intro")
        expectText(intro.content.html, """
            <p><a href="../errors.html#rate-limited">errors</a> <a href="../errors.html">root</a> <a href="./index.html">folder</a> <a href="../index.html">up</a>
            <a href="index.html">guides index</a> <a href="keys.html?v=2">sibling</a> <a href="../../index.html">site</a> <a href="https://example.com/a.md">web</a>
            <a href="../index.html">docs</a> <a href="../errors.html">output name</a></p>

            """)
    }

    @Test func reportsBrokenLinksAsWarningsWithTheirPositions() throws {
        let (_, diagnostics, _) = try load([
            "a.md": """
                ---
                title: A
                ---
                # A

                See [missing](nope.md), [draft](b.md) and [anchor](c.md#nowhere).
                Also [here](#not-here), [fine](#a), [note](#fn-1) and ![img](img/none.png).
                  Indented [é](émoji.md) continuation.
                [bad](javascript:alert(1))
                """,
            "b.md": "---\ndraft: true\n---\n# B\n",
            "c.md": "# C\n",
        ])
        #expect(diagnostics.errorCount == 0)
        #expect(diagnostics.warningCount == 7)
        expectMessages(diagnostics, [
            """
            Content/docs/a.md:6:15: warning: broken link to "nope.md"
            See [missing](nope.md), [draft](b.md) and [anchor](c.md#nowhere).
                          ^
            """,
            """
            Content/docs/a.md:6:33: warning: broken link to "b.md": Content/docs/b.md is a draft (build with --drafts to include it)
            See [missing](nope.md), [draft](b.md) and [anchor](c.md#nowhere).
                                            ^
            """,
            """
            Content/docs/a.md:6:52: warning: broken link to "c.md#nowhere": c.md has no heading with the id "nowhere"
            See [missing](nope.md), [draft](b.md) and [anchor](c.md#nowhere).
                                                               ^
            """,
            """
            Content/docs/a.md:7:13: warning: broken link to "#not-here": this page has no heading with the id "not-here"
            Also [here](#not-here), [fine](#a), [note](#fn-1) and ![img](img/none.png).
                        ^
            """,
            """
            Content/docs/a.md:7:62: warning: broken link to "img/none.png"
            Also [here](#not-here), [fine](#a), [note](#fn-1) and ![img](img/none.png).
                                                                         ^
            """,
            """
            Content/docs/a.md:8:16: warning: broken link to "émoji.md"
              Indented [é](émoji.md) continuation.
                           ^
            """,
            """
            Content/docs/a.md:9:7: warning: the link to "javascript:alert(1)" was removed: javascript:, vbscript:, file: and data: links are not published
            [bad](javascript:alert(1))
                  ^
            """,
        ])
    }

    @Test func strictPromotesBrokenLinksToErrors() throws {
        var (_, diagnostics, _) = try load(["a.md": "[x](y.md)\n"])
        #expect(!diagnostics.hasErrors)
        diagnostics.promoteWarnings()
        expectMessages(diagnostics, [
            """
            Content/docs/a.md:1:5: error: broken link to "y.md"
            [x](y.md)
                ^
            """,
        ])
    }

    @Test func reportsFrontMatterErrorsWithTheDocsPath() throws {
        let (set, diagnostics, _) = try load(["guides/x.md": "---\nwieght: 3\n---\n# X\n"])
        expectMessages(diagnostics, [
            """
            Content/docs/guides/x.md:2:1: error: unknown key "wieght" (did you mean "weight"?)
            wieght: 3
            ^
            """,
        ])
        #expect(set.docs.count == 1)
    }

    /// An HTML file is never copied (issue 7), so it cannot overwrite a page either; each is
    /// still a located error, and the doc beside it is published.
    @Test func reportsAFileThatWouldOverwriteAPage() throws {
        let (set, diagnostics, _) = try load(["a.md": "# A\n", "a.html": "<p>old export</p>", "guides/b.md": "# B\n", "guides/index.html": "x"])
        expectMessages(diagnostics, [
            "Content/docs/a.html: error: this file is not published: an HTML page would run its scripts on the site's origin: write it in Markdown (a.md) instead",
            "Content/docs/guides/index.html: error: this file is not published: an HTML page would run its scripts on the site's origin: write it in Markdown (index.md) instead",
        ])
        #expect(set.docs.map(\.sourcePath) == ["a.md", "guides/b.md"])
        #expect(set.assets.isEmpty)
    }

    @Test func isDeterministic() throws {
        let files = Dictionary(uniqueKeysWithValues: (0..<60).map { ("s\($0 % 4)/doc\($0).md", "# Doc \($0 % 7)\n\n[next](doc\($0 + 4).md) ~~x~~ | www.example.com\n") })
        let (first, firstDiagnostics, _) = try load(files)
        let (second, secondDiagnostics, _) = try load(files)
        #expect(first.docs.map(\.sourcePath) == second.docs.map(\.sourcePath))
        #expect(first.docs.map(\.content) == second.docs.map(\.content))
        #expect(messages(firstDiagnostics) == messages(secondDiagnostics))
    }
}

@Suite struct DocPathTests {
    @Test func relativePathsBetweenPages() {
        #expect(DocPath.relative(from: "docs", to: "docs/x.html") == "x.html")
        #expect(DocPath.relative(from: "docs/a", to: "docs/b/x.html") == "../b/x.html")
        #expect(DocPath.relative(from: "docs/a/b", to: "docs/index.html") == "../../index.html")
        #expect(DocPath.relative(from: "docs", to: "docs/a/b/index.html") == "a/b/index.html")
        #expect(DocPath.relative(from: "docs/ab", to: "docs/a/x.html") == "../a/x.html")
        #expect(DocPath.relative(from: "docs/a", to: "docs/ab/x.html") == "../ab/x.html")
        #expect(DocPath.relative(from: "", to: "x.md") == "x.md")
        #expect(DocPath.relative(from: "guides", to: "index.md") == "../index.md")
        #expect(DocPath.relative(from: "guides", to: "guides/keys.md") == "keys.md")
    }

    @Test func resolvingStaysInsideTheDocsFolder() {
        #expect(DocPath.resolve("../b.md", from: "a") == "b.md")
        #expect(DocPath.resolve("./x/./y.md", from: "") == "x/y.md")
        #expect(DocPath.resolve("../../b.md", from: "a") == nil)
    }
}
