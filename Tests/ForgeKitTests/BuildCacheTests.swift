import Foundation
import Testing
@testable import ForgeKit

/// `forge serve` rebuilds with a `BuildCache`. Whatever the edit, the rebuilt site must be the
/// site a fresh build makes of the same files (but for the search index's served name), with
/// the same problems; and a doc's body edit must render that doc's page and nothing else.
@Suite struct BuildCacheTests {
    /// An example site being served: one cache across builds, edits that tell the cache what
    /// changed, as the watcher does.
    final class Served {
        let site: TemporaryDirectory
        let options: BuildOptions
        let cache: BuildCache

        init() throws {
            site = try TemporaryDirectory()
            try site.copyExampleSite()
            options = BuildOptions(content: site.url.appendingPathComponent("Content").path, themes: site.url.appendingPathComponent("Themes").path,
                                   output: site.url.appendingPathComponent("Output").path, workingDirectory: site.url)
            cache = BuildCache(options: options)
        }

        func build() throws(BuildFailure) -> BuildResult {
            try SiteBuilder(options: options).build(write: false, cache: cache)
        }

        func edit(_ path: String, replacing old: String, with new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let text = try site.read(path)
            try #require(text.contains(old), "\(old) is not in \(path)", sourceLocation: sourceLocation)
            try write(path, text.replacingOccurrences(of: old, with: new))
        }

        func write(_ path: String, _ text: String) throws {
            try site.write(path, Data(text.utf8))
            cache.invalidate([site.url.appendingPathComponent(path).standardizedFileURL.path], everything: false)
        }

        func remove(_ path: String) throws {
            try FileManager.default.removeItem(at: site.url.appendingPathComponent(path))
            cache.invalidate([site.url.appendingPathComponent(path).standardizedFileURL.path], everything: false)
        }
    }

    /// The files and problems of a build, comparable with those of a build under `serve`.
    struct Outcome: Equatable, CustomStringConvertible {
        var files: [String: [UInt8]]
        var problems: String

        init(_ result: BuildResult) {
            var files: [String: [UInt8]] = [:]
            for file in result.files { files[file.path] = file.bytes }
            self.files = files
            problems = String(decoding: DiagnosticReport(format: .text).render(result.diagnostics), as: UTF8.self)
        }

        init(_ failure: BuildFailure) {
            files = [:]
            problems = String(decoding: DiagnosticReport(format: .text).render(failure), as: UTF8.self)
        }

        var description: String {
            "\(files.count) files; problems:\n\(problems)"
        }
    }

    static func outcome(_ build: () throws(BuildFailure) -> BuildResult) -> Outcome {
        do {
            return Outcome(try build())
        } catch {
            return Outcome(error)
        }
    }

    /// Builds with the cache and without it, and expects the same files and problems.
    @discardableResult
    static func expectSameAsFreshBuild(_ served: Served, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        let cached = outcome { () throws(BuildFailure) in try served.build() }
        let fresh = outcome { () throws(BuildFailure) in try SiteBuilder(options: served.options).build(write: false) }
        #expect(cached.problems == fresh.problems, sourceLocation: sourceLocation)
        #expect(cached.files.keys.sorted() == fresh.files.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in fresh.files where cached.files[path] != bytes {
            Issue.record("\(path) differs from a fresh build", sourceLocation: sourceLocation)
        }
        return cached
    }

    static func identity(_ bytes: [UInt8]) -> UnsafeRawPointer? {
        bytes.withUnsafeBytes { $0.baseAddress }
    }

    @Test func aBodyEditRendersThatPageOnly() throws {
        let served = try Served()
        let first = try served.build()
        try served.edit("Content/docs/errors.md", replacing: "## The error body", with: "## The error body\n\nA new paragraph.")
        let second = try served.build()
        Self.expectSameAsFreshBuild(served)

        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes) })
        var rendered: [String] = []
        for file in second.files where file.path.hasPrefix("docs/") && file.path.hasSuffix(".html") {
            if Self.identity(file.bytes) != before[file.path].flatMap(Self.identity) { rendered.append(file.path) }
        }
        #expect(rendered == ["docs/errors.html"], "pages rendered again for a body edit of errors.md")
        let page = try #require(second.files.first { $0.path == "docs/errors.html" })
        #expect(String(decoding: page.bytes, as: UTF8.self).contains("A new paragraph."))
    }

    @Test func aTitleEditChangesTheNavigationEverywhereItShows() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/docs/errors.md", replacing: "title: Errors", with: "title: Error codes")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(String(decoding: outcome.files["docs/rate-limits.html"] ?? [], as: UTF8.self).contains("Error codes"))
    }

    @Test func aNewDocAndARemovedDocMatchAFreshBuild() throws {
        let served = try Served()
        _ = try served.build()
        try served.write("Content/docs/guides/webhooks.md", "# Webhooks\n\nSee [errors](../errors.md#the-error-body) and [nothing](missing.md).\n")
        Self.expectSameAsFreshBuild(served)
        try served.remove("Content/docs/rate-limits.md")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(outcome.problems.contains("broken link to \"rate-limits.md\""), "links to the removed doc are reported")
    }

    /// A folder moved in or out is one event, for the folder: its files changed all the same.
    @Test func aFolderMovedInOrOutMatchesAFreshBuild() throws {
        let served = try Served()
        _ = try served.build()
        let outside = served.site.url.appendingPathComponent("drafts/recipes")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("# Recipes\n\nSee [errors](../errors.md).\n".utf8).write(to: outside.appendingPathComponent("index.md"))
        try Data("# Retry\n\nBack off.\n".utf8).write(to: outside.appendingPathComponent("retry.md"))
        let inside = served.site.url.appendingPathComponent("Content/docs/recipes")
        try FileManager.default.moveItem(at: outside, to: inside)
        served.cache.invalidate([inside.standardizedFileURL.path], everything: false)
        let moved = Self.expectSameAsFreshBuild(served)
        #expect(moved.files["docs/recipes/retry.html"] != nil)

        let guides = served.site.url.appendingPathComponent("Content/docs/guides")
        try FileManager.default.moveItem(at: guides, to: served.site.url.appendingPathComponent("guides-away"))
        served.cache.invalidate([guides.standardizedFileURL.path], everything: false)
        let removed = Self.expectSameAsFreshBuild(served)
        #expect(removed.files["docs/guides/index.html"] == nil)
    }

    /// After lost events (a queue overflow) every file's stamp is compared.
    @Test func lostEventsCompareEveryFile() throws {
        let served = try Served()
        _ = try served.build()
        try served.site.write("Content/docs/errors.md", Data("# Errors\n\nRewritten while events were lost.\n".utf8))
        try served.site.write("Content/docs/guides/new.md", Data("# New\n".utf8))
        served.cache.invalidate([], everything: true)
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(String(decoding: outcome.files["docs/errors.html"] ?? [], as: UTF8.self).contains("Rewritten while events were lost."))
    }

    @Test func aHeadingRenamedBreaksTheAnchorsOfOtherDocs() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/docs/rate-limits.md", replacing: "## Limits by plan", with: "## Limits per plan")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(outcome.problems.contains("has no heading with the id \"limits-by-plan\""))
    }

    @Test func draftsComeAndGo() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/docs/errors.md", replacing: "weight: 50", with: "weight: 50\ndraft: true")
        Self.expectSameAsFreshBuild(served)
        try served.edit("Content/docs/errors.md", replacing: "weight: 50\ndraft: true", with: "weight: 50")
        Self.expectSameAsFreshBuild(served)
    }

    @Test func themeLayoutAndAssetEditsMatchAFreshBuild() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Themes/default/layouts/doc.mustache", replacing: "<div class=\"doc-content\">", with: "<div class=\"doc-content doc-body\">")
        Self.expectSameAsFreshBuild(served)
        let css = try served.site.read("Themes/default/assets/css/base.css")
        try served.write("Themes/default/assets/css/base.css", css + "\n.serve-test { color: red; }\n")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(outcome.files.contains { $0.key.hasPrefix("assets/css/base.") && String(decoding: $0.value, as: UTF8.self).contains("serve-test") })
    }

    /// A page that kept its bytes keeps its link problems only while what it links to is still
    /// there: here the home page names a doc image by hand, and the image goes away.
    @Test func aPageKeepsItsLinkCheckOnlyWhileItsTargetsStay() throws {
        let served = try Served()
        try served.edit("Themes/default/layouts/home.mustache", replacing: "<div class=\"dashboard-head\">",
                        with: "<img src=\"{{root}}docs/img/key-format.svg\" alt=\"\">\n<div class=\"dashboard-head\">")
        _ = try served.build()
        try served.edit("Content/docs/authentication.md", replacing: "](img/key-format.svg)", with: "](https://example.com/key-format.svg)")
        try served.remove("Content/docs/img/key-format.svg")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(outcome.problems.contains("docs/img/key-format.svg, which the build does not produce"), "\(outcome.problems)")
    }

    @Test func siteDataEditsMatchAFreshBuild() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/site.yaml", replacing: "title: NexusAI Forge", with: "title: NexusAI Console")
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(String(decoding: outcome.files["docs/errors.html"] ?? [], as: UTF8.self).contains("NexusAI Console"))
        try served.edit("Content/data/keys.yaml", replacing: "name: Staging backend", with: "name: Staging servers")
        Self.expectSameAsFreshBuild(served)
    }

    @Test func aSecretPastedIntoADocFailsAndItsRemovalRecovers() throws {
        let served = try Served()
        _ = try served.build()
        let body = "Q7x9Kd2LmP4rT8vW1yZ3bN6cF0gH5jA2"
        let key = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
        try served.edit("Content/docs/errors.md", replacing: "## The error body", with: "## The error body\n\nexport KEY=\(key)")
        let failed = Self.expectSameAsFreshBuild(served)
        #expect(failed.files.isEmpty && failed.problems.contains("Content/docs/errors.md:"), Comment(rawValue: failed.problems))
        try served.edit("Content/docs/errors.md", replacing: "\n\nexport KEY=\(key)", with: "")
        let fixed = Self.expectSameAsFreshBuild(served)
        #expect(!fixed.files.isEmpty)
    }

    @Test func aBrokenSiteFileThenAFixedOneLeavesNoStaleDocs() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/site.yaml", replacing: "title: NexusAI Forge", with: "title: [broken")
        // While the site's data cannot load, a doc changes too: the next good build must show it.
        try served.edit("Content/docs/errors.md", replacing: "## The error body", with: "## The error body\n\nEdited while broken.")
        let broken = Self.expectSameAsFreshBuild(served)
        #expect(broken.files.isEmpty)
        try served.edit("Content/site.yaml", replacing: "title: [broken", with: "title: NexusAI Forge")
        let fixed = Self.expectSameAsFreshBuild(served)
        #expect(String(decoding: fixed.files["docs/errors.html"] ?? [], as: UTF8.self).contains("Edited while broken."))
    }

    /// Two saves of the same size within one tick of the kernel's coarse clock leave the
    /// file's stamp as the build saw it after the first: the watcher still named the file.
    @Test func anEditThatKeepsTheStampIsSeenThroughTheWatcher() throws {
        let served = try Served()
        _ = try served.build()
        try served.edit("Content/docs/errors.md", replacing: "# Errors", with: "# Errorz")
        // As if the last build had read the file after this save, within the same tick.
        let file = served.site.url.appendingPathComponent("Content/docs/errors.md").path
        let stamp = try #require(FileStamp(path: file))
        served.cache.state.withLock { $0.sources["docs/errors.md"]?.stamp = stamp }
        let outcome = Self.expectSameAsFreshBuild(served)
        #expect(String(decoding: outcome.files["docs/errors.html"] ?? [], as: UTF8.self).contains("Errorz"))
    }
}

extension BuildCacheTests {
    @Test func manySavesOfOneDocStayEqualToAFreshBuild() throws {
        let served = try Served()
        _ = try served.build()
        let original = try served.site.read("Content/docs/errors.md")
        for number in 0..<6 {
            try served.write("Content/docs/errors.md", original + "\n\nSave number \(number).\n")
            Self.expectSameAsFreshBuild(served)
        }
    }
}

extension BuildCacheTests {
    /// Equal contexts give equal keys, however their dictionaries were built (each Swift
    /// dictionary iterates in an order of its own): otherwise nothing would ever be reused.
    @Test func equalContextsHaveEqualKeys() {
        var first: [String: Any] = [:]
        var second: [String: Any] = [:]
        let names = (0..<40).map { "key\($0)" }
        for name in names { first[name] = ["title": name, "count": 3, "flag": true] as [String: Any] }
        for name in names.reversed() { second[name] = ["flag": true, "count": 3, "title": name] as [String: Any] }
        var a = ContextKey(), b = ContextKey()
        a.append(first)
        b.append(second)
        #expect(a.bytes == b.bytes)
        second["key7"] = ["title": "key7", "count": 4, "flag": true] as [String: Any]
        var c = ContextKey()
        c.append(second)
        #expect(c.bytes != a.bytes)
    }

    /// A title edit renders the pages that show that title, not every page.
    @Test func aTitleEditRendersOnlyThePagesThatShowIt() throws {
        let served = try Served()
        let first = try served.build()
        try served.edit("Content/docs/guides/streaming-responses.md", replacing: "title: Streaming responses", with: "title: Streaming")
        let second = try served.build()
        let before = Dictionary(uniqueKeysWithValues: first.files.map { ($0.path, $0.bytes) })
        let rendered = second.files.filter { $0.path.hasSuffix(".html") && $0.path != "index.html" && $0.path != "404.html" }
            .filter { Self.identity($0.bytes) != before[$0.path].flatMap(Self.identity) }.map(\.path).sorted()
        let changed = second.files.filter { $0.path.hasSuffix(".html") && before[$0.path] != $0.bytes }.map(\.path).sorted()
        #expect(rendered == changed, "pages rendered again are the pages that changed")
        // The page itself, its section's pages (navigation), its neighbours (previous/next: the
        // last top-level doc leads into the guides), the listings; not the other top-level docs.
        #expect(changed.contains("docs/guides/streaming-responses.html") && changed.contains("docs/guides/index.html"))
        #expect(!changed.contains("docs/authentication.html") && !changed.contains("docs/rate-limits.html"), "\(changed)")
        Self.expectSameAsFreshBuild(served)
    }
}
