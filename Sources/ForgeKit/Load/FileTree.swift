import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the regular files below a folder, fast: `readdir` rather than `FileManager`'s
/// enumerator, whose `URLResourceValues` cost more than reading 1,500 docs.
enum FileTree {
    struct Entry: Sendable {
        /// Relative to the folder, with `/` separators.
        var path: String
        var url: URL
    }

    /// Regular files below `directory`, sorted by their bytes (so builds do not depend on the
    /// file system's order); dot-files and dot-folders are skipped, symbolic links followed.
    /// A missing folder has no files.
    static func regularFiles(under directory: URL) -> [Entry] {
        var files: [Entry] = []
        var pending: [String] = [""]
        let root = directory.standardizedFileURL.path
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let handle = opendir(absolute) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type != Int32(DT_DIR), type != Int32(DT_REG) {
                    // Unknown (some file systems) or a symbolic link: ask stat, which follows links.
                    var info = stat()
                    guard stat(root + "/" + path, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = Int32(DT_DIR)
                    case S_IFREG: type = Int32(DT_REG)
                    default: continue
                    }
                }
                if type == Int32(DT_DIR) {
                    pending.append(path)
                } else {
                    files.append(Entry(path: path, url: URL(fileURLWithPath: root + "/" + path)))
                }
            }
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
