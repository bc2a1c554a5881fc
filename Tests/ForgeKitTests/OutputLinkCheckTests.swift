import Testing
@testable import ForgeKit

@Suite struct OutputLinkCheckTests {
    func check(_ pages: [String: String], extra: [String] = [], checkedAtSource: Set<String> = [], basePath: String = "/") -> [String] {
        let files = pages.map { OutputFile(path: $0.key, text: $0.value) } + extra.map { OutputFile(path: $0, bytes: []) }
        var diagnostics = Diagnostics()
        OutputLinkCheck(files: files, checkedAtSource: checkedAtSource, basePath: basePath).run(diagnostics: &diagnostics)
        return diagnostics.sorted.map(\.description)
    }

    @Test func acceptsRelativeLinksThatResolve() {
        let html = """
        <link rel="stylesheet" href="../../assets/css/base.1.css"><a href="../index.html#top">up</a>
        <a href="other.html">x</a><img src="../../assets/img/a%20b.svg"><a href="https://example.com/">out</a><a href="#h">h</a>
        """
        #expect(check(["docs/guides/intro.html": html], extra: ["assets/css/base.1.css", "docs/index.html", "docs/guides/other.html", "assets/img/a b.svg"]) == [])
    }

    @Test func reportsMissingAssetsAsErrorsAndMissingPagesAsWarnings() {
        let html = #"<script src="assets/js/gone.js" defer></script><link href=""><a href="docs/missing.html">m</a>"#
        #expect(check(["index.html": html]) == [
            "index.html: error: src=\"assets/js/gone.js\" points at assets/js/gone.js, which the build does not produce; check the theme's templates",
            "index.html: error: an empty href=\"\" (a template gave it a value that is empty on this page); check the theme's templates",
            "index.html: warning: href=\"docs/missing.html\" points at docs/missing.html, which the build does not produce; check the theme's templates",
        ])
    }

    @Test func skipsAnchorsCheckedAtTheirMarkdownSource() {
        #expect(check(["docs/a.html": #"<a href="b.html">b</a>"#], checkedAtSource: ["docs/a.html"]) == [])
    }

    /// The same relative link on pages of different folders names different files: each
    /// page's links resolve from its own folder (pages of one folder share their resolutions).
    @Test func theSameLinkResolvesFromEachPagesOwnFolder() {
        let html = #"<link rel="stylesheet" href="style.css"><a href="next.html">next</a>"#
        var pages: [String: String] = [:]
        for folder in ["a", "b", "c", "d"] {
            for page in 0..<3 { pages["docs/\(folder)/p\(page).html"] = html }
        }
        let extra = ["a", "b", "c"].flatMap { ["docs/\($0)/style.css", "docs/\($0)/next.html"] }
        #expect(check(pages, extra: extra) == (0..<3).flatMap { page in [
            "docs/d/p\(page).html: error: href=\"style.css\" points at docs/d/style.css, which the build does not produce; check the theme's templates",
            "docs/d/p\(page).html: warning: href=\"next.html\" points at docs/d/next.html, which the build does not produce; check the theme's templates",
        ] })
    }

    @Test func resolvesRootRelativeLinksUnderTheBasePath() {
        let html = #"<link rel="stylesheet" href="/repo/assets/css/base.css"><a href="/repo/index.html">home</a>"#
        #expect(check(["404.html": html], extra: ["assets/css/base.css", "index.html"], basePath: "/repo/") == [])
    }
}
