import Foundation
import Testing

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("forge-tests-" + UUID().uuidString, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            Issue.record(error, "cannot create \(url.path)", sourceLocation: sourceLocation)
            throw error
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `relativePath` (folders created as needed) and returns its URL.
    @discardableResult
    func write(_ text: String, to relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        try write(Data(text.utf8), to: relativePath, sourceLocation: sourceLocation)
    }

    @discardableResult
    func write(_ data: Data, to relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        } catch {
            Issue.record(error, "cannot write \(relativePath)", sourceLocation: sourceLocation)
            throw error
        }
        return file
    }

    /// Makes an empty folder at `relativePath`.
    func makeFolder(_ relativePath: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        do {
            try FileManager.default.createDirectory(at: url.appendingPathComponent(relativePath), withIntermediateDirectories: true)
        } catch {
            Issue.record(error, "cannot create \(relativePath)", sourceLocation: sourceLocation)
            throw error
        }
    }
}
