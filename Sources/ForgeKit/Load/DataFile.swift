import Foundation

/// Finds a data file that may be written as YAML or JSON: `site.yaml`, `site.yml` or `site.json`.
enum DataFile {
    static let extensions = ["yaml", "yml", "json"]

    /// The one file named `base` with a data extension in `directory`; two of them is an error
    /// (which one would win is not obvious).
    static func find(_ base: String, in directory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> (url: URL,
        displayPath: String)? {
        let found = extensions.compactMap { ext -> (URL, String)? in
            let url = directory.appendingPathComponent("\(base).\(ext)")
            return FileManager.default.fileExists(atPath: url.path) ? (url, "\(displayDirectory)/\(base).\(ext)") : nil
        }
        if found.count > 1 {
            let names = found.map { $0.1 }.joined(separator: " and ")
            diagnostics.report(.duplicateFile("both \(names) exist; keep one"), at: SourceLocation(path: found[1].1))
        }
        return found.first
    }

    /// Reads and parses a YAML or JSON file; errors go to `diagnostics`.
    static func parse(_ url: URL, displayPath: String, diagnostics: inout Diagnostics) -> YAMLDocument? {
        switch SourceText.read(url, displayPath: displayPath) {
        case .failure(let error):
            diagnostics.report(error)
            return nil
        case .success(let source):
            return YAMLDocument.parse(source, diagnostics: &diagnostics)
        }
    }
}
