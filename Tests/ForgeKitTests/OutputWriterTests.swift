import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, items 6 and 7: the output folder's edge cases — a symbolic link as `--output`,
/// staging folders left by a killed build, and a marked output folder that holds the sources.
@Suite(.serialized) struct OutputWriterEndToEndTests {
    /// Decision: write through the link. The new site is staged beside the link's target and
    /// swapped in there; the link stays a link and now shows the new site.
    @Test func anOutputLinkIsWrittenThrough() throws {
        let site = try BuiltSite()
        try FileManager.default.createDirectory(atPath: site.path("www"), withIntermediateDirectories: true)
        try site.link("Published", to: "www/site")
        let first = try site.build(["--output", "Published"])
        #expect(first.status == 0, "\(first.stderr)")
        try site.folder.write(["Content/docs/new-page.md": "# New page\n"])
        let second = try site.build(["--output", "Published"])
        #expect(second.status == 0, "\(second.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: site.path("Published"))
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the link is kept")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.path("Published")) == "www/site")
        #expect(site.folder.snapshot("www/site")["docs/new-page.html"] != nil, "the target holds the new site")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path("www")).filter { $0 != "site" }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url.path).allSatisfy { !$0.contains("forge-new") && !$0.contains("forge-old") })
    }

    @Test func anOutputLinkIntoTheSourcesIsRefused() throws {
        let site = try BuiltSite()
        try site.link("Sneaky", to: "Content/docs")
        let before = site.folder.snapshot("Content")
        let outcome = try site.build(["--output", "Sneaky"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Sneaky: error: refusing to write the site here: it overlaps the source folder Content/"), "\(outcome.stderr)")
        #expect(site.folder.snapshot("Content") == before)
    }

    /// A build killed while writing leaves `.Output.forge-new-<pid>-<n>`: the next build removes
    /// it when that pid is gone, and leaves the folders of a build that is still running.
    @Test func staleStagingFoldersOfDeadBuildsAreReclaimed() throws {
        let site = try BuiltSite()
        let dead = try Self.deadPID()
        let stale = [".Output.forge-new-\(dead)-12345", ".Output.forge-old-\(dead)-67890"]
        for name in stale { try site.folder.write(["\(name)/index.html": "half a site"]) }
        let live = ".Output.forge-new-\(getpid())-1"
        let foreign = [".Output.forge-new-notapid", ".Other.forge-new-\(dead)-1", "Output.forge-new-\(dead)-1"]
        for name in [live] + foreign { try site.folder.write(["\(name)/x": "keep"]) }
        let outcome = try site.build()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: site.url.path))
        for name in stale { #expect(!entries.contains(name), "\(name) should be reclaimed") }
        for name in [live] + foreign { #expect(entries.contains(name), "\(name) is not a dead build's: kept") }
    }

    /// A build killed between its two renames leaves no Output/ and the previous site in
    /// `.Output.forge-old-*`: the next build puts it back before anything else, so a failing
    /// build still leaves the previous site in place.
    @Test func aKillBetweenTheRenamesLosesNothing() throws {
        let site = try BuiltSite()
        let dead = try Self.deadPID()
        try FileManager.default.moveItem(atPath: site.path("Output"), toPath: site.path(".Output.forge-old-\(dead)-1"))
        try site.folder.write(["Content/site.yaml": "title: [broken\n"])
        let outcome = try site.build()
        site.expectRefused(outcome, ["Content/site.yaml:2:1: error:"])
        #expect(!FileManager.default.fileExists(atPath: site.path(".Output.forge-old-\(dead)-1")))
    }

    /// A real kill, at whatever moment the build has reached: the output is the old one or the
    /// new one, never a mix, and the next build leaves no staging folder behind.
    @Test func aKilledBuildLeavesTheOldSiteAndTheNextBuildCleansUp() throws {
        let site = try BuiltSite()
        for index in 0..<600 { try site.folder.write(["Content/docs/bulk/page-\(index).md": "# Page \(index)\n\n" + String(repeating: "Some text. ", count: 300) + "\n"]) }
        let process = Process()
        process.executableURL = ForgeProcess.binary
        process.arguments = ["build", "--quiet"]
        process.currentDirectoryURL = site.url
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var sawStaging = false
        while process.isRunning, Date() < deadline {
            if (try? FileManager.default.contentsOfDirectory(atPath: site.url.path))?.contains(where: { $0.hasPrefix(".Output.forge-new-") }) == true {
                sawStaging = true
                break
            }
            usleep(200)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let output = site.folder.snapshot("Output")
        #expect(output == site.before || output["docs/bulk/page-599.html"] != nil, "the old site or the whole new one")
        if sawStaging { #expect(output == site.before, "killed while staging: the old site stays") }
        let next = try site.build()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.url.path).allSatisfy { !$0.contains(".forge-") }, "no staging folder is left")
    }

    /// The mutant that passed every test: a folder carrying Forge's marker was accepted as the
    /// output even though it holds Content/ and Themes/, and the swap deleted them.
    @Test func aMarkedFolderThatHoldsTheSourcesIsRefused() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write([OutputWriter.markerName: "Made by Forge.\n"])
        let before = site.snapshot()
        // From the folder above, so that neither "the current folder" nor "contains the current
        // folder" is what refuses: only the sources inside the output can.
        let outcome = try ForgeProcess.run(["build", "--content", site.url.path + "/Content", "--themes", site.url.path + "/Themes",
                                            "--output", site.url.lastPathComponent],
                                           in: site.url.deletingLastPathComponent())
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("\(site.url.lastPathComponent): error: refusing to write the site here: it overlaps the source folder Content/"), "\(outcome.stderr)")
        let nested = try ForgeProcess.run(["build", "--output", site.url.path], in: site.url.appendingPathComponent("Content"))
        #expect(nested.status != 0)
        #expect(site.snapshot() == before, "Content/ and Themes/ are untouched")
    }

    /// A pid that belonged to a process that has exited.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

@Suite struct OutputWriterTests {
    /// The refusal itself, without the CLI: the output folder holds Content/, or Themes/, and
    /// carries Forge's marker (the mutant checked only the marker).
    @Test(arguments: ["Content", "Themes"])
    func refusesAFolderThatContainsASourceFolderEvenWithTheMarker(_ source: String) throws {
        let folder = try TemporaryDirectory()
        try folder.write(["out/\(OutputWriter.markerName)": "x", "out/\(source)/site.yaml": "title: X\n"])
        let writer = OutputWriter(target: folder.url.appendingPathComponent("out"), displayPath: "out")
        #expect(throws: OutputError(.refused("it overlaps the source folder \(source)/"), path: "out")) {
            try writer.checkTarget(protected: [folder.url.appendingPathComponent("out/\(source)")],
                                   workingDirectory: folder.url, home: nil)
        }
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out/\(source)/site.yaml").path))
    }

    @Test func parsesOnlyItsOwnStagingNames() {
        #expect(OutputWriter.stagingOwner(of: ".Output.forge-new-123-456", output: "Output") == 123)
        #expect(OutputWriter.stagingOwner(of: ".Output.forge-old-7-0", output: "Output") == 7)
        #expect(OutputWriter.stagingOwner(of: ".Output.forge-new-123", output: "Output") == nil)
        #expect(OutputWriter.stagingOwner(of: ".Output.forge-new-12a-4", output: "Output") == nil)
        #expect(OutputWriter.stagingOwner(of: ".Site.forge-new-1-2", output: "Output") == nil)
        #expect(OutputWriter.stagingOwner(of: ".Output.forge-new--1-2", output: "Output") == nil)
    }
}

extension OutputError: Equatable {
    public static func == (a: OutputError, b: OutputError) -> Bool { a.path == b.path && a.reason == b.reason }
}
