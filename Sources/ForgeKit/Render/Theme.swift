import ForgeEmbedded
import Foundation
import Mustache

/// A theme's layouts (Mustache, with inheritance and partials) and assets.
///
/// Files come from layers, the first that has a path wins (Hugo's lookup): the site's
/// `Themes/NAME/`, then the site's `Themes/default/` when there is one, then the default theme
/// built into forge. So a site needs no `Themes/` at all, and a theme that changes one partial
/// or adds `assets/css/custom.css` holds just that file.
public struct Theme: Sendable {
    /// A file under `assets/`, e.g. `css/base.css`.
    public struct Asset: Sendable, Hashable {
        public var path: String
        public var bytes: [UInt8]
    }

    /// A folder of theme files: `display` is how messages name it (`Themes/acme`).
    struct Layer {
        var display: String
        var files: [(path: String, read: () -> [UInt8]?)]
    }

    /// How messages name the files of the built-in theme.
    public static let builtInDisplay = "(built-in)/default"

    public let name: String
    public let assets: [Asset]
    private let library: MustacheLibrary
    /// The templates compiled for `CompiledLibrary`; nil when one uses what it does not cover.
    private var compiled: CompiledLibrary?
    private let check: TemplateCheck

    /// Loads theme `name` from `themesDirectory` over the built-in default.
    /// - Parameters:
    ///   - requestedAt: where the theme was named (site.yaml's `theme:`), for a missing theme.
    ///   - builtIn: the bottom layer; tests pass `[]` to load a theme folder alone.
    public static func load(themesDirectory: URL, displayDirectory: String, name: String,
                            builtIn: [EmbeddedFile] = ForgeEmbedded.defaultTheme,
                            requestedAt: SourceLocation? = nil, requestSourceLine: String? = nil) throws(TemplateError) -> Theme {
        var layers: [Layer] = []
        if name != "default" {
            let own = themesDirectory.appendingPathComponent(name)
            guard isDirectory(own) else {
                let searched = "\(displayDirectory)/\(name)/" + (displayDirectory.hasPrefix("/") ? "" : " (\(own.path)/)")
                throw TemplateError(.themeNotFound(name: name, searched: searched, available: themeNames(in: themesDirectory)),
                                    at: requestedAt ?? SourceLocation(path: "\(displayDirectory)/\(name)"), sourceLine: requestSourceLine)
            }
            layers.append(try diskLayer(own, display: "\(displayDirectory)/\(name)", themesDirectory: themesDirectory,
                themesDisplay: displayDirectory))
        }
        let siteDefault = themesDirectory.appendingPathComponent("default")
        if isDirectory(siteDefault) {
            layers.append(try diskLayer(siteDefault, display: "\(displayDirectory)/default", themesDirectory: themesDirectory,
                themesDisplay: displayDirectory))
        }
        layers.append(Layer(display: builtInDisplay, files: builtIn.map { file in (file.path, { file.bytes }) }))
        return try Theme(name: name, layers: layers)
    }

    init(name: String, layers: [Layer]) throws(TemplateError) {
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        var sources: [String: TemplateSource] = [:]
        var assets: [String: Asset] = [:]
        for layer in layers {
            for (path, read) in layer.files {
                let displayPath = "\(layer.display)/\(path)"
                if path.hasPrefix("layouts/"), path.hasSuffix(".mustache") {
                    let templateName = String(path.dropFirst("layouts/".count).dropLast(".mustache".count))
                    guard sources[templateName] == nil else { continue }
                    guard let bytes = read() else { throw TemplateError(.unreadable("cannot read the " +
                        "template"), at: SourceLocation(path: displayPath)) }
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw TemplateError(.unreadable("the template is not valid UTF-8"), at: SourceLocation(path: displayPath))
                    }
                    let source = try TemplateSource(text: text, path: displayPath)
                    let template = try Theme.parse(text, path: displayPath)
                    library.register(template, named: templateName)
                    parsed[templateName] = template
                    sources[templateName] = source
                } else if path.hasPrefix("assets/") {
                    let assetPath = String(path.dropFirst("assets/".count))
                    guard assets[assetPath] == nil else { continue }
                    guard let bytes = read() else { throw TemplateError(.unreadable("cannot read the " +
                        "asset"), at: SourceLocation(path: displayPath)) }
                    assets[assetPath] = Asset(path: assetPath, bytes: bytes)
                }
            }
        }
        self.name = name
        self.assets = assets.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        self.library = library
        self.compiled = CompiledTemplate.compile(parsed).map(CompiledLibrary.init(templates:))
        self.check = TemplateCheck(templates: sources)
    }

    /// Renders the layout `name` (e.g. `home`, `doc`) with `context`, after checking that every
    /// tag the page shows names a value the context has.
    public func render(_ name: String, context: some TemplateContext) throws(TemplateError) -> String {
        try render(name, tree: try TemplateTree(context))
    }

    /// The page `render` makes, as the bytes of a file: a docs page goes to the output
    /// without a round trip through `String` (validating and copying every page twice).
    func renderBytes(_ name: String, context: some TemplateContext) throws(TemplateError) -> [UInt8] {
        let tree = try TemplateTree(context)
        // Copied to its size: the renderer's buffer is reserved for a long page, and every
        // page waits in memory for the write.
        if let bytes = try compiledRender(name, tree: tree) { return bytes.withUnsafeBufferPointer { Array($0) } }
        return Array(try libraryRender(name, tree: tree).utf8)
    }

    /// Renders a context already converted (a page whose converted context is also compared
    /// with the last build's, `BuildCache+Pages`).
    func render(_ name: String, tree: TemplateTree) throws(TemplateError) -> String {
        if let bytes = try compiledRender(name, tree: tree) { return String(decoding: bytes, as: UTF8.self) }
        return try libraryRender(name, tree: tree)
    }

    /// The page from swift-mustache, after the check.
    private func libraryRender(_ name: String, tree: TemplateTree) throws(TemplateError) -> String {
        try check.check(name, context: tree.values)
        guard let html = library.render(tree.values, withTemplate: name) else {
            throw TemplateError(.missingTemplate(name), at: SourceLocation(path: "layouts/\(name).mustache"))
        }
        return html
    }

    /// The page from `CompiledLibrary`, or nil when swift-mustache renders this theme.
    private func compiledRender(_ name: String, tree: TemplateTree) throws(TemplateError) -> [UInt8]? {
        guard hasLayout(name) else {
            throw TemplateError(.missingTemplate(name), at: SourceLocation(path: "layouts/\(name).mustache"))
        }
        guard let compiled, let page = compiled.render(tree.values, withTemplate: name) else { return nil }
        // The compiled render notes what the check reports (a name nothing has, a missing
        // partial, partials nested too deep): only then is the page walked again to say
        // where, in the check's words.
        if page.needsCheck { try check.check(name, context: tree.values) }
        return page.bytes
    }

    /// Whether `CompiledLibrary` renders this theme (else swift-mustache does).
    var isCompiled: Bool { compiled != nil }

    /// This theme, its pages rendered by swift-mustache (for the tests that hold the two
    /// renderers to the same output).
    func renderingWithMustacheLibrary() -> Theme {
        var theme = self
        theme.compiled = nil
        return theme
    }

    public func hasLayout(_ name: String) -> Bool { check.templates[name] != nil }

    /// A folder name: letters, digits, `-` and `_`.
    public static func isValidName(_ name: String) -> Bool { SiteConfigLoader.isSafeName(name) }

    /// Why `--theme name` cannot be used, or nil when it can: `default` is always there (built
    /// in), any other name needs its folder.
    public static func problem(withName name: String, themesDirectory: URL, displayDirectory: String) -> String? {
        guard SiteConfigLoader.isSafeName(name) else {
            return "\"\(name)\" is not a theme name (a folder name under \(displayDirectory)/: letters, digits, - and _)"
        }
        guard name != "default", !isDirectory(themesDirectory.appendingPathComponent(name)) else { return nil }
        let searched = "\(displayDirectory)/\(name)/" + (displayDirectory.hasPrefix("/")
            ? "" : " (\(themesDirectory.appendingPathComponent(name).path)/)")
        return TemplateError.Reason.themeNotFound(name: name, searched: searched, available: themeNames(in: themesDirectory)).phrase
    }

    /// Where a template writes `literal` (the first occurrence, templates in name order), so a
    /// broken link in the output can be traced to the line that wrote it.
    func location(ofLiteral literal: String) -> (SourceLocation, String?)? {
        guard !literal.isEmpty else { return nil }
        for name in check.templates.keys.sorted() {
            guard let source = check.templates[name], let found = source.location(of: literal) else { continue }
            return (found, source.line(found.line ?? 0))
        }
        return nil
    }

    /// Parses with swift-mustache, which renders. `TemplateSource` has already explained any
    /// error it knows in words; this is the library's word for one it missed.
    private static func parse(_ text: String, path: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(.syntax("the template does not parse: \(error.error)"),
                                at: SourceLocation(path: path, line: error.context.lineNumber, column: error.context.columnNumber),
                                sourceLine: error.context.line)
        } catch {
            throw TemplateError(.syntax("the template does not parse: \(error)"), at: SourceLocation(path: path))
        }
    }

    /// A theme folder on disk. A symbolic link out of `Themes/` (or a loop, or a FIFO) is an
    /// error naming it: a theme's files are published, so nothing outside the themes folder may
    /// become one (issue 7). Files are read at their resolved place, without following links.
    private static func diskLayer(_ folder: URL, display: String, themesDirectory: URL,
        themesDisplay: String) throws(TemplateError) -> Layer {
        let listing = FileTree.walk(folder, display: display, within: themesDirectory, boundaryDisplay: themesDisplay)
        if let problem = listing.problems.first {
            throw TemplateError(.unsafeFile(problem.reason), at: SourceLocation(path: problem.displayPath))
        }
        return Layer(display: display, files: listing.files.map { entry in
            (entry.path, { try? SafePath.read(entry.url.path, followingLinks: false).get() })
        })
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The theme folders beside a missing one, for the message.
    private static func themeNames(in themes: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: themes.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && isDirectory(themes.appendingPathComponent($0)) }.sorted()
    }
}
