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

    /// The stamp of the file at `path` (links followed), or nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
    }
}
