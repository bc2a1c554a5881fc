import Foundation
import Testing
@testable import ForgeKit

/// `OutputWriter` directly: which folders it refuses, what a rebuild keeps, and the byte
/// comparison that decides whether a file is linked from the previous build or written anew.
extension OutputWriterTests {
    static func writer(_ folder: TemporaryDirectory, _ name: String = "Output") -> OutputWriter {
        OutputWriter(target: folder.url.appendingPathComponent(name), displayPath: name)
    }

    static func refusal(_ writer: OutputWriter, cwd: URL, home: URL? = nil, protected: [URL] = []) -> OutputError? {
        do {
            try writer.checkTarget(protected: protected, workingDirectory: cwd, home: home)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesTheRootTheCurrentFolderTheHomeFolderAndTheirParents() throws {
        let folder = try TemporaryDirectory()
        try folder.makeFolder("home/me/project")
        let project = folder.url.appendingPathComponent("home/me/project")
        let home = folder.url.appendingPathComponent("home/me")
        let root = OutputWriter(target: URL(fileURLWithPath: "/"), displayPath: "/")
        #expect(Self.refusal(root, cwd: project)?.reason == .refused("it is the file system root"))
        let cwd = OutputWriter(target: project, displayPath: ".")
        #expect(Self.refusal(cwd, cwd: project)?.reason == .refused("it is the current folder"))
        let homeWriter = OutputWriter(target: home, displayPath: "~")
        #expect(Self.refusal(homeWriter, cwd: folder.url, home: home)?.reason == .refused("it is the home folder"))
        let parent = OutputWriter(target: folder.url.appendingPathComponent("home"), displayPath: "..")
        #expect(Self.refusal(parent, cwd: project)?.reason == .refused("it contains the current folder"))
        // A sibling whose name starts like the current folder's is not its parent.
        let sibling = OutputWriter(target: folder.url.appendingPathComponent("home/me/proj"), displayPath: "proj")
        #expect(Self.refusal(sibling, cwd: project) == nil)
    }

    @Test func refusesAFileAndAFolderOfSomeoneElsesFiles() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["file": "x", "theirs/notes.txt": "mine", "ours/\(OutputWriter.markerName)": "x", "ours/old.html": "",
                          "hosting/CNAME": "example.com", "hosting/.git/HEAD": "ref"])
        #expect(Self.refusal(Self.writer(folder, "file"), cwd: folder.url)?.reason == .refused("it is a file, not a folder"))
        #expect(Self.refusal(Self.writer(folder, "theirs"), cwd: folder.url)?.reason == .notEmpty)
        #expect(Self.refusal(Self.writer(folder, "ours"), cwd: folder.url) == nil)
        #expect(Self.refusal(Self.writer(folder, "hosting"), cwd: folder.url) == nil, "CNAME and dot-files are the user's hosting files")
        #expect(Self.refusal(Self.writer(folder, "new"), cwd: folder.url) == nil)
    }

    @Test func anOutputBesideASourceFolderWithALongerNameIsNotInsideIt() throws {
        let folder = try TemporaryDirectory()
        try folder.makeFolder("Content")
        let content = folder.url.appendingPathComponent("Content")
        #expect(Self.refusal(Self.writer(folder, "Content2"), cwd: folder.url, protected: [content]) == nil)
        #expect(Self.refusal(Self.writer(folder, "Content/out"), cwd: folder.url, protected: [content])?.reason
                == .refused("it overlaps the source folder Content/"))
        #expect(!OutputWriter.contains(content, folder.url.appendingPathComponent("Content2/x")))
        #expect(OutputWriter.contains(content, folder.url.appendingPathComponent("Content/x")))
        #expect(!OutputWriter.contains(content, content), "a folder is not its own ancestor")
    }

    /// A rebuild links unchanged files from the previous build: a file of the same size but
    /// other bytes must be written anew, not linked.
    @Test func aChangedFileOfTheSameSizeIsWrittenAnew() throws {
        let folder = try TemporaryDirectory()
        let writer = Self.writer(folder)
        try writer.write([OutputFile(path: "a.txt", text: "abc"), OutputFile(path: "docs/b.txt", text: "same")])
        try writer.write([OutputFile(path: "a.txt", text: "xyz"), OutputFile(path: "docs/b.txt", text: "same")])
        #expect(try folder.read("Output/a.txt") == "xyz")
        #expect(try folder.read("Output/docs/b.txt") == "same")
    }

    @Test func hasSameBytesComparesEveryByteOfARegularFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["f": "abc"])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "f")
        #expect(OutputWriter.hasSameBytes(folder.path + "/f", Array("abc".utf8)))
        #expect(!OutputWriter.hasSameBytes(folder.path + "/f", Array("abd".utf8)))
        #expect(!OutputWriter.hasSameBytes(folder.path + "/f", Array("ab".utf8)))
        #expect(!OutputWriter.hasSameBytes(folder.path + "/link", Array("abc".utf8)), "a link is not a file the build wrote")
        #expect(!OutputWriter.hasSameBytes(folder.path + "/missing", []))
    }

    /// What the user put there for hosting stays; what the previous build made and this one does
    /// not goes.
    @Test func aRebuildKeepsCNAMEAndDotFilesAndDropsFilesNoLongerBuilt() throws {
        let folder = try TemporaryDirectory()
        let writer = Self.writer(folder)
        try writer.write([OutputFile(path: "index.html", text: "1"), OutputFile(path: "old.html", text: "old")])
        try folder.write(["Output/CNAME": "docs.example.com\n", "Output/.git/HEAD": "ref: refs/heads/gh-pages\n"])
        try writer.write([OutputFile(path: "index.html", text: "2")])
        let files = folder.snapshot("Output")
        #expect(files["index.html"] == Data("2".utf8))
        #expect(files["old.html"] == nil)
        #expect(files["CNAME"] == Data("docs.example.com\n".utf8))
        #expect(files[".git/HEAD"] == Data("ref: refs/heads/gh-pages\n".utf8))
        #expect(files[OutputWriter.markerName] != nil)
        // A CNAME the build makes itself wins over the kept one.
        try writer.write([OutputFile(path: "CNAME", text: "new.example.com\n")])
        #expect(try folder.read("Output/CNAME") == "new.example.com\n")
    }
}

extension OutputWriterTests {
    /// When the new site cannot be renamed into place, the previous one is renamed back: the
    /// output folder is never left missing.
    @Test func aFailedSwapPutsThePreviousOutputBack() {
        var calls: [String] = []
        let why = OutputWriter.swap("new", into: "Output", retiring: "old") { from, to in
            calls.append("\(from)→\(to)")
            if from == "new" {
                errno = ENOSPC
                return -1
            }
            return 0
        }
        #expect(why != nil)
        #expect(calls == ["Output→old", "new→Output", "old→Output"])
    }

    @Test func aSwapRetiresThePreviousOutputFirstAndStopsWhenThatFails() {
        var calls: [String] = []
        #expect(OutputWriter.swap("new", into: "Output", retiring: "old") { from, to in calls.append("\(from)→\(to)"); return 0 } == nil)
        #expect(calls == ["Output→old", "new→Output"])
        calls = []
        #expect(OutputWriter.swap("new", into: "Output", retiring: nil) { from, to in calls.append("\(from)→\(to)"); return 0 } == nil)
        #expect(calls == ["new→Output"], "a first build has nothing to retire")
        calls = []
        let why = OutputWriter.swap("new", into: "Output", retiring: "old") { from, to in
            calls.append("\(from)→\(to)")
            errno = EACCES
            return -1
        }
        #expect(why != nil && calls == ["Output→old"], "the new site is not put in place over an output that could not be retired")
    }
}
