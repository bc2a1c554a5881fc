import Foundation
import Testing

/// A folder under /tmp that disappears when the test is done with it.
final class TemporaryDirectory {
    let url: URL
    /// False for a view of a folder that something else owns (`at(_:)`): it is not deleted.
    private let owned: Bool

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("forge-test-\(UUID().uuidString)")
        owned = true
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    private init(existing: URL) {
        url = existing
        owned = false
    }

    /// The helpers (`write`, `read`, `snapshot`) on a folder inside a temporary one.
    static func at(_ url: URL) -> TemporaryDirectory { TemporaryDirectory(existing: url) }

    deinit {
        if owned { try? FileManager.default.removeItem(at: url) }
    }

    var path: String { url.path }

    /// Writes `files` (relative path → text) below the folder, creating subfolders.
    @discardableResult
    func write(_ files: [String: String]) throws -> URL {
        for (path, text) in files {
            try write(path, Data(text.utf8))
        }
        return url
    }

    func write(_ path: String, _ data: Data) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every regular file below `path` as relative path → bytes, for before/after comparisons.
    func snapshot(_ path: String = "") -> [String: Data] {
        TemporaryDirectory.snapshot(of: path.isEmpty ? url : url.appendingPathComponent(path))
    }

    /// Every regular file below `root` (dot-files included) as relative path → bytes.
    static func snapshot(of root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        let base = root.standardizedFileURL.path + "/"
        for case let file as URL in enumerator {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = try? Data(contentsOf: file) else { continue }
            result[String(file.standardizedFileURL.path.dropFirst(base.count))] = data
        }
        return result
    }
}
