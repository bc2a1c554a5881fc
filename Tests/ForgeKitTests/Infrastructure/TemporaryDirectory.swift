import Foundation
import Testing

/// A fresh folder under the system's temporary folder, removed when the test is done with it.
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

    /// Writes `text` to `relativePath` (folders created as needed) and returns its URL; a
    /// failure is recorded at the caller's line.
    @discardableResult
    func write(_ text: String, to relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try write(Data(text.utf8), to: relativePath, sourceLocation: sourceLocation)
    }

    @discardableResult
    func write(_ data: Data, to relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        do {
            try write(relativePath, data)
        } catch {
            Issue.record(error, "cannot write \(relativePath)", sourceLocation: sourceLocation)
            throw error
        }
        return url.appendingPathComponent(relativePath)
    }

    /// Makes an empty folder at `relativePath`.
    func makeFolder(_ relativePath: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(relativePath), withIntermediateDirectories: true)
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
