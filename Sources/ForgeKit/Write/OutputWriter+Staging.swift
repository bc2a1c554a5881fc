import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension OutputWriter {
    static let stagingMarkers = [".forge-new-", ".forge-old-"]

    /// Where a site written to `url` really goes: a chain of symbolic links at `url` followed to
    /// its end (which may not exist yet: `ln -s /srv/www/site Output` before the first build),
    /// in its parent's real folder.
    static func destination(of url: URL) -> URL {
        var path = url.path
        for _ in 0..<40 {
            guard let info = SafePath.status(path), info.st_mode & S_IFMT == S_IFLNK else { break }
            let text = SafePath.linkText(path)
            let joined = text.hasPrefix("/") ? text : (path as NSString).deletingLastPathComponent + "/" + text
            path = URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        let parent = (path as NSString).deletingLastPathComponent
        if let real = SafePath.real(parent) { path = (real == "/" ? "" : real) + "/" + (path as NSString).lastPathComponent }
        return URL(fileURLWithPath: path)
    }

    /// True when following the links at `url` never ends.
    static func isLinkLoop(_ url: URL) -> Bool {
        guard let info = SafePath.status(url.path), info.st_mode & S_IFMT == S_IFLNK else { return false }
        let end = destination(of: url)
        return SafePath.status(end.path).map { $0.st_mode & S_IFMT == S_IFLNK } ?? false
    }

    /// The pid in `.<output>.forge-new-<pid>-<n>` (or `forge-old`), the names `write` gives its
    /// staging and retired folders; nil for any other name.
    static func stagingOwner(of entry: String, output: String) -> pid_t? {
        for marker in stagingMarkers {
            let prefix = "." + output + marker
            guard entry.hasPrefix(prefix) else { continue }
            let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
                  let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
            return pid
        }
        return nil
    }

    /// Removes the staging and retired folders of builds that were killed: only Forge's own
    /// names for this output, only folders, and only when their build's process is gone (a
    /// build still running, or a pid reused by another live process, keeps its folder: a
    /// later build reclaims it). If a build died between its two renames, the output folder is
    /// missing and its previous content sits in `.<output>.forge-old-…`: that is put back first,
    /// so the previous site is there even if this build fails.
    public func reclaimStaleFolders() {
        let parent = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        var stale: [String] = []
        for entry in entries.sorted() {
            guard let pid = OutputWriter.stagingOwner(of: entry, output: name), pid != getpid(),
                  let info = SafePath.status(parent + "/" + entry), info.st_mode & S_IFMT == S_IFDIR,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            stale.append(entry)
        }
        if SafePath.status(target.path) == nil,
           let retired = stale.first(where: { $0.contains(".forge-old-")
               && FileManager.default.fileExists(atPath: parent + "/" + $0 + "/" + OutputWriter.markerName) }),
           rename(parent + "/" + retired, target.path) == 0 {
            stale.removeAll { $0 == retired }
        }
        for entry in stale { try? FileManager.default.removeItem(atPath: parent + "/" + entry) }
    }
}
