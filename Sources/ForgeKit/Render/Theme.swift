import Foundation
import Mustache

/// A theme's layouts (Mustache, with inheritance and partials) and assets.
///
/// `Themes/<name>/…` shadows `Themes/default/…` file by file, as in Hugo: a site overrides one
/// partial without copying the theme.
public struct Theme: Sendable {
    /// A file under `assets/`, e.g. `css/base.css`.
    public struct Asset: Sendable, Hashable {
        public var path: String
        public var bytes: [UInt8]
    }

    public let name: String
    public let assets: [Asset]
    private let library: MustacheLibrary
    private let layoutNames: Set<String>

    /// Loads `themesDirectory/name`, falling back to `themesDirectory/default` for each file.
    public static func load(themesDirectory: URL, displayDirectory: String, name: String) throws(TemplateError) -> Theme {
        var folders: [(URL, String)] = []
        let fallback = themesDirectory.appendingPathComponent("default")
        if name != "default" {
            let own = themesDirectory.appendingPathComponent(name)
            guard isDirectory(own) else {
                throw TemplateError(.themeNotFound(name: name, searched: "\(displayDirectory)/\(name)/"), at: SourceLocation(path: "\(displayDirectory)/\(name)"))
            }
            folders.append((own, "\(displayDirectory)/\(name)"))
        }
        if isDirectory(fallback) {
            folders.append((fallback, "\(displayDirectory)/default"))
        } else if name == "default" {
            throw TemplateError(.themeNotFound(name: name, searched: "\(displayDirectory)/default/"), at: SourceLocation(path: "\(displayDirectory)/default"))
        }

        var library = MustacheLibrary()
        var layoutNames: Set<String> = []
        var assets: [String: Asset] = [:]
        // Earlier folders win: the site's theme first, then default.
        for (folder, display) in folders {
            let layouts = try files(in: folder.appendingPathComponent("layouts"), display: "\(display)/layouts",
                                    themesDirectory: themesDirectory, themesDisplay: displayDirectory)
            for (relative, url) in layouts where relative.hasSuffix(".mustache") {
                let templateName = String(relative.dropLast(".mustache".count))
                guard !layoutNames.contains(templateName) else { continue }
                let displayPath = "\(display)/layouts/\(relative)"
                let text: String
                switch SourceText.read(url, displayPath: displayPath) {
                case .success(let source): text = source.text
                case .failure(let error): throw TemplateError(.syntax(error.message), at: error.location, sourceLine: error.sourceLine)
                }
                do {
                    library.register(try MustacheTemplate(string: text), named: templateName)
                } catch let error as MustacheTemplate.ParserError {
                    throw TemplateError(.syntax("\(error.error)"),
                                        at: SourceLocation(path: displayPath, line: error.context.lineNumber, column: error.context.columnNumber),
                                        sourceLine: error.context.line)
                } catch {
                    throw TemplateError(.syntax("\(error)"), at: SourceLocation(path: displayPath))
                }
                layoutNames.insert(templateName)
            }
            let assetFiles = try files(in: folder.appendingPathComponent("assets"), display: "\(display)/assets",
                                       themesDirectory: themesDirectory, themesDisplay: displayDirectory)
            for (relative, url) in assetFiles where assets[relative] == nil {
                guard let data = try? Data(contentsOf: url) else {
                    throw TemplateError(.unreadable("cannot read the asset"), at: SourceLocation(path: "\(display)/assets/\(relative)"))
                }
                assets[relative] = Asset(path: relative, bytes: [UInt8](data))
            }
        }
        let sortedAssets = assets.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return Theme(name: name, assets: sortedAssets, library: library, layoutNames: layoutNames)
    }

    /// Renders the layout `name` (e.g. `home`, `doc`) with `context`.
    public func render(_ name: String, context: [String: Any]) throws(TemplateError) -> String {
        guard layoutNames.contains(name), let html = library.render(context, withTemplate: name) else {
            throw TemplateError(.missingTemplate(name), at: SourceLocation(path: "layouts/\(name).mustache"))
        }
        return html
    }

    public func hasLayout(_ name: String) -> Bool { layoutNames.contains(name) }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Regular files under `folder` as (relative path, URL), in a stable order; dot-files skipped.
    /// A symbolic link out of `Themes/` (or a loop, or a FIFO) is an error naming it: a theme's
    /// files are published, so nothing outside the themes folder may become one.
    static func files(in folder: URL, display: String, themesDirectory: URL, themesDisplay: String) throws(TemplateError) -> [(String, URL)] {
        let listing = FileTree.walk(folder, display: display, within: themesDirectory, boundaryDisplay: themesDisplay)
        if let problem = listing.problems.first {
            throw TemplateError(.unsafeFile(problem.reason), at: SourceLocation(path: problem.displayPath))
        }
        return listing.files.map { ($0.path, $0.url) }
    }
}
