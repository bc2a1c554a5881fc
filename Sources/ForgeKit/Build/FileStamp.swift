#if canImport(Glibc)
import Glibc
#endif

/// What `stat(2)` says about a file, to tell whether it may have changed since it was read:
/// a different file (device, inode), size, modification or change time. The times tick in
/// the kernel's coarse clock (a few ms), so two writes in one tick can leave the stamp alone:
/// `BuildCache` also re-reads every file the watcher named.
struct FileStamp: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int
    var changed: Int64
    var changedNanoseconds: Int
    var isRegularFile: Bool

    init(_ info: stat) {
        isRegularFile = info.st_mode & S_IFMT == S_IFREG
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
    }

    /// The stamp of the file at `path` (links followed), or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// Every regular file below `root` (relative path → stamp), symbolic links followed,
    /// hidden names skipped: at least the files `FileTree` lists, which is all a comparison
    /// needs. One `fstatat` per entry and no `URL`: this runs before every rebuild.
    static func stamps(under root: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        var pending: [String] = [""]
        // A folder reached twice (a link loop) is walked once.
        var visited: Set<[UInt64]> = []
        while let relative = pending.popLast() {
            guard let handle = opendir(relative.isEmpty ? root : root + "/" + relative) else { continue }
            defer { closedir(handle) }
            let folder = dirfd(handle)
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard !name.hasPrefix(".") else { continue }
                var info = stat()
                guard fstatat(folder, name, &info, 0) == 0 else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted { pending.append(path) }
                case S_IFREG:
                    stamps[path] = FileStamp(info)
                default:
                    continue
                }
            }
        }
        return stamps
    }
}
