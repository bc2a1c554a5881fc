import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a new key file into `Content/data/keys/`, whole or not at all, never over a file.
///
/// `beforeLinking` runs once the file is written but not yet in place: `forge keys add` prints
/// the secret there, so a key file exists only when its secret reached standard output (a
/// closed pipe or a full disk there leaves no key that nobody holds).
///
/// The text goes into a hidden file beside the target (`.key_….yaml.forge-new-…`: the loader
/// skips dot-files), is flushed to disk, and is then hard-linked to its name: `link(2)` fails
/// when the name exists, so no key file is ever replaced, even by a race, and no reader sees
/// half a file. Where the file system has no hard links, the file is created with `O_EXCL`
/// instead (still never over a file, but written in place).
public struct KeyFileWriter: Sendable {
    let site: SiteKeys

    public init(site: SiteKeys) {
        self.site = site
    }

    /// Writes `file`; returns its path as messages name it (`Content/data/keys/key_….yaml`).
    @discardableResult
    public func write(_ file: KeyFile, beforeLinking: () throws(KeysError) -> Void = {}) throws(KeysError) -> String {
        let display = site.displayDirectory + "/" + file.relativePath
        let folder = try prepareFolder()
        let target = folder.appendingPathComponent(file.id + ".yaml").path
        var info = stat()
        if lstat(target, &info) == 0 {
            throw KeysError(.refused("the file exists already (forge keys add never replaces a key file)"), path: display)
        }
        let bytes = Array(file.text.utf8)
        let temporary = folder.appendingPathComponent(".\(file.id).yaml.forge-new-\(getpid())-\(UInt32.random(in: .min ... .max))").path
        if let why = KeyFileWriter.writeNew(temporary, bytes: bytes) {
            unlink(temporary)
            throw KeysError(.io(why), path: display)
        }
        defer { unlink(temporary) }
        try beforeLinking()
        if link(temporary, target) != 0 {
            let code = errno
            if code == EEXIST {
                throw KeysError(.refused("the file exists already (forge keys add never replaces a key file)"), path: display)
            }
            guard code == EPERM || code == EOPNOTSUPP || code == EMLINK, KeyFileWriter.writeNew(target, bytes: bytes) == nil else {
                throw KeysError(.io(String(cString: strerror(code))), path: display)
            }
        }
        return display
    }

    /// `data/keys/`, made when missing; refused when it (or `data/`) leads out of the content folder.
    private func prepareFolder() throws(KeysError) -> URL {
        let boundary = SafePath.boundary(site.contentDirectory)
        let data = site.contentDirectory.appendingPathComponent("data")
        for (folder, display) in [(data, "data"), (site.keysFolder, "data/keys")] {
            let shown = site.displayDirectory + "/" + display
            if SafePath.status(folder.path, followingLinks: false) == nil {
                if mkdir(folder.path, 0o755) != 0, errno != EEXIST {
                    throw KeysError(.io(String(cString: strerror(errno))), path: shown)
                }
            }
            guard let real = SafePath.real(folder.path), SafePath.isInside(real, boundary),
                  let info = SafePath.status(real, followingLinks: true), info.st_mode & S_IFMT == S_IFDIR else {
                throw KeysError(.refused("it is not a folder inside \(site.displayDirectory)/ (a symbolic link out of it, or a file)"),
                    path: shown)
            }
        }
        return URL(fileURLWithPath: SafePath.real(site.keysFolder.path) ?? site.keysFolder.path)
    }

    /// Creates `path` (it must not exist), writes `bytes` and flushes them; the reason on failure.
    static func writeNew(_ path: String, bytes: [UInt8], mode: mode_t = 0o644) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
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
        guard fsync(descriptor) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }
}
