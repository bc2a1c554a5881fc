import ForgeEmbedded
import Foundation
import Testing
@testable import ForgeKit

@Suite struct ScaffoldTests {
    let files: [EmbeddedFile] = ForgeEmbedded.starterSite

    @Test func writesTheStarterWithTheActionFilledIn() throws {
        let folder = try TemporaryDirectory()
        let target = folder.url.appendingPathComponent("a/b/console")
        let written = try SiteScaffold(action: "acme/forge@v2.0.0").write(to: target, display: "console")
        #expect(written == files.map(\.path))
        let workflow = try String(contentsOf: target.appendingPathComponent(".github/workflows/pages.yml"), encoding: .utf8)
        #expect(workflow.contains("      - uses: acme/forge@v2.0.0\n"))
        let readme = try String(contentsOf: target.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("https://github.com/acme/forge") && !readme.contains("__FORGE"))
    }

    @Test func refusesWhatIsInTheWayAndLeavesNothingBehind() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["file": "x", "full/keep": "mine"])
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: folder.url.appendingPathComponent("elsewhere").path)
        let scaffold = SiteScaffold(action: "acme/forge@v1")
        for (name, reason) in [("file", ScaffoldError.Reason.notAFolder), ("full", .notEmpty(entries: ["keep"])), ("link", .symbolicLink)] {
            #expect {
                try scaffold.write(to: folder.url.appendingPathComponent(name), display: name)
            } throws: { error in
                (error as? ScaffoldError)?.reason == reason
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["file", "full", "link"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("elsewhere").path))
    }

    @Test func neverWritesOutsideTheFolder() throws {
        let folder = try TemporaryDirectory()
        let evil = [EmbeddedFile(path: "../escaped", bytes: [1])]
        #expect(throws: ScaffoldError.self) { try SiteScaffold(action: "a/b@c", files: evil).write(to: folder.url.appendingPathComponent("site"), display: "site") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [("acme/forge@v1", true), ("acme/forge/sub@main", true), ("acme@v1", false), ("acme/forge", false),
                      ("acme/forge@v1\nrun: x", false), ("acme/forge@v1 # x", false), ("../x/y@z", false)])
    func actionsAreCheckedBeforeTheyReachYAML(_ action: String, _ valid: Bool) {
        #expect(SiteScaffold.isValidAction(action) == valid)
    }

    /// The starter site is small, and builds without a warning even with --strict.
    @Test func theStarterSiteBuildsStrictly() throws {
        let folder = try TemporaryDirectory()
        _ = try SiteScaffold(action: "a/b@c").write(to: folder.url.appendingPathComponent("site"), display: "site")
        let options = BuildOptions(content: folder.url.appendingPathComponent("site/Content").path, themes: folder.url.appendingPathComponent("site/Themes").path,
                                   output: folder.url.appendingPathComponent("site/Output").path, strict: true, workingDirectory: folder.url)
        let result = try SiteBuilder(options: options).build()
        #expect(result.diagnostics.items.isEmpty)
        #expect(result.pageCount == 7)
        #expect(files.reduce(0) { $0 + $1.bytes.count } < 40_000, "a starter, not a demo corpus")
    }
}
