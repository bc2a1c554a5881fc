import Testing
@testable import ForgeKit

/// The navigation beside a docs page: the top level and the page's folder, cut into blocks of
/// `blockSize`, with URLs relative to the page's folder, and the page's own link marked.
@Suite struct DocsNavigationTests {
    static func doc(_ path: String, _ title: String, weight: Int? = nil) -> Doc {
        Doc(sourcePath: path, displayPath: "Content/docs/" + path, title: title, weight: weight,
            content: RenderedMarkdown(html: "", headings: [], links: [], plainText: "", opensWithTitle: false))
    }

    /// `start.md`, `guides/index.md`, `guides/auth.md` and `count` pages in `many/`.
    static func navigation(many count: Int = 0) -> DocsNavigation {
        var docs = [doc("start.md", "Start", weight: 1), doc("guides/index.md", "Guides"), doc("guides/auth.md", "Auth")]
        for number in 0..<count { docs.append(doc("many/p\(number).md", "Page \(number)", weight: number)) }
        return DocsNavigation(DocSet(arranging: docs), api: (title: "API reference", outputPath: "api/index.html"))
    }

    @Test func aNestedPageShowsTheTopLevelAndItsFolderRelativeToItsFolder() throws {
        let navigation = Self.navigation()
        let auth = try #require(navigation.set.docs.firstIndex { $0.sourcePath == "guides/auth.md" })
        let key = navigation.key(forDoc: auth)
        #expect(key == DocsNavigation.NavKey(folder: "guides", block: 0))
        let values = navigation.context(for: key, root: "../../").docs
        #expect(values.home == "../index.html")
        #expect(values.api?.url == "../../api/index.html")
        let top = try #require(values.top)
        #expect(top.items.map(\.url) == ["../start.html", "index.html"])
        #expect(top.items.map(\.open) == [false, true], "the page's own section is open")
        let section = try #require(values.section)
        #expect(section.title == "Guides" && section.url == "index.html")
        #expect(section.items.map(\.title) == ["Auth"])
        #expect(section.hiddenBefore == nil && section.hiddenAfter == nil)
    }

    @Test func aLongFolderIsCutIntoBlocksWithWhatIsHiddenCounted() throws {
        let count = DocsNavigation.blockSize * 2 + 3
        let navigation = Self.navigation(many: count)
        let last = try #require(navigation.set.docs.firstIndex { $0.sourcePath == "many/p\(count - 1).md" })
        let key = navigation.key(forDoc: last)
        #expect(key == DocsNavigation.NavKey(folder: "many", block: 2))
        // Each page is in the block that holds its position: 25 entries a block.
        for (number, block) in [(0, 0), (24, 0), (25, 1), (49, 1), (50, 2)] {
            let index = try #require(navigation.set.docs.firstIndex { $0.sourcePath == "many/p\(number).md" })
            #expect(navigation.key(forDoc: index).block == block, "page \(number)")
        }
        let section = try #require(navigation.context(for: key, root: "../../").docs.section)
        #expect(section.items.count == 3)
        #expect(section.hiddenBefore == DocsNavigation.blockSize * 2 && section.hiddenAfter == nil)
        #expect(section.moreURL == "index.html", "the full listing is the folder's page")
        let first = try #require(navigation.set.docs.firstIndex { $0.sourcePath == "many/p0.md" })
        let firstSection = try #require(navigation.context(for: navigation.key(forDoc: first), root: "../../").docs.section)
        #expect(firstSection.items.count == DocsNavigation.blockSize)
        #expect(firstSection.hiddenBefore == nil && firstSection.hiddenAfter == DocsNavigation.blockSize + 3)
    }

    @Test func breadcrumbsLeadUpFromTheFolder() {
        let navigation = Self.navigation()
        #expect(navigation.breadcrumbs(folder: "guides", isSectionPage: false).map(\.title) == ["Documentation", "Guides"])
        #expect(navigation.breadcrumbs(folder: "guides", isSectionPage: true).map(\.title) == ["Documentation"])
        #expect(navigation.breadcrumbs(folder: "", isSectionPage: true).isEmpty)
    }

    @Test func markingCurrentMarksEveryLinkToThePageAndNothingElse() {
        let html = #"<a href="auth.html">A</a><a href="auth.html#x">B</a><a href="index.html">C</a><a href="auth.html">D</a>"#
        #expect(DocsNavigation.markingCurrent(html, href: "auth.html") == #"<a href="auth.html" aria-current="page">A</a>"#
                + #"<a href="auth.html#x">B</a><a href="index.html">C</a><a href="auth.html" aria-current="page">D</a>"#)
        #expect(DocsNavigation.markingCurrent(html, href: "missing.html") == html)
        #expect(DocsNavigation.markingCurrent("", href: "a.html") == "")
    }
}
