/// Checks that every page's scripts, stylesheets, images and links point at files the build
/// produces, before anything is written: a theme that names a missing asset would otherwise
/// publish a page that silently half-works.
///
/// Links inside pages rendered from Markdown are skipped: the docs renderer checks those at the
/// source, where it can name the Markdown file's line and column.
struct OutputLinkCheck {
    let files: [OutputFile]
    /// Output paths of pages whose `<a href>`s were already checked at their source.
    let checkedAtSource: Set<String>
    /// The base URL's path, which root-relative links in 404.html start with.
    let basePath: String

    func run(diagnostics: inout Diagnostics) {
        let paths = Set(files.map(\.path))
        for file in files where file.path.hasSuffix(".html") {
            for reference in OutputLinkCheck.references(in: file.bytes) {
                if reference.isAnchor, checkedAtSource.contains(file.path) { continue }
                guard let target = resolve(reference.value, from: file.path) else { continue }
                if target.isEmpty || !paths.contains(target) {
                    let problem = reference.value.isEmpty
                        ? "an empty \(reference.attribute)=\"\" (a template names an asset or page that does not exist)"
                        : "\(reference.attribute)=\"\(reference.value)\" points at \(target.isEmpty ? "nothing" : target), which the build does not produce"
                    let message = ContentError.Reason.other("\(problem); check the theme's templates")
                    if reference.isAnchor {
                        diagnostics.warn(message, at: SourceLocation(path: file.path))
                    } else {
                        diagnostics.report(message, at: SourceLocation(path: file.path))
                    }
                }
            }
        }
    }

    /// The output path a reference resolves to, or nil when it leaves the site (http:, mailto:, #x).
    func resolve(_ value: String, from page: String) -> String? {
        if value.isEmpty { return "" }
        let lower = value.lowercased()
        for scheme in ["http:", "https:", "mailto:", "data:", "blob:", "tel:"] where lower.hasPrefix(scheme) { return nil }
        if value.hasPrefix("#") || value.hasPrefix("//") { return nil }
        var path = value
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        var components: [Substring]
        if path.hasPrefix("/") {
            guard path.hasPrefix(basePath) else { return path }
            components = []
            path = String(path.dropFirst(basePath.count))
        } else {
            components = page.split(separator: "/").dropLast()
        }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "", ".": continue
            case "..": if components.popLast() == nil { return "../" + path }
            default: components.append(part)
            }
        }
        return components.joined(separator: "/")
    }

    struct Reference {
        var attribute: String
        var value: String
        /// An `<a href>`, as opposed to a resource the page loads.
        var isAnchor: Bool
    }

    /// `src="…"` and `href="…"` attributes, with whether the `href` belongs to an `<a>`.
    static func references(in bytes: [UInt8]) -> [Reference] {
        var result: [Reference] = []
        var index = 0
        var tagName = ""
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var end = index + 1
                while end < count, (bytes[end] >= 97 && bytes[end] <= 122) || (bytes[end] >= 65 && bytes[end] <= 90) { end += 1 }
                tagName = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
                index = end
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                for attribute in ["src", "href"] {
                    let name = Array(attribute.utf8) + [UInt8(ascii: "="), UInt8(ascii: "\"")]
                    let start = index + 1
                    guard start + name.count <= count, Array(bytes[start..<(start + name.count)]) == name else { continue }
                    var end = start + name.count
                    while end < count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    let value = decodeEntities(String(decoding: bytes[(start + name.count)..<end], as: UTF8.self))
                    result.append(Reference(attribute: attribute, value: value, isAnchor: tagName == "a" && attribute == "href"))
                    index = end
                    break
                }
            }
            index += 1
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }
}

import Foundation
