import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a set of files as a new folder, all or nothing: they are written into a hidden folder
/// beside the target, which is then renamed into place (`rename(2)` replaces an empty folder).
/// An existing folder that holds anything is refused, never merged into.
struct FreshFolder {
    let target: URL
    /// The target as the user named it, for messages.
    let display: String
    /// "the site", "the theme".
    let what: String

    /// Writes `files` (relative path → bytes); returns their paths in order.
    func write(_ files: [(path: String, bytes: [UInt8])]) throws(ScaffoldError) -> [String] {
        try checkTarget()
        let manager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).forge-new-\(UUID().uuidString.prefix(8))")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                guard FreshFolder.isSafeRelativePath(file.path) else { throw ScaffoldError(.io("unsafe path " +
                    "\(file.path)"), path: display, what: what) }
                let url = staging.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            }
            guard rename(staging.path, target.path) == 0 else {
                let why = String(cString: strerror(errno))
                throw ScaffoldError(.io(why), path: display, what: what)
            }
        } catch let error as ScaffoldError {
            try? manager.removeItem(at: staging)
            // Someone filled the folder between the check and the rename.
            if case .io = error.reason, let entries = try? manager.contentsOfDirectory(atPath: target.path), !entries.isEmpty {
                throw ScaffoldError(.notEmpty(entries: entries.sorted()), path: display, what: what)
            }
            throw error
        } catch {
            try? manager.removeItem(at: staging)
            throw ScaffoldError(.io(error.localizedDescription), path: display, what: what)
        }
        return files.map(\.path)
    }

    private func checkTarget() throws(ScaffoldError) {
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return }  // does not exist yet: fine
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            throw ScaffoldError(.symbolicLink, path: display, what: what)
        case S_IFDIR:
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? ["(unreadable)"]
            if !entries.isEmpty { throw ScaffoldError(.notEmpty(entries: entries.sorted()), path: display, what: what) }
        default:
            throw ScaffoldError(.notAFolder, path: display, what: what)
        }
    }

    /// Relative, without `..` or empty components: the embedded lists are generated, but a file
    /// is never written outside the folder whatever the list says.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && path.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
