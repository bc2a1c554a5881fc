import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, item 1: a symbolic link never leads a build out of `Content/` (or `Themes/`), and a
/// loop of links ends the build with an error instead of a hang. The forge binary, as a user runs it.
@Suite(.serialized) struct SymlinkEndToEndTests {
    static let leaves = "leads out of Content/: Forge never follows a link out of it (copy the file in instead)"

    /// The reproductions of the issue: each one published a file from outside with exit 0.
    @Test(arguments: [
        ("Content/docs/img/env.txt", "/proc/self/environ"),
        ("Content/docs/img/shadow.txt", "/etc/shadow"),
        ("Content/docs/passwd.md", "/etc/passwd"),
        ("Content/docs/apt", "/etc/apt"),
        ("Content/docs/guides/up.md", "../../../outside.md"),
    ])
    func aLinkOutOfContentFailsTheBuildNamingTheLink(_ link: String, _ destination: String) throws {
        let site = try BuiltSite()
        try site.folder.write(["outside.md": "# Outside\n\nnot for publishing\n"])
        try site.link(link, to: destination)
        let outcome = try site.build(environment: ["FORGE_TEST_TOKEN": "ghp_do_not_publish_me"])
        site.expectRefused(outcome, ["\(link): error: the symbolic link to \"\(destination)\" \(SymlinkEndToEndTests.leaves)"])
        #expect(!outcome.stderr.contains("ghp_do_not_publish_me"))
        #expect(!outcome.stderr.contains("root:"), "nothing of the target is read, so nothing of it is echoed")
    }

    @Test(arguments: [
        "Content/site.yaml",
        "Content/data/plans.yaml",
        "Content/data/keys.yaml",
        "Content/data/usage.yaml",
        "Content/data/usage/2026-10.csv",
    ])
    func aDataFileLinkedFromOutsideIsNeverRead(_ file: String) throws {
        let site = try BuiltSite()
        // A copy of the real file outside Content/, with a line that must never reach the terminal.
        var text = try site.folder.read(file)
        text = file.hasSuffix(".csv") ? text + "2026-11-01,LEAKED-MARKER,,1,,1.00\n" : "# LEAKED-MARKER\n" + text
        try site.folder.write(["elsewhere/" + (file as NSString).lastPathComponent: text])
        let depth = file.split(separator: "/").count - 1
        let destination = String(repeating: "../", count: depth) + "elsewhere/" + (file as NSString).lastPathComponent
        try site.link(file, to: destination)
        let outcome = try site.build()
        site.expectRefused(outcome, ["\(file): error: the symbolic link to \"\(destination)\" \(SymlinkEndToEndTests.leaves)"])
        #expect(!outcome.stderr.contains("LEAKED-MARKER"))
    }

    @Test func aLinkedDataFolderFromOutsideIsRefused() throws {
        let site = try BuiltSite()
        try FileManager.default.moveItem(atPath: site.path("Content/data"), toPath: site.path("exports"))
        try site.link("Content/data", to: "../exports")
        site.expectRefused(try site.build(), ["Content/data: error: the symbolic link to \"../exports\" \(SymlinkEndToEndTests.leaves)"])
    }

    @Test func twoLoopsEndQuicklyWithAnErrorForEach() throws {
        let site = try BuiltSite()
        try site.link("Content/docs/a", to: ".")
        try site.link("Content/docs/b", to: ".")
        try site.link("Content/docs/guides/up", to: "..")
        let outcome = try site.build(timeout: 30)
        site.expectRefused(outcome, [
            "Content/docs/a: error: the symbolic link to \".\" leads back to Content/docs, which contains it: following it would never end (remove the link)",
            "Content/docs/b: error: the symbolic link to \".\" leads back to Content/docs, which contains it",
            "Content/docs/guides/up: error: the symbolic link to \"..\" leads back to Content/docs, which contains it",
        ])
    }

    @Test func oneLoopPublishesNothingNested() throws {
        let site = try BuiltSite()
        try site.link("Content/docs/a", to: ".")
        let outcome = try site.build(timeout: 30)
        site.expectRefused(outcome, ["Content/docs/a: error: the symbolic link to \".\" leads back to Content/docs"])
        #expect(!outcome.stderr.contains("docs/a/a"))
    }

    @Test func linksBetweenSiblingFoldersAreNotFollowedTwice() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/x/one.md": "# One\n", "Content/docs/y/two.md": "# Two\n"])
        try site.link("Content/docs/x/to-y", to: "../y")
        try site.link("Content/docs/y/to-x", to: "../x")
        let outcome = try site.build(timeout: 30)
        site.expectRefused(outcome, [
            "Content/docs/x/to-y: error: the symbolic link to \"../y\" leads to Content/docs/y, which is already read: Forge reads each folder once (remove the link, or link the files instead)",
            "Content/docs/y/to-x: error: the symbolic link to \"../x\" leads to Content/docs/x, which is already read",
        ])
    }

    /// A link that stays inside Content/ is followed, once: a file published under the link's
    /// name, a folder from elsewhere in Content/ published where the link is.
    @Test func linksInsideContentAreFollowedOnce() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/shared/extra.md": "# Shared extra\n\nFrom a shared folder.\n"])
        try site.link("Content/docs/shared", to: "../shared")
        try site.link("Content/docs/start.md", to: "getting-started.md")
        try site.link("Content/docs/guides/picture.svg", to: "../img/key-format.svg")
        let outcome = try site.build()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let output = site.folder.snapshot("Output")
        #expect(output["docs/shared/extra.html"].map { String(decoding: $0, as: UTF8.self).contains("From a shared folder.") } == true)
        #expect(output["docs/start.html"] != nil)
        #expect(output["docs/guides/picture.svg"] == output["docs/img/key-format.svg"])
        #expect(output["docs/getting-started.html"] != nil)
    }

    @Test func aDanglingLinkIsAnError() throws {
        let site = try BuiltSite()
        try site.link("Content/docs/gone.md", to: "nowhere.md")
        site.expectRefused(try site.build(), ["Content/docs/gone.md: error: the symbolic link to \"nowhere.md\" leads nowhere: its target does not exist"])
    }

    /// Decision: the folders the user names (`--content`, `--themes`, or the default `Content`
    /// and `Themes`) may themselves be links; they are resolved once and bound everything below.
    @Test func theContentFolderItselfMayBeALink() throws {
        let site = try BuiltSite()
        try site.link("Site", to: "Content")
        try site.link("Looks", to: "Themes")
        let outcome = try site.build(["--content", "Site", "--themes", "Looks", "--output", "Other"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(site.folder.snapshot("Other")["docs/getting-started.html"] != nil)
    }

    @Test func aThemeFileLinkedFromOutsideIsRefused() throws {
        let site = try BuiltSite()
        try site.link("Themes/default/assets/css/leak.css", to: "/etc/passwd")
        let outcome = try site.build()
        site.expectRefused(outcome, ["Themes/default/assets/css/leak.css: error: the symbolic link to \"/etc/passwd\" leads out of Themes/: Forge never follows a link out of it (copy the file in instead)"])
        #expect(!outcome.stderr.contains("root:"))
    }

    @Test func aThemeFolderLinkedFromOutsideIsRefused() throws {
        let site = try BuiltSite()
        try FileManager.default.copyItem(atPath: site.path("Themes/default"), toPath: site.path("elsewhere"))
        try site.link("Themes/midnight", to: "../elsewhere")
        let outcome = try site.build(["--theme", "midnight"])
        site.expectRefused(outcome, ["Themes/midnight: error: the symbolic link to \"../elsewhere\" leads out of Themes/"])
    }

    /// A FIFO would block the read forever: among the docs and among the data files, it is an
    /// error (the data files are checked before any is read, so that build stops there).
    @Test(arguments: ["Content/docs/pipe.md", "Content/data/usage/pipe.csv", "Content/site.yaml"])
    func aFIFOIsNotReadAndDoesNotHangTheBuild(_ path: String) throws {
        let site = try BuiltSite()
        try? FileManager.default.removeItem(atPath: site.path(path))
        #expect(mkfifo(site.path(path), 0o644) == 0)
        let outcome = try site.build(timeout: 30)
        site.expectRefused(outcome, ["\(path): error: is a named pipe (FIFO), not a file or folder: it is not read or published"])
    }
}

/// The walker itself: what it lists, what it refuses, and that it ends.
@Suite struct FileTreeTests {
    @Test func listsRegularFilesSortedAndSkipsDotEntries() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["b.md": "", "a/z.md": "", "a/b.png": "", ".git/HEAD": "", ".x.md": ""])
        let listing = FileTree.walk(folder.url, display: "Root", within: folder.url, boundaryDisplay: "Root")
        #expect(listing.files.map(\.path) == ["a/b.png", "a/z.md", "b.md"])
        #expect(listing.problems.isEmpty)
    }

    @Test func aMissingFolderHasNoFilesAndNoProblems() {
        let listing = FileTree.walk(URL(fileURLWithPath: "/nonexistent/forge"), display: "X/forge", within: URL(fileURLWithPath: "/nonexistent"), boundaryDisplay: "X")
        #expect(listing.files.isEmpty && listing.problems.isEmpty)
    }

    @Test func refusesLinksOutAndFollowsLinksInOnce() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["root/docs/a.md": "", "root/other/b.md": "", "outside.md": ""])
        let docs = folder.url.appendingPathComponent("root/docs")
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("out.md").path, withDestinationPath: "../../outside.md")
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("other").path, withDestinationPath: "../other")
        try FileManager.default.createSymbolicLink(atPath: docs.appendingPathComponent("self").path, withDestinationPath: ".")
        let listing = FileTree.walk(docs, display: "Content/docs", within: folder.url.appendingPathComponent("root"), boundaryDisplay: "Content")
        #expect(listing.files.map(\.path) == ["a.md", "other/b.md"])
        #expect(listing.files.last?.url.path.hasSuffix("/root/other/b.md") == true, "read at its real place")
        #expect(listing.problems.map(\.displayPath) == ["Content/docs/out.md", "Content/docs/self"])
        #expect(listing.problems.map(\.reason) == [
            .linkLeavesRoot(target: "../../outside.md", root: "Content"),
            .linkLoop(target: ".", folder: "Content/docs"),
        ])
    }

    /// Links from every folder to every other: each folder is read once, so the walk lists
    /// each file once and names every link. (Followed by path instead, 6 folders give some
    /// 2,000 paths, and 10 give millions: the walk would not end.)
    @Test func aWebOfLinksEnds() throws {
        let folder = try TemporaryDirectory()
        for index in 0..<6 { try folder.write(["d\(index)/page.md": ""]) }
        for from in 0..<6 {
            for to in 0..<6 where to != from {
                try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("d\(from)/l\(to)").path, withDestinationPath: "../d\(to)")
            }
        }
        let listing = FileTree.walk(folder.url, display: "Root", within: folder.url, boundaryDisplay: "Root")
        #expect(listing.files.map(\.path) == (0..<6).map { "d\($0)/page.md" })
        #expect(listing.problems.count == 30)
        #expect(listing.problems.first.map { "\($0.displayPath): \(ContentError($0.reason, at: SourceLocation(path: "")).message)" }
                == "Root/d0/l1: the symbolic link to \"../d1\" leads to Root/d1, which is already read: Forge reads each folder once (remove the link, or link the files instead)")
    }

    @Test func regularFilesNeverFollowALinkOut() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["in/a.md": ""])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("in/env").path, withDestinationPath: "/proc/self/environ")
        #expect(FileTree.regularFiles(under: folder.url.appendingPathComponent("in")).map(\.path) == ["a.md"])
    }
}
