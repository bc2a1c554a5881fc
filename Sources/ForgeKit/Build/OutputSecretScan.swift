/// The secret scan of what the build is about to publish, after rendering and before writing.
///
/// `SecretScanner` reads `Content/`; this reads the result, in which YAML escapes, character
/// references, Markdown emphasis, Mustache comments and the theme have all done their work,
/// so no encoding that some stage undoes can carry a key past both scans. Each file is read as
/// written and with JSON, JavaScript and URL escapes decoded (inline JSON, the search index,
/// history chunks); HTML, SVG and XML also as a browser shows them — text without tags,
/// comments or invisible characters, and each attribute value, references decoded. Every
/// output path is scanned too. A finding is an error at the output file's line and column,
/// naming the source it came from where that is known; the file is never quoted.
struct OutputSecretScan {
    let files: [OutputFile]
    let scanner: SecretScanner
    let docs: DocSet
    let contentDisplay: String
    let outputDisplay: String

    static let markupExtensions: Set<String> = ["html", "htm", "xhtml", "svg", "xml"]

    /// - Parameter cache: under `forge serve`, the files the last build scanned clean: a file
    ///   with the same path and bytes is not scanned again (the keys did not change either).
    func run(diagnostics: inout Diagnostics, cache: BuildCache? = nil) {
        let sources = Dictionary(docs.docs.map { ($0.outputPath, $0.displayPath) }, uniquingKeysWith: { first, _ in first })
        let clean = cache?.cleanOutputs(keys: scanner.keysFingerprint) ?? [:]
        let found = files.concurrentMap { file -> Diagnostics in
            var local = Diagnostics()
            if let earlier = clean[file.path], earlier == file.bytes { return local }
            let path = Array(file.path.utf8)
            let pathFindings = scanner.findings(inName: path)
            let findings = findings(in: file.bytes,
                isMarkup: OutputSecretScan.markupExtensions.contains(OutputSecretScan.pathExtension(file.path)))
            guard !pathFindings.isEmpty || !findings.isEmpty else { return local }
            let maskedPath = SecretScanner.masking(path, pathFindings, in: 0..<path.count)
            let shownPath = outputDisplay + "/" + maskedPath
            let origin = pathFindings.isEmpty ? origin(of: file.path, sources: sources) : origin(of: maskedPath, sources: [:])
            for finding in pathFindings {
                local.report(.secret("a complete API key (\(finding.masked)) would be published in this file's name (from \(origin)): "
                    + "remove it there, then revoke the key and create a new one"),
                             at: SourceLocation(path: shownPath))
            }
            var position = Position()
            for finding in findings {
                let (line, column) = position.advance(to: finding.range.lowerBound, in: file.bytes)
                local.report(.secret("a complete API key (\(finding.masked)) would be published in this file (from \(origin)): remove it "
                    + "there, then revoke the key and create a new one"),
                             at: SourceLocation(path: shownPath, line: line, column: column))
            }
            return local
        }
        for result in found { diagnostics.merge(result) }
        cache?.keepCleanOutputs(zip(files, found).filter { !$0.1.hasErrors }.map(\.0), keys: scanner.keysFingerprint)
        // The pages with a finding, once: looking each doc's page up among all files was
        // quadratic (13,940 docs x 25,000 files: a tenth of a 15,000-doc build).
        let failed = Set(zip(files, found).lazy.filter { $0.1.hasErrors }.map(\.0.path))
        for (output, source) in sources where failed.contains(output) {
            diagnostics.removeSourceLines(in: source)
        }
    }

    /// Every view of one file. The escape views only where there is an escape to undo (or, in
    /// script and data, a character that could be invisible).
    func findings(in bytes: [UInt8], isMarkup: Bool) -> [KeyFinder.Finding] {
        let escapes = bytes.contains { $0 == 0x5C || $0 == 0x25 || (!isMarkup && $0 >= 0xC2) }
        var views = [scanner.finder.findings(in: bytes)]
        if escapes {
            var unescaped = EscapeDecoder(SecretView(capacity: bytes.count))
            unescaped.decode(bytes)
            views.append(scanner.findings(in: unescaped.next))
        }
        if isMarkup {
            var shown = MarkupDecoder(text: SecretView(capacity: bytes.count), attributes: SecretView(capacity: 0))
            shown.decode(bytes)
            views += [scanner.findings(in: shown.text), scanner.findings(in: shown.attributes)]
            if escapes {
                for view in [shown.text, shown.attributes] {
                    var unescaped = EscapeDecoder(SecretView(capacity: view.bytes.count))
                    unescaped.decode(view.bytes)
                    views.append(scanner.findings(in: unescaped.next, through: [view]))
                }
            }
        }
        return SecretScanner.merge(views)
    }

    /// Where the content of an output file comes from, as far as the path tells.
    func origin(of path: String, sources: [String: String]) -> String {
        if let source = sources[path] { return source }
        if path.hasPrefix("data/search.") { return "the docs in \(contentDisplay)/docs, through the search index" }
        if path.hasPrefix("docs/") { return "\(contentDisplay)/\(path) or the docs' titles and descriptions" }
        if path.hasPrefix("assets/") { return "the theme" }
        return "\(contentDisplay)/site.yaml, \(contentDisplay)/data or the theme"
    }

    static func pathExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }

    /// 1-based line and column (in Unicode scalars) of offsets taken in increasing order.
    struct Position {
        private var offset = 0
        private var line = 1
        private var column = 1

        mutating func advance(to target: Int, in bytes: [UInt8]) -> (Int, Int) {
            while offset < min(target, bytes.count) {
                if bytes[offset] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[offset] & 0xC0 != 0x80 {
                    column += 1
                }
                offset += 1
            }
            return (line, column)
        }
    }
}
