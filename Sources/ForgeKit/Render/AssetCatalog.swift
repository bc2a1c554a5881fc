import Crypto
import Foundation

/// The theme's assets under fingerprinted names (`assets/js/dialog.1a2b3c4d5e.js`), so a
/// browser or CDN can cache them forever and a rebuild never serves a stale script.
public struct AssetCatalog: Sendable {
    /// Logical path (`js/dialog.js`) → output path (`assets/js/dialog.1a2b3c4d5e.js`).
    public let outputPaths: [String: String]
    public let files: [OutputFile]
    /// `asset.css.base`, `asset.js.keys-dialog`: nested by folder, keyed by the file name
    /// without its extension (dots become `-` so Mustache's dotted lookup works). Built once:
    /// every page's context holds it.
    public let templateValue: [String: any Sendable]

    public init(theme: Theme) {
        var paths: [String: String] = [:]
        var files: [OutputFile] = []
        for asset in theme.assets {
            let bytes = AssetMinifier.minify(asset.bytes, path: asset.path)
            let output = "assets/" + AssetCatalog.fingerprinted(asset.path, bytes: bytes)
            paths[asset.path] = output
            files.append(OutputFile(path: output, bytes: bytes))
        }
        self.outputPaths = paths
        self.files = files
        self.templateValue = AssetCatalog.nest(paths)
    }

    public func path(for logical: String) -> String? { outputPaths[logical] }

    private static func nest(_ outputPaths: [String: String]) -> [String: any Sendable] {
        var root: [String: any Sendable] = [:]
        for (logical, output) in outputPaths {
            var components = logical.split(separator: "/").map(String.init)
            guard let fileName = components.popLast() else { continue }
            let stem = fileName.split(separator: ".").dropLast().joined(separator: "-")
            components.append(stem.isEmpty ? fileName : stem)
            root = AssetCatalog.inserting(output, at: components[...], into: root)
        }
        return root
    }

    private static func inserting(_ value: String, at path: ArraySlice<String>, into dictionary: [String: any Sendable]) -> [String: any Sendable] {
        var dictionary = dictionary
        guard let head = path.first else { return dictionary }
        if path.count == 1 {
            dictionary[head] = value
        } else {
            let child = dictionary[head] as? [String: any Sendable] ?? [:]
            dictionary[head] = inserting(value, at: path.dropFirst(), into: child)
        }
        return dictionary
    }

    /// `js/dialog.js` → `js/dialog.<10 hex of SHA-256>.js`
    public static func fingerprinted(_ path: String, bytes: [UInt8]) -> String {
        let hash = SHA256.hash(data: bytes).prefix(5).map { String(format: "%02x", $0) }.joined()
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + hash }
        return path[..<dot] + "." + hash + path[dot...]
    }
}
