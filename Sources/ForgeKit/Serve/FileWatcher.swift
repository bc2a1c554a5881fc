import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (recursively, new subfolders included) with inotify and hands out changes
/// in batches: a batch is ready once `quiet` has passed without an event (a burst of saves is
/// one batch) and no file written to is still open for writing (a save in progress is not
/// read half-written), or `patience` after its first event (a never-ending stream of writes,
/// or a file kept open, still gets built). Nothing polls: the thread sleeps in `poll(2)` until
/// the kernel has an event or `stop` is called.
///
/// Events name files that were written, created, deleted or moved. Hidden names (`.file.swp`,
/// `.git/`) are left out: the build skips them too.
///
/// A save in place (truncate, then write) can still be read half-done: the kernel queues the
/// truncation's event after the truncation, and a writer preempted in between (seen on a
/// loaded machine) leaves an empty file and no event for a while. `hasChanges` lets the server
/// hold back a build that ran while files changed; the save's own events always bring the next
/// build. Saves by rename (most editors) are never seen half-done.
final class FileWatcher: Sendable {
    struct Batch: Sendable, Equatable {
        /// Absolute paths of the files and folders that changed.
        var paths: Set<String> = []
        /// Events were lost (the kernel's queue overflowed, or a watched root itself went
        /// away): compare everything, not only `paths`.
        var everything = false

        var isEmpty: Bool { paths.isEmpty && !everything }
    }

    // <sys/inotify.h>
    private static let modify: UInt32 = 0x0000_0002, closeWrite: UInt32 = 0x0000_0008, movedFrom: UInt32 = 0x0000_0040,
        movedTo: UInt32 = 0x0000_0080
    private static let create: UInt32 = 0x0000_0100, delete: UInt32 = 0x0000_0200, deleteSelf: UInt32 = 0x0000_0400
    private static let moveSelf: UInt32 = 0x0000_0800, overflow: UInt32 = 0x0000_4000, ignored: UInt32 = 0x0000_8000
    private static let onlyDirectory: UInt32 = 0x0100_0000, excludeUnlinked: UInt32 = 0x0400_0000, isDirectory: UInt32 = 0x4000_0000
    private static let mask = modify | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf
        | onlyDirectory | excludeUnlinked

    private let inotify: Int32
    /// Written by `stop` to wake `next`.
    private let wakeRead: Int32, wakeWrite: Int32
    private let roots: [String]
    /// Watch descriptor → watched folder; a root that does not exist yet is waited for in its
    /// parent (`pendingRoots`: parent → roots).
    private let folders = Mutex<[Int32: String]>([:])
    private let pendingRoots = Mutex<[String: [String]]>([:])
    private let stopped = Mutex(false)

    init(roots: [URL]) throws(ServeError) {
        let fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { throw ServeError(.cannotWatch(HTTPServer.errorText()), port: 0) }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            throw ServeError(.cannotWatch(HTTPServer.errorText()), port: 0)
        }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        inotify = fd
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        self.roots = roots.map { $0.standardizedFileURL.path }
        for root in self.roots {
            if FileWatcher.isFolder(root) {
                try watchTree(root)
            } else {
                try waitForRoot(root)
            }
        }
    }

    deinit {
        close(inotify)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Wakes `next` for good: it returns nil from now on.
    func stop() {
        stopped.withLock { $0 = true }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Changes read but not handed out yet: what `changesSince` found goes into the next batch.
    private struct Pending {
        var batch = Batch()
        /// Files modified and not closed since.
        var writing: Set<String> = []
        var first: ContinuousClock.Instant?
        var last = ContinuousClock.now
    }

    private let pending = Mutex(Pending())

    /// The next batch of changes; nil once stopped.
    func next(quiet: Duration, patience: Duration) -> Batch? {
        var state = pending.withLock { pending in
            defer { pending = Pending() }
            return pending
        }
        while !stopped.withLock({ $0 }) {
            var timeout: Int32 = -1
            if let first = state.first {
                let due = state.writing.isEmpty ? min(state.last + quiet, first + patience) : first + patience
                let left = due - ContinuousClock.now
                if left <= .zero { return state.batch }
                timeout = Int32(max(1, (left.components.seconds * 1000) + Int64(left.components.attoseconds / 1_000_000_000_000_000)))
            }
            var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0, errno != EINTR { return nil }
            if fds[1].revents != 0 { return nil }
            if fds[0].revents != 0, read(into: &state.batch, writing: &state.writing) {
                state.last = .now
                if state.first == nil { state.first = state.last }
            }
        }
        return nil
    }

    /// Whether anything changed since the last batch was handed out (read now, without
    /// waiting, and kept for the next batch): a build that ran meanwhile may have read a file
    /// in the middle of a save.
    func hasChanges() -> Bool {
        pending.withLock { state in
            var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 0) > 0, read(into: &state.batch, writing: &state.writing) {
                state.last = .now
                if state.first == nil { state.first = state.last }
            }
            return !state.batch.isEmpty
        }
    }

    /// Drains the inotify queue into `batch`, and `writing` (files modified and not closed
    /// since); true when anything relevant happened.
    private func read(into batch: inout Batch, writing: inout Set<String>) -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(inotify, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return relevant }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then len bytes of name.
            let header = 16
            while offset + header <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if let path = handle(wd: wd, mask: mask, name: name, batch: &batch) {
                    relevant = true
                    if mask & FileWatcher.modify != 0 { writing.insert(path) }
                    if mask & (FileWatcher.closeWrite | FileWatcher.delete | FileWatcher.movedFrom) != 0 { writing.remove(path) }
                }
            }
        }
    }

    /// Adds what one event means to `batch`; the path it names when it is relevant.
    private func handle(wd: Int32, mask: UInt32, name: String, batch: inout Batch) -> String? {
        if mask & FileWatcher.overflow != 0 {
            batch.everything = true
            for root in roots where FileWatcher.isFolder(root) { _ = try? watchTree(root) }
            return ""
        }
        guard let folder = folders.withLock({ $0[wd] }) else { return nil }
        if mask & FileWatcher.ignored != 0 {
            _ = folders.withLock { $0.removeValue(forKey: wd) }
            return nil
        }
        if mask & (FileWatcher.deleteSelf | FileWatcher.moveSelf) != 0 {
            // A root itself went away (or a folder inside one, which its parent also reports).
            guard roots.contains(folder) else { return nil }
            batch.everything = true
            try? waitForRoot(folder)
            return folder
        }
        guard !name.isEmpty else { return nil }
        let path = folder + "/" + name
        if let waiting = pendingRoots.withLock({ $0[folder] }), waiting.contains(path) {
            guard FileWatcher.isFolder(path) else { return nil }
            _ = try? watchTree(path)
            batch.everything = true
            return path
        }
        guard !name.hasPrefix("."), roots.contains(where: { path.hasPrefix($0 + "/") }) else { return nil }
        batch.paths.insert(path)
        if mask & FileWatcher.isDirectory != 0, mask & (FileWatcher.create | FileWatcher.movedTo) != 0 {
            // Files may be in it before its watch was added: report them too.
            batch.paths.formUnion((try? watchTree(path)) ?? [])
        }
        return path
    }

    /// Watches `root` and every folder below it (hidden ones skipped); returns the files below it.
    @discardableResult
    private func watchTree(_ root: String) throws(ServeError) -> [String] {
        var files: [String] = []
        var pending = [root]
        // A folder reached twice (through a symbolic link loop) has the same descriptor.
        var visited: Set<Int32> = []
        while let folder = pending.popLast() {
            let wd = inotify_add_watch(inotify, folder, FileWatcher.mask)
            if wd < 0 {
                if errno == ENOSPC {
                    throw ServeError(.cannotWatch("the system's limit of inotify watches is reached (raise fs.inotify.max_user_watches)"),
                        port: 0)
                }
                continue
            }
            guard visited.insert(wd).inserted else { continue }
            folders.withLock { $0[wd] = folder }
            guard let handle = opendir(folder) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard !name.hasPrefix(".") else { continue }
                let path = folder + "/" + name
                if FileWatcher.isFolder(path) {
                    pending.append(path)
                } else {
                    files.append(path)
                }
            }
        }
        return files
    }

    /// Watches the parent of a root that does not exist (yet), for the root's creation.
    private func waitForRoot(_ root: String) throws(ServeError) {
        let parent = (root as NSString).deletingLastPathComponent
        guard FileWatcher.isFolder(parent) else { return }
        let wd = inotify_add_watch(inotify, parent, FileWatcher.create | FileWatcher.movedTo | FileWatcher.onlyDirectory)
        guard wd >= 0 else { return }
        folders.withLock { $0[wd] = parent }
        pendingRoots.withLock { $0[parent, default: []].append(root) }
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
