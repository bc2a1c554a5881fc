import Foundation
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat

/// Reads every `Content/api/*.yaml`, `*.yml` and `*.json` as an OpenAPI 3.0, 3.1 or 3.2 document
/// (OpenAPIKit's types, decoded from an `OpenAPISourceTree` by `OpenAPITreeDecoder`), and checks
/// what OpenAPIKit does not: that every `$ref` names something in the file.
///
/// Every problem is a `ContentError` at its line and column: libyaml's syntax errors where
/// libyaml stops, OpenAPIKit's decoding errors at the node their coding path leads to, and
/// references at their `$ref`. Files are read on every core; problems come out in path order.
public enum OpenAPILoader {
    /// A spec larger than this is refused before it is parsed (the largest public specs,
    /// GitHub's and Stripe's, are under 16 MB).
    static let sizeLimit = 64 << 20
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    public static func load(directory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> [APISpec] {
        var files: [FileTree.Entry] = []
        for file in FileTree.regularFiles(under: directory) {
            let name = file.path
            let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if !name.contains("/"), name.contains("."), extensions.contains(ext) {
                files.append(file)
            } else {
                diagnostics.warn(.openAPI("not read: the API reference is made from the .yaml, .yml and .json files directly in " +
                    "\(displayDirectory)/"),
                                 at: SourceLocation(path: "\(displayDirectory)/\(name)"))
            }
        }
        let loaded = files.concurrentMap { file -> (APISpec?, Diagnostics) in
            var local = Diagnostics()
            let spec = load(file, displayPath: "\(displayDirectory)/\(file.path)", diagnostics: &local)
            return (spec, local)
        }
        var specs: [APISpec] = []
        var slugs: [String: String] = [:]
        for (spec, problems) in loaded {
            diagnostics.merge(problems)
            guard let spec else { continue }
            if let other = slugs[spec.slug] {
                diagnostics.report(.openAPI("\(other) and this file would both publish api/\(spec.slug)/: rename one"),
                    at: SourceLocation(path: spec.displayPath))
                continue
            }
            slugs[spec.slug] = spec.displayPath
            specs.append(spec)
        }
        return specs
    }

    static func load(_ file: FileTree.Entry, displayPath: String, diagnostics: inout Diagnostics) -> APISpec? {
        let data: Data
        do {
            data = try Data(contentsOf: file.url, options: .mappedIfSafe)
        } catch {
            let why = (error as NSError).localizedFailureReason ?? error.localizedDescription
            diagnostics.report(.unreadable(why), at: SourceLocation(path: displayPath))
            return nil
        }
        guard data.count <= sizeLimit else {
            diagnostics.report(.tooLarge("the file is \(data.count >> 20) MB; an OpenAPI file may be at most \(sizeLimit >> 20) MB"),
                at: SourceLocation(path: displayPath))
            return nil
        }
        let source: SourceText
        switch SourceText.decode(data, displayPath: displayPath) {
        case .success(let text): source = text
        case .failure(let error):
            diagnostics.report(error)
            return nil
        }
        return load(source, fileName: file.path, diagnostics: &diagnostics)
    }

    /// Parses, decodes and checks one file's text.
    static func load(_ source: SourceText, fileName: String, diagnostics: inout Diagnostics) -> APISpec? {
        var text = source.text
        let parsed = text.withUTF8 { bytes in
            Result { () throws(OpenAPISourceTree.Failure) -> OpenAPISourceTree in
                try OpenAPISourceTree.parse(UnsafeRawBufferPointer(bytes))
            }
        }
        let tree: OpenAPISourceTree
        switch parsed {
        case .success(let value): tree = value
        case .failure(let failure):
            diagnostics.report(source.error(.syntax(failure.message), line: failure.line > 0 ? failure.line : nil, column: failure.line > 0
                ? failure.column : nil))
            return nil
        }
        guard !tree.isEmpty, tree.kind(0) == .mapping else {
            diagnostics.report(source.error(.openAPI("an OpenAPI document is a mapping with \"openapi\", \"info\" and \"paths\"; this " +
                "file " +
                "is \(tree.isEmpty ? "empty" : "not a mapping")"),
                                            line: tree.isEmpty ? nil : 1, column: tree.isEmpty ? nil : 1))
            return nil
        }
        guard let versionNode = tree.value(of: "openapi", in: 0), tree.kind(versionNode) == .scalar else {
            let swagger = tree.value(of: "swagger", in: 0)
            let at = swagger.map { tree.node($0) }
            let message = swagger == nil
                ? "not an OpenAPI document: it has no \"openapi\" version at the top"
                : "Swagger 2.0 is not supported: convert the file to OpenAPI 3 (for example with swagger2openapi)"
            diagnostics.report(source.error(.openAPI(message), line: at.map { Int($0.line) } ?? 1, column: at.map { Int($0.column) } ?? 1))
            return nil
        }
        let version = tree.node(versionNode).text
        let isV30 = version.hasPrefix("3.0.")
        guard isV30 || version.hasPrefix("3.1.") || version.hasPrefix("3.2.") else {
            let node = tree.node(versionNode)
            diagnostics.report(source.error(.invalidValue(field: "openapi",
                problem: "version \"\(version)\" is not supported; Forge reads OpenAPI 3.0, 3.1 and 3.2"),
                                            line: Int(node.line), column: Int(node.column)))
            return nil
        }

        let referenceProblems = checkReferences(tree, source: source)
        let document: OpenAPIKit.OpenAPI.Document
        do {
            // Vendor extensions (x-…) are not shown; skipping them saves decoding every one as
            // AnyCodable. The key is the same in OpenAPIKit and OpenAPIKit30.
            let decoder = OpenAPITreeDecoder(tree: tree, userInfo: [OpenAPIKit.VendorExtensionsConfiguration.enabledKey: false])
            if isV30 {
                document = try decoder.decode(OpenAPIKit30.OpenAPI.Document.self).convert(to: .v3_1_1)
            } else {
                document = try decoder.decode(OpenAPIKit.OpenAPI.Document.self)
            }
        } catch {
            diagnostics.report(decodingError(error, isV30: isV30, tree: tree, source: source))
            for problem in referenceProblems { diagnostics.report(problem) }
            return nil
        }
        for problem in referenceProblems { diagnostics.report(problem) }
        guard referenceProblems.isEmpty else { return nil }
        return APISpec(sourcePath: fileName, displayPath: source.displayPath, slug: APISpec.slug(for: fileName),
                       version: version, document: document, source: tree)
    }
}
