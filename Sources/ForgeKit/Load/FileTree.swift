import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lists the regular files below a folder without ever leaving a boundary folder, fast:
/// `readdir` rather than `FileManager`'s enumerator, whose `URLResourceValues` cost more than
/// reading 1,500 docs.
///
/// Symbolic links (issue 7): a link whose target resolves outside the boundary, or nowhere, is
/// a problem named at the link and is not followed. A link inside the boundary is followed once:
/// a file is listed under the link's name (and read at its real place); a folder is read only
/// if no other path already read it — every folder is identified by its (device, inode), so a
/// link to a folder that contains it, or a web of links between folders, ends in a problem,
/// not in a walk that never ends. Real folders are read first and links to folders after, in
/// path order, so which path counts as the folder's own never depends on names or on the file
/// system's order.
enum FileTree {
    struct Entry: Sendable {
        /// Relative to the folder, with `/` separators; under a link, the link's name.
        var path: String
        /// The file's real place (no link in it), to read.
        var url: URL
    }

    struct Problem: Sendable {
        /// As messages name it: `Content/docs/img/env.txt`.
        var displayPath: String
        var reason: ContentError.Reason
    }

    struct Listing: Sendable {
        /// Sorted by the bytes of their paths, so builds do not depend on the file system's order.
        var files: [Entry] = []
        /// In the order found: callers report them, and diagnostics sort by path.
        var problems: [Problem] = []
    }

    /// Regular files below `directory` (dot-files and dot-folders skipped), links followed only
    /// inside `boundary` (a folder that contains `directory`, or is it). A missing folder has
    /// no files and no problems.
    /// - Parameters:
    ///   - display: how messages name `directory` (`Content/docs`).
    ///   - boundaryDisplay: how messages name `boundary` (`Content`).
    static func walk(_ directory: URL, display: String, within boundary: URL, boundaryDisplay: String) -> Listing {
        var walker = Walker(boundary: SafePath.boundary(boundary), boundaryDisplay: boundaryDisplay, display: display)
        walker.start(directory.standardizedFileURL.path, lexicalBoundary: boundary.standardizedFileURL.path)
        walker.listing.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return walker.listing
    }

    /// The files `walk` lists with `directory` as its own boundary; problems are left out
    /// (nothing they name is listed, so nothing outside is ever read through this).
    static func regularFiles(under directory: URL) -> [Entry] {
        walk(directory, display: directory.lastPathComponent, within: directory, boundaryDisplay: directory.lastPathComponent).files
    }

    private struct DeviceInode: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private struct Walker {
        let boundary: String
        let boundaryDisplay: String
        var listing = Listing()
        var visited: Set<DeviceInode> = []
        /// Folders to read: the path below the walked folder, and their real path.
        var pending: [(relative: String, real: String)] = []
        /// Links to folders inside the boundary, read after every real folder.
        var linkedFolders: [(relative: String, link: String, real: String)] = []
        /// How messages name the walked folder.
        let display: String

        init(boundary: String, boundaryDisplay: String, display: String) {
            self.boundary = boundary
            self.boundaryDisplay = boundaryDisplay
            self.display = display
        }

        func display(_ relative: String) -> String {
            relative.isEmpty ? display : display + "/" + relative
        }

        mutating func report(_ relative: String, _ reason: ContentError.Reason) {
            listing.problems.append(Problem(displayPath: display(relative), reason: reason))
        }

        mutating func start(_ directory: String, lexicalBoundary: String) {
            // The links on the way down to the walked folder.
            var below = ""
            if SafePath.isInside(directory, lexicalBoundary), directory != lexicalBoundary {
                below = String(directory.dropFirst(lexicalBoundary == "/" ? 1 : lexicalBoundary.count + 1))
            }
            if !below.isEmpty, let (path, reason) = SafePath.firstLinkProblem(below, below: boundary, rootDisplay: boundaryDisplay) {
                listing.problems.append(Problem(displayPath: boundaryDisplay + "/" + path, reason: reason))
                return
            }
            guard let info = SafePath.status(directory, followingLinks: true) else { return }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                report("", .notAFolder(SafePath.kindName(info.st_mode)))
                return
            }
            guard let real = SafePath.real(directory) else { return }
            guard SafePath.isInside(real, boundary) else {
                report("", .linkLeavesRoot(target: real, root: boundaryDisplay))
                return
            }
            visited.insert(DeviceInode(info))
            pending.append(("", real))
            run()
        }

        mutating func run() {
            while true {
                while let (relative, real) = pending.popLast() { read(relative, real: real) }
                guard !linkedFolders.isEmpty else { return }
                let links = linkedFolders.sorted { $0.relative.utf8.lexicographicallyPrecedes($1.relative.utf8) }
                linkedFolders.removeAll()
                for link in links { enter(link) }
            }
        }

        /// A link to a folder: read it, unless it contains the link (a loop) or some other
        /// path already read it.
        mutating func enter(_ link: (relative: String, link: String, real: String)) {
            guard let info = SafePath.status(link.real, followingLinks: true) else {
                report(link.relative, .danglingLink(target: SafePath.linkText(link.link)))
                return
            }
            let target = SafePath.linkText(link.link)
            let folder = boundaryRelativeDisplay(link.real)
            let parent = (link.link as NSString).deletingLastPathComponent
            if let parentReal = SafePath.real(parent), SafePath.isInside(parentReal, link.real) {
                report(link.relative, .linkLoop(target: target, folder: folder))
            } else if !visited.insert(DeviceInode(info)).inserted {
                report(link.relative, .linkToReadFolder(target: target, folder: folder))
            } else {
                pending.append((link.relative, link.real))
            }
        }

        func boundaryRelativeDisplay(_ real: String) -> String {
            guard real != boundary else { return boundaryDisplay }
            let below = real.dropFirst(boundary == "/" ? 1 : boundary.count + 1)
            return boundaryDisplay + "/" + below
        }

        mutating func read(_ relative: String, real: String) {
            guard let handle = opendir(real) else {
                report(relative, .unreadableFolder(String(cString: strerror(errno))))
                return
            }
            defer { closedir(handle) }
            while true {
                errno = 0
                guard let entry = readdir(handle) else {
                    if errno != 0 { report(relative, .unreadableFolder(String(cString: strerror(errno)))) }
                    return
                }
                let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                guard bytes.first != UInt8(ascii: ".") else { continue }
                let name = String(decoding: bytes, as: UTF8.self)
                let path = relative.isEmpty ? name : relative + "/" + name
                guard String(validating: bytes, as: UTF8.self) != nil else {
                    report(path, .invalidName("a byte that is not UTF-8"))
                    continue
                }
                let absolute = real + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    // Some file systems do not say: ask lstat, which does not follow links.
                    guard let info = SafePath.status(absolute) else { continue }
                    type = FileTree.directoryType(info.st_mode)
                }
                switch type {
                case Int32(DT_REG):
                    listing.files.append(Entry(path: path, url: URL(fileURLWithPath: absolute)))
                case Int32(DT_DIR):
                    guard let info = SafePath.status(absolute) else { continue }
                    if visited.insert(DeviceInode(info)).inserted {
                        pending.append((path, absolute))
                    } else {
                        report(path, .linkToReadFolder(target: name, folder: boundaryRelativeDisplay(absolute)))
                    }
                case Int32(DT_LNK):
                    follow(path, link: absolute)
                default:
                    let mode = SafePath.status(absolute)?.st_mode ?? 0
                    report(path, .notAFile(SafePath.kindName(mode)))
                }
            }
        }

        /// A symbolic link met in a folder: a file inside the boundary is listed, a folder
        /// waits until every real folder is read.
        mutating func follow(_ path: String, link: String) {
            if let problem = SafePath.linkProblem(at: link, boundary: boundary, boundaryDisplay: boundaryDisplay) {
                report(path, problem)
                return
            }
            guard let real = SafePath.real(link), let info = SafePath.status(real) else {
                report(path, .danglingLink(target: SafePath.linkText(link)))
                return
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: listing.files.append(Entry(path: path, url: URL(fileURLWithPath: real)))
            case S_IFDIR: linkedFolders.append((path, link, real))
            default: report(path, .notAFile(SafePath.kindName(info.st_mode)))
            }
        }
    }

    private static func directoryType(_ mode: mode_t) -> Int32 {
        switch mode & S_IFMT {
        case S_IFDIR: return Int32(DT_DIR)
        case S_IFREG: return Int32(DT_REG)
        case S_IFLNK: return Int32(DT_LNK)
        default: return Int32(DT_UNKNOWN)
        }
    }
}
