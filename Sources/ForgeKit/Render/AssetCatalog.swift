import Crypto
import Foundation
import Mustache
import Synchronization

/// The theme's assets under fingerprinted names (`assets/js/dialog.1a2b3c4d5e.js`), so a
/// browser or CDN can cache them forever and a rebuild never serves a stale script.
///
/// Only the assets a page names are published: a site's own theme over the built-in default
/// does not ship the default's scripts it never loads. Templates reach assets only through
/// `asset.…` (the fingerprinted names cannot be guessed), so the catalog records every name a
/// render looks up, and `usedFiles` is what the rendered pages need.
public struct AssetCatalog: Sendable {
    /// Logical path (`js/dialog.js`) → output path (`assets/js/dialog.1a2b3c4d5e.js`).
    public let outputPaths: [String: String]
    /// Every asset of the theme, in the theme's order.
    public let files: [OutputFile]
    /// `asset.css.base`, `asset.js.keys-dialog`: nested by folder, keyed by the file name
    /// without its extension (dots become `-` so Mustache's dotted lookup works).
    /// `asset.css.custom` is always there: null unless the theme has `css/custom.css`.
    public let templateValue: AssetFolder
    private let usage: AssetUsage
    private let logicalPaths: [String]

    public init(theme: Theme) {
        var paths: [String: String] = [:]
        var files: [OutputFile] = []
        for asset in theme.assets {
            let bytes = AssetMinifier.minify(asset.bytes, path: asset.path)
            let output = "assets/" + AssetCatalog.fingerprinted(asset.path, bytes: bytes)
            paths[asset.path] = output
            files.append(OutputFile(path: output, bytes: bytes))
        }
        let usage = AssetUsage()
        self.outputPaths = paths
        self.files = files
        self.logicalPaths = theme.assets.map(\.path)
        self.usage = usage
        var root = AssetCatalog.nest(paths, usage: usage)
        root.ensureEntry(["css", "custom"], usage: usage)
        self.templateValue = root
    }

    public func path(for logical: String) -> String? { outputPaths[logical] }

    /// The assets the pages rendered with this catalog named, in the theme's order.
    public var usedFiles: [OutputFile] {
        let used = usage.names
        return zip(logicalPaths, files).filter { used.contains($0.0) }.map(\.1)
    }

    private static func nest(_ outputPaths: [String: String], usage: AssetUsage) -> AssetFolder {
        var root = AssetFolder(entries: [:], usage: usage)
        for (logical, output) in outputPaths {
            var components = logical.split(separator: "/").map(String.init)
            guard let fileName = components.popLast() else { continue }
            let stem = fileName.split(separator: ".").dropLast().joined(separator: "-")
            components.append(stem.isEmpty ? fileName : stem)
            root.insert(.file(logical: logical, output: output), at: components[...], usage: usage)
        }
        return root
    }

    /// `js/dialog.js` → `js/dialog.<10 hex of SHA-256>.js`
    public static func fingerprinted(_ path: String, bytes: [UInt8]) -> String {
        let hash = SHA256.hash(data: bytes).prefix(5).map { String(format: "%02x", $0) }.joined()
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + hash }
        return path[..<dot] + "." + hash + path[dot...]
    }
}

/// One folder of `asset.…` as templates see it; looking a file up records it as used.
public struct AssetFolder: Sendable, MustacheParent, TemplateKeyed {
    indirect enum Entry: Sendable {
        case folder(AssetFolder)
        case file(logical: String, output: String)
        /// A name templates may test that this theme does not have (`asset.css.custom`).
        case absent
    }

    var entries: [String: Entry]
    let usage: AssetUsage

    public func child(named name: String) -> Any? {
        switch entries[name] {
        case .folder(let folder): return folder
        case .file(let logical, let output):
            usage.record(logical)
            return output
        case .absent: return NSNull()
        case nil: return nil
        }
    }

    var templateKeys: [String] { Array(entries.keys) }

    mutating func insert(_ entry: Entry, at path: ArraySlice<String>, usage: AssetUsage) {
        guard let head = path.first else { return }
        if path.count == 1 {
            entries[head] = entry
            return
        }
        var child: AssetFolder
        if case .folder(let existing) = entries[head] { child = existing } else { child = AssetFolder(entries: [:], usage: usage) }
        child.insert(entry, at: path.dropFirst(), usage: usage)
        entries[head] = .folder(child)
    }

    /// Makes `path` answer null when the theme has no such file.
    mutating func ensureEntry(_ path: [String], usage: AssetUsage) {
        var folder: AssetFolder = self
        for component in path.dropLast() {
            guard case .folder(let child) = folder.entries[component] else {
                insert(.absent, at: path[...], usage: usage)
                return
            }
            folder = child
        }
        if let last = path.last, folder.entries[last] == nil { insert(.absent, at: path[...], usage: usage) }
    }
}

/// The logical asset paths the renders of one build looked up (pages render in parallel).
final class AssetUsage: Sendable {
    private let used = Mutex<Set<String>>([])

    func record(_ logical: String) {
        used.withLock { _ = $0.insert(logical) }
    }

    var names: Set<String> { used.withLock { $0 } }
}

/// Handed to Mustache as it is, so that a render's look-ups are recorded. Encoded by any other
/// encoder as the output paths it holds (nothing recorded).
extension AssetFolder: TemplatePassthrough {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, entry) in entries {
            switch entry {
            case .folder(let folder): try container.encode(folder, forKey: Name(name))
            case .file(_, let output): try container.encode(output, forKey: Name(name))
            case .absent: try container.encodeNil(forKey: Name(name))
            }
        }
    }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
