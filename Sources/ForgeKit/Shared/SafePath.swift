import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a path really leads, and reading a file without being led elsewhere.
///
/// The rule (PRODUCT.md §2): a symbolic link inside `Content/` (or `Themes/`) is followed only
/// when the place it resolves to is inside that folder too. The folder itself, as the user names
/// it, may be a link: it is resolved once and everything below is measured against the result.
///
/// Races: the check resolves a path with `realpath(3)`, then the file is read (by its resolved
/// path where the walker found it, with `O_NOFOLLOW` on the last component). Someone who can
/// rename things inside `Content/` while a build runs could still swap a folder between the two;
/// such a person can already write the content, so the check defends the build against what is
/// in the repository, not against a concurrent writer.
enum SafePath {
    /// The canonical absolute path of an existing file or folder, links resolved; nil when it
    /// (or what a link in it names) does not exist.
    static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The boundary to measure against: the folder's real path, or its standardized path when it
    /// does not exist (then nothing below it exists either).
    static func boundary(_ url: URL) -> String {
        real(url.standardizedFileURL.path) ?? url.standardizedFileURL.path
    }

    /// True when `path` is `root` or below it (both canonical).
    static func isInside(_ path: String, _ root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root + "/")
    }

    /// The text of the symbolic link at `path` (what `ln -s` was given), for messages.
    static func linkText(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// What `lstat` says about `path`; nil when it does not exist.
    static func status(_ path: String, followingLinks: Bool = false) -> stat? {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        return result == 0 ? info : nil
    }

    /// A problem with the symbolic link at `path`: it leads out of `boundary`, or nowhere.
    /// Nil when it is not a link or leads to a place inside `boundary`.
    static func linkProblem(at path: String, boundary: String, boundaryDisplay: String) -> ContentError.Reason? {
        guard let info = status(path), info.st_mode & S_IFMT == S_IFLNK else { return nil }
        guard let target = real(path) else { return .danglingLink(target: linkText(path)) }
        return isInside(target, boundary) ? nil : .linkLeavesRoot(target: linkText(path), root: boundaryDisplay)
    }

    /// Checks every component of `relative` below `root` (a real, canonical folder), from the
    /// top: the first link that leads out of `root`, or nowhere, with its relative path.
    static func firstLinkProblem(_ relative: String, below root: String, rootDisplay: String) -> (path: String,
        reason: ContentError.Reason)? {
        var current = ""
        for part in relative.split(separator: "/") where part != "." {
            current = current.isEmpty ? String(part) : current + "/" + part
            if let reason = linkProblem(at: root + "/" + current, boundary: root, boundaryDisplay: rootDisplay) {
                return (current, reason)
            }
        }
        return nil
    }

    /// The kind of a file that is neither a regular file nor a folder, for messages.
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a folder"
        case S_IFREG: return "a file"
        default: return "not a regular file"
        }
    }

    /// Reads a regular file whole. Opens without blocking (a FIFO would wait forever for a
    /// writer) and checks what was opened, so a device or pipe is refused rather than read.
    /// - Parameters:
    ///   - followingLinks: false for paths the walker already resolved (`O_NOFOLLOW`).
    ///   - limit: the most bytes accepted; a larger file is `.tooLarge` and is not read.
    static func read(_ path: String, followingLinks: Bool = true, limit: Int? = nil) -> Result<[UInt8], ReadFailure> {
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        if !followingLinks { flags |= O_NOFOLLOW }
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.unreadable("it is a folder")) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile(kindName(info.st_mode))) }
        let size = Int(info.st_size)
        if let limit, size > limit { return .failure(.tooLarge(size)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + done, size - done)
            }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return .failure(.unreadable(String(cString: strerror(errno)))) }
            if count == 0 { break }
            done += count
        }
        // A file that shrank while it was read is read as it is now.
        if done < size { bytes.removeLast(size - done) }
        return .success(bytes)
    }

    enum ReadFailure: Error, Equatable {
        case unreadable(String)
        case notAFile(String)
        case tooLarge(Int)

        /// The reason to report for a file that could not be read.
        var reason: ContentError.Reason {
            switch self {
            case .unreadable(let why): return .unreadable(why)
            case .notAFile(let kind): return .notAFile(kind)
            case .tooLarge(let size): return .unreadable("\(size) bytes is more than Forge reads")
            }
        }
    }
}
