import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the built site atomically: into a fresh folder beside the target, then swapped in.
///
/// A failed or interrupted build leaves the previous output exactly as it was, files that the
/// new build no longer produces disappear, and what the user put there for hosting (`CNAME`,
/// dot-files such as `.git` of a gh-pages checkout) is carried over.
///
/// An output path that is a symbolic link is written through: the site is staged beside the
/// link's target and swapped in there, so the link stays and shows the new site (replacing the
/// link with a folder would leave its target stale). A build killed mid-write leaves its
/// staging folder (`.Output.forge-new-<pid>-<n>`); the next build removes those whose build is
/// gone (`reclaimStaleFolders`).
public struct OutputWriter: Sendable {
    /// Marks a folder as Forge's, so Forge never empties a folder it did not create.
    public static let markerName = ".forge-output"

    /// The folder as given (standardized).
    public let requested: URL
    /// Where the site really goes: `requested` with symbolic links followed.
    public let target: URL
    public let displayPath: String

    public init(target: URL, displayPath: String) {
        self.requested = target.standardizedFileURL
        self.target = OutputWriter.destination(of: target.standardizedFileURL)
        self.displayPath = displayPath
    }

    /// Refuses targets where replacing the folder could destroy the user's work.
    /// - Parameter protected: folders that must never be the output or inside it (content, themes).
    public func checkTarget(protected: [URL], workingDirectory: URL, home: URL?) throws(OutputError) {
        if OutputWriter.isLinkLoop(requested) { throw OutputError(.refused("it is a loop of symbolic links"), path: displayPath) }
        let target = OutputWriter.resolved(self.target)
        let cwd = OutputWriter.resolved(workingDirectory)
        if target.path == "/" { throw OutputError(.refused("it is the file system root"), path: displayPath) }
        if target == cwd { throw OutputError(.refused("it is the current folder"), path: displayPath) }
        if let home, target == OutputWriter.resolved(home) { throw OutputError(.refused("it is the home folder"), path: displayPath) }
        if OutputWriter.contains(target, cwd) { throw OutputError(.refused("it contains the current folder"), path: displayPath) }
        for folder in protected.map(OutputWriter.resolved) {
            if target == folder || OutputWriter.contains(target, folder) || OutputWriter.contains(folder, target) {
                throw OutputError(.refused("it overlaps the source folder \(folder.lastPathComponent)/"), path: displayPath)
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(.refused("it is a file, not a folder"), path: displayPath) }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
            let isOurs = entries.contains(OutputWriter.markerName)
            let hasUserFiles = entries.contains { !OutputWriter.isKept($0) }
            if hasUserFiles && !isOurs { throw OutputError(.notEmpty, path: displayPath) }
        }
    }

    /// Writes `files` as the whole new content of the target folder.
    public func write(_ files: [OutputFile]) throws(OutputError) {
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(name).forge-new-\(token)")
        let retired = parent.appendingPathComponent(".\(name).forge-old-\(token)")

        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(.io(OutputWriter.reason(error)), path: displayPath)
        }
        do {
            // Folders first, each once; then the files, on every core (plain open/write/close:
            // no fsync per file — the rename below is what makes the new site visible).
            let root = staging.path
            if let failure = OutputWriter.makeFolders(for: files.map(\.path), under: root) {
                throw OutputError(.io(failure), path: displayPath)
            }
            let previous = target.path
            let failures = files.concurrentMap { file -> String? in
                // A file the previous build wrote with the same bytes is hard-linked, not
                // rewritten: a nightly rebuild changes a few files, and creating thousands of
                // inodes is most of what a build costs the file system.
                if OutputWriter.hasSameBytes(previous + "/" + file.path, file.bytes),
                   link(previous + "/" + file.path, root + "/" + file.path) == 0 {
                    return nil
                }
                // Named by its place in the output: the staging folder means nothing to the user.
                return OutputWriter.writeFile(root + "/" + file.path, bytes: file.bytes).map { "\(file.path): \($0)" }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first {
                throw OutputError(.io(failure), path: displayPath)
            }
            if let failure = OutputWriter.writeFile(root + "/" + OutputWriter.markerName,
                                                    bytes: Array("Made by Forge. Forge replaces this folder on every build.\n".utf8)) {
                throw OutputError(.io("\(OutputWriter.markerName): \(failure)"), path: displayPath)
            }
            try carryOverKeptEntries(into: staging, produced: Set(files.map { String($0.path.split(separator: "/").first ?? "") }))
        } catch let error as OutputError {
            try? manager.removeItem(at: staging)
            throw error
        } catch {
            throw abandon(staging, reason: OutputWriter.reason(error))
        }

        let hadOutput = manager.fileExists(atPath: target.path)
        if let why = OutputWriter.swap(staging.path, into: target.path, retiring: hadOutput ? retired.path : nil) {
            throw abandon(staging, reason: why)
        }
        if hadOutput { OutputWriter.removeTree(retired.path) }
    }

    /// Creates the folders that hold `paths` (and their parents) under `root`, a level at a
    /// time, the folders of one level on every core: a docs site has hundreds, and on a file
    /// system that is slow to hand out inodes (ext4 without a journal skips every recently
    /// freed one) creating them one by one was a tenth of a rebuild. The failure, if any.
    static func makeFolders(for paths: [String], under root: String) -> String? {
        var folders: Set<String> = []
        for path in paths {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        let levels = Dictionary(grouping: folders) { $0.utf8.count(where: { $0 == UInt8(ascii: "/") }) }
        for depth in levels.keys.sorted() {
            let failures = (levels[depth] ?? []).sorted().concurrentMap { folder -> String? in
                guard mkdir(root + "/" + folder, 0o755) != 0, errno != EEXIST else { return nil }
                return "\(folder): \(String(cString: strerror(errno)))"
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { return failure }
        }
        return nil
    }

    /// Removes the folder at `path` with everything in it, its subfolders on every core; what
    /// cannot be removed is left (the next build's `reclaimStaleFolders` tries again).
    static func removeTree(_ path: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            unlink(path)
            return
        }
        var folders: [String] = []
        for entry in entries {
            let child = path + "/" + entry
            var info = stat()
            if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                folders.append(child)
            } else {
                unlink(child)
            }
        }
        _ = folders.concurrentMap { folder -> Bool in
            removeTree(folder)
            return true
        }
        rmdir(path)
    }

    /// Puts `staging` at `target`, the previous output (if any) moved to `retired` first; nil on
    /// success, else why. rename(2) is atomic: when the second rename fails, the previous output
    /// is put back, so the target is never left missing. `rename` is a parameter for the tests,
    /// which make it fail.
    static func swap(_ staging: String, into target: String, retiring retired: String?,
                     rename: (String, String) -> Int32 = { Glibc.rename($0, $1) }) -> String? {
        if let retired, rename(target, retired) != 0 { return String(cString: strerror(errno)) }
        guard rename(staging, target) == 0 else {
            let why = String(cString: strerror(errno))
            if let retired { _ = rename(retired, target) }
            return why
        }
        return nil
    }

    /// Removes the half-built staging folder; the error to throw.
    private func abandon(_ staging: URL, reason: String) -> OutputError {
        try? FileManager.default.removeItem(at: staging)
        return OutputError(.io(reason), path: displayPath)
    }

    /// True when `path` is a regular file holding exactly `bytes`.
    static func hasSameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var done = 0
        while done < bytes.count {
            let result = existing.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + done }, bytes.count - done)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return false }
            done += result
        }
        return existing == bytes
    }

    /// Writes one file; the reason on failure.
    static func writeFile(_ path: String, bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += result
        }
        return nil
    }

    /// `CNAME` and dot-files of the old output, hard-linked (or copied) into the new one,
    /// unless the build produced an entry of the same name.
    private func carryOverKeptEntries(into staging: URL, produced: Set<String>) throws {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: target.path) else { return }
        for entry in entries.sorted() where OutputWriter.isKept(entry) && entry != OutputWriter.markerName && !produced.contains(entry) {
            try OutputWriter.linkTree(from: target.appendingPathComponent(entry), to: staging.appendingPathComponent(entry))
        }
    }

    /// Mirrors a file tree with hard links, so keeping a large `.git` costs no copying and the
    /// old output stays untouched until the swap.
    static func linkTree(from source: URL, to destination: URL) throws {
        let manager = FileManager.default
        let attributes = try manager.attributesOfItem(atPath: source.path)
        let type = attributes[.type] as? FileAttributeType
        if type == .typeDirectory {
            try manager.createDirectory(at: destination, withIntermediateDirectories: false)
            for child in try manager.contentsOfDirectory(atPath: source.path) {
                try linkTree(from: source.appendingPathComponent(child), to: destination.appendingPathComponent(child))
            }
        } else if type == .typeSymbolicLink {
            let pointee = try manager.destinationOfSymbolicLink(atPath: source.path)
            try manager.createSymbolicLink(atPath: destination.path, withDestinationPath: pointee)
        } else if link(source.path, destination.path) != 0 {
            try manager.copyItem(at: source, to: destination)
        }
    }

    /// Entries of an output folder that belong to the user, not to the build.
    static func isKept(_ entry: String) -> Bool {
        entry.hasPrefix(".") || entry == "CNAME"
    }

    static func resolved(_ url: URL) -> URL {
        url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// True when `outer` is a proper ancestor of `inner`.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let outerPath = outer.path.hasSuffix("/") ? outer.path : outer.path + "/"
        return inner.path.hasPrefix(outerPath)
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}
