import Foundation
import Testing
@testable import ForgeKit

/// The inotify watcher: what it reports, that a burst is one batch, that new folders are
/// watched, and that `stop` ends a wait.
@Suite(.serialized) struct FileWatcherTests {
    static let quiet = Duration.milliseconds(30)
    static let patience = Duration.seconds(2)

    /// The next batch, or nil when none comes within 10 s (the watcher is then stopped, so a
    /// broken watcher fails the test instead of hanging it).
    static func next(_ watcher: FileWatcher) -> FileWatcher.Batch? {
        let timeout = DispatchWorkItem { watcher.stop() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: timeout)
        defer { timeout.cancel() }
        return watcher.next(quiet: quiet, patience: patience)
    }

    @Test func aBurstOfSavesIsOneBatchNamingTheFiles() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["docs/a.md": "a", "docs/.a.md.swp": "x"])
        let watcher = try FileWatcher(roots: [folder.url.appendingPathComponent("docs")])
        for number in 0..<20 { try folder.write(["docs/a.md": "save \(number)"]) }
        try folder.write(["docs/.a.md.swp": "y"])
        let batch = try #require(Self.next(watcher))
        #expect(batch.paths == [folder.url.appendingPathComponent("docs/a.md").standardizedFileURL.path])
        #expect(!batch.everything)
        #expect(!watcher.hasChanges(), "nothing after the burst")
        watcher.stop()
    }

    @Test func aFolderCreatedLaterIsWatchedAndItsFilesReported() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["docs/a.md": "a"])
        let root = folder.url.appendingPathComponent("docs").standardizedFileURL.path
        let watcher = try FileWatcher(roots: [URL(fileURLWithPath: root)])
        try folder.write(["docs/new/deeper/b.md": "b"])
        let first = try #require(Self.next(watcher))
        #expect(first.paths.contains(root + "/new/deeper/b.md"), "\(first.paths)")
        // The new folders are watched: a later save in them is seen.
        try folder.write(["docs/new/deeper/b.md": "b2"])
        let second = try #require(Self.next(watcher))
        #expect(second.paths == [root + "/new/deeper/b.md"])
        watcher.stop()
    }

    @Test func aRootThatAppearsLaterIsWatched() throws {
        let folder = try TemporaryDirectory()
        let root = folder.url.appendingPathComponent("Themes").standardizedFileURL.path
        let watcher = try FileWatcher(roots: [URL(fileURLWithPath: root)])
        try folder.write(["Themes/mine/layouts/doc.mustache": "x"])
        let batch = try #require(Self.next(watcher))
        #expect(batch.everything)
        try folder.write(["Themes/mine/layouts/doc.mustache": "y"])
        let next = try #require(Self.next(watcher))
        #expect(next.paths.contains(root + "/mine/layouts/doc.mustache"), "\(next.paths)")
        watcher.stop()
    }

    @Test func stopEndsAWait() throws {
        let folder = try TemporaryDirectory()
        let watcher = try FileWatcher(roots: [folder.url])
        let stopper = Thread { watcher.stop() }
        let started = ContinuousClock.now
        stopper.start()
        #expect(watcher.next(quiet: Self.quiet, patience: Self.patience) == nil)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
