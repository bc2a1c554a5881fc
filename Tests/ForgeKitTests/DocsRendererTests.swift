import Foundation
import Testing
@testable import ForgeKit

@Suite struct DocsRendererTests {
    static let example: [String: String] = [
        "getting-started.md": "---\ntitle: Getting started\ndescription: First steps.\nweight: 1\n---\n# Getting *started*\n\nSee [keys](guides/keys.md#rotate).\n\n## Install\n\n### From source\n\n## Run\n",
        "errors.md": "---\nweight: 2\n---\n# Errors\n\nOne heading only.\n",
        "guides/keys.md": "# Keys\n\n## Rotate\n\nText.\n\n## Revoke\n",
        "guides/limits.md": "---\ntitle: Limits\ndescription: How many requests.\n---\nNo heading.\n",
        "img/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    @Test func writesAPagePerDocAListingPerFolderTheIndexAndTheAssets() throws {
        let site = try DocsSite(Self.example)
        expectMessages(site.diagnostics, [])
        #expect(site.output.files.map(\.path) == [
            "docs/getting-started.html", "docs/errors.html", "docs/guides/keys.html", "docs/guides/limits.html",
            "docs/index.html", "docs/guides/index.html",
            "docs/img/chart.svg",
        ])
        #expect(site.output.pageCount == 6)
        #expect(site.output.checkedAtSource == ["docs/getting-started.html", "docs/errors.html", "docs/guides/keys.html", "docs/guides/limits.html",
                                                "docs/index.html", "docs/guides/index.html"])
        #expect(site["docs/img/chart.svg"] == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    }

    @Test func aDocPageHasItsTitleTableOfContentsNavigationAndPager() throws {
        let site = try DocsSite(Self.example)
        let page = "docs/getting-started.html"
        #expect(site[page].contains("<title>Getting started · NexusAI Forge</title>"))
        #expect(site[page].contains(#"<meta name="description" content="First steps.">"#))
        expectText(site.section(page, from: "<article", to: "</nav>"), """
            <article class="docs-article">
            <header class="doc-header">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
            <li><a href="index.html">Documentation</a></li>
            <li><span aria-current="page">Getting started</span></li>
            </ol>
            </nav>
            """)
        expectText(site.section(page, from: "<h1", to: "</nav>"), """
            <h1 class="doc-title" id="getting-started">Getting <em>started</em></h1>
            </header>
            <nav class="doc-toc" aria-labelledby="Forge-toc-title">
            <h2 class="doc-toc__title" id="Forge-toc-title">On this page</h2>
            <ol>
            <li><a href="#install">Install</a>
            <ol>
            <li><a href="#from-source">From source</a></li>
            </ol>
            </li>
            <li><a href="#run">Run</a></li>
            </ol>
            </nav>
            """)
        #expect(site[page].contains(#"<p>See <a href="guides/keys.html#rotate">keys</a>.</p>"#))
        expectText(site.section(page, from: #"<nav class="doc-pager""#, to: "</nav>"), """
            <nav class="doc-pager" aria-label="Previous and next page">
            <a class="doc-pager__link doc-pager__link--next" href="errors.html" rel="next"><span class="doc-pager__label">Next</span> Errors</a>
            </nav>
            """)
        expectText(site.section(page, from: #"<nav class="docs-nav""#, to: "</nav>"), """
            <nav class="docs-nav" aria-label="Documentation">
            <p class="docs-nav__home"><a href="index.html">Documentation</a></p>
            <ul class="docs-nav__list">
            <li><a href="getting-started.html" aria-current="page">Getting started</a></li>
            <li><a href="errors.html">Errors</a></li>
            <li><a href="guides/index.html">Guides</a></li>
            </ul>
            </nav>
            """)
    }

    @Test func aPageInAFolderShowsItsSectionAndBreadcrumbs() throws {
        let site = try DocsSite(Self.example)
        let page = "docs/guides/limits.html"
        #expect(site[page].contains(#"<h1 class="doc-title">Limits</h1>"#))
        #expect(!site[page].contains("doc-toc"), "no headings, no table of contents")
        #expect(site[page].contains(#"<li><a href="index.html">Guides</a></li>"#))
        expectText(site.section(page, from: #"<nav class="docs-nav""#, to: "</nav>"), """
            <nav class="docs-nav" aria-label="Documentation">
            <p class="docs-nav__home"><a href="../index.html">Documentation</a></p>
            <ul class="docs-nav__list">
            <li><a href="../getting-started.html">Getting started</a></li>
            <li><a href="../errors.html">Errors</a></li>
            <li class="is-open"><a href="index.html">Guides</a></li>
            </ul>
            <h2 class="docs-nav__title"><a href="index.html">Guides</a></h2>
            <ul class="docs-nav__list">
            <li><a href="keys.html">Keys</a></li>
            <li><a href="limits.html" aria-current="page">Limits</a></li>
            </ul>
            </nav>
            """)
        // One h2 alone is not worth a table of contents.
        #expect(!site["docs/errors.html"].contains("doc-toc"))
        #expect(site["docs/guides/keys.html"].contains("doc-toc"))
    }

    @Test func theDocsIndexListsEveryDocBySection() throws {
        let site = try DocsSite(Self.example)
        expectText(site.section("docs/index.html", from: "<h1", to: "</article>"), """
            <h1 class="doc-title">Documentation</h1>
            <p class="docs-listing__count">4 pages</p>
            </header>
            <section class="docs-listing__group">
            <ul class="docs-cards">
            <li><a href="getting-started.html">Getting started</a><p>First steps.</p></li>
            <li><a href="errors.html">Errors</a></li>
            </ul>
            </section>
            <section class="docs-listing__group">
            <h2><a href="guides/index.html">Guides</a></h2>
            <ul class="docs-cards">
            <li><a href="guides/keys.html">Keys</a></li>
            <li><a href="guides/limits.html">Limits</a><p>How many requests.</p></li>
            </ul>
            </section>
            </article>
            """)
        #expect(site["docs/guides/index.html"].contains(#"<h1 class="doc-title">Guides</h1>"#))
        #expect(site["docs/guides/index.html"].contains(#"<p class="docs-listing__count">2 pages</p>"#))
    }

    @Test func anIndexMdIsItsFoldersPageAndListsItsEntries() throws {
        var docs = Self.example
        docs["guides/index.md"] = "---\ntitle: All guides\ndescription: Step by step.\n---\nPick one.\n"
        let site = try DocsSite(docs)
        #expect(!site.files.keys.contains { $0 == "docs/guides/index.html" && site[$0].contains("docs-listing__count") })
        let page = site["docs/guides/index.html"]
        #expect(page.contains(#"<h1 class="doc-title">All guides</h1>"#))
        #expect(page.contains(#"<li><a href="keys.html">Keys</a></li>"#))
        #expect(page.contains(#"<h2 id="Forge-listing-title">In this section</h2>"#))
        #expect(site["docs/index.html"].contains(#"<h2><a href="guides/index.html">All guides</a></h2>"#))
        // Its own links in the navigation are marked as the current page.
        #expect(page.contains(#"<h2 class="docs-nav__title"><a href="index.html" aria-current="page">All guides</a></h2>"#))
    }

    /// The search index is made beside the docs (SearchIndexTests checks its format); every
    /// page points its search box at the manifest, relative to the page.
    @Test func pagesPointTheSearchBoxAtTheIndexManifest() throws {
        let site = try DocsSite(["a.md": "# Alpha\n", "guides/b.md": "# Beta\n"])
        // One name for the manifest: an edit to one doc must not change every page.
        let manifest = "data/search/index.js"
        #expect(site.files[manifest] != nil)
        #expect(site["docs/a.html"].contains(#"data-index="../\#(manifest)" data-root="../""#))
        #expect(site["docs/guides/b.html"].contains(#"data-index="../../\#(manifest)" data-root="../../""#))
    }

    @Test func longListsShowTheBlockOfTheCurrentPage() throws {
        var docs: [String: String] = [:]
        for number in 1...200 {
            docs[String(format: "big/page-%03d.md", number)] = "# Page \(number)\n"
        }
        docs["intro.md"] = "# Intro\n"
        let site = try DocsSite(docs)
        let nav = site.section("docs/big/page-100.html", from: #"<nav class="docs-nav""#, to: "</nav>")
        let entries = nav.components(separatedBy: "<li").count - 1
        #expect(entries == 2 + 2 + 25, "two top-level entries, the two 'more' links, 25 pages")
        // Pages 76-100 are the fourth block of 25.
        #expect(nav.contains(#"<li class="docs-nav__more"><a href="index.html">75 more</a></li>"#))
        #expect(nav.contains(#"<li><a href="page-076.html">Page 76</a></li>"#))
        #expect(nav.contains(#"<li><a href="page-100.html" aria-current="page">Page 100</a></li>"#))
        #expect(nav.contains(#"<li class="docs-nav__more"><a href="index.html">100 more</a></li>"#))
        // The page stays small whatever the number of docs.
        #expect(site["docs/big/page-100.html"].utf8.count < 10_000)
        // The listing has them all.
        let listing = site.section("docs/big/index.html", from: "<article", to: "</article>")
        #expect(listing.components(separatedBy: "<li><a href=\"page-").count - 1 == 200)
    }

    @Test func aLargeTopLevelIsOnlyListedOnTopLevelPages() throws {
        var docs: [String: String] = [:]
        for number in 1...30 { docs["area-\(number)/page.md"] = "# Page in area \(number)\n" }
        docs["welcome.md"] = "# Welcome\n"
        let site = try DocsSite(docs)
        let top = site.section("docs/welcome.html", from: #"<nav class="docs-nav""#, to: "</nav>")
        // Welcome sorts after Area 1…30: the second block (Area 26…30, Welcome) and a 'more' link.
        #expect(top.components(separatedBy: "<li").count - 1 == 6 + 1)
        #expect(top.contains(#"<li class="docs-nav__more"><a href="index.html">25 more</a></li>"#))
        let nested = site.section("docs/area-7/page.html", from: #"<nav class="docs-nav""#, to: "</nav>")
        expectText(nested, """
            <nav class="docs-nav" aria-label="Documentation">
            <p class="docs-nav__home"><a href="../index.html">Documentation</a></p>
            <h2 class="docs-nav__title"><a href="index.html">Area 7</a></h2>
            <ul class="docs-nav__list">
            <li><a href="page.html" aria-current="page">Page in area 7</a></li>
            </ul>
            </nav>
            """)
    }

    @Test func everyLinkNamesAFile() throws {
        let site = try DocsSite(Self.example)
        for (path, text) in site.files where path.hasSuffix(".html") {
            for match in text.matches(of: /href="([^"]*)"/) {
                let target = String(match.1)
                #expect(!target.hasSuffix("/") && !target.isEmpty, "\(path): \(target)")
            }
        }
    }

    @Test func rendersTheSameBytesEveryTime() throws {
        let first = try DocsSite(Self.example)
        let second = try DocsSite(Self.example)
        #expect(first.output.files == second.output.files)
    }

    @Test func noDocsNoPages() throws {
        let site = try DocsSite([:])
        #expect(site.output.files.isEmpty)
        #expect(site.output.pageCount == 0)
    }
}
