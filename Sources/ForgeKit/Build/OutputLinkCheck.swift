/// Checks that every page's scripts, stylesheets, images and links point at files the build
/// produces, before anything is written: a theme that names a missing asset would otherwise
/// publish a page that silently half-works.
///
/// Links and images inside pages rendered from Markdown are skipped: the docs renderer checks
/// those at the source, where it can name the Markdown file's line and column.
struct OutputLinkCheck {
    let files: [OutputFile]
    /// Output paths of pages whose `<a href>`s were already checked at their source.
    let checkedAtSource: Set<String>
    /// The base URL's path, which root-relative links in 404.html start with.
    let basePath: String
    /// The theme, to name the template line that wrote a broken reference.
    var theme: Theme? = nil

    /// - Parameter cache: under `forge serve`, the problems of pages that did not change.
    func run(diagnostics: inout Diagnostics, cache: BuildCache? = nil) {
        let paths = Set(files.map(\.path))
        let pages = files.filter { $0.path.hasSuffix(".html") }
        let earlier = cache?.linkProblems(basePath: basePath)
        // Pages are independent: check them on every core, report in page order. The pages of
        // one folder go together: a reference resolves the same from each of them (their
        // navigation repeats the same links), so each is resolved once per folder.
        var folders: [String: [Int]] = [:]
        for (index, page) in pages.enumerated() {
            folders[String(page.path[..<(page.path.lastIndex(of: "/") ?? page.path.startIndex)]), default: []].append(index)
        }
        let checked = Array(folders.values).concurrentMap { indices -> [(Int, PageCheck)] in
            var resolved: [String: String?] = [:]
            return indices.map { index in
                let file = pages[index]
                return (index, earlier?.check(of: file, checkedAtSource: checkedAtSource.contains(file.path), paths: paths)
                    ?? check(file, paths: paths, resolved: &resolved))
            }
        }
        var inOrder = [PageCheck?](repeating: nil, count: pages.count)
        for (index, check) in checked.joined() { inOrder[index] = check }
        let found = inOrder.compactMap { $0 }
        cache?.keepLinkProblems(pages: pages, checks: found, checkedAtSource: checkedAtSource)
        for check in found {
            for problem in check.problems { diagnostics.report(problem) }
        }
    }

    /// A page's problems, and what they depend on besides its bytes: the paths its references
    /// resolve to, and which of them the build does not produce.
    struct PageCheck: Sendable {
        var problems: [ContentError]
        var targets: Set<String>
        var missing: Set<String>
    }

    /// - Parameter resolved: what references resolved to from this page's folder (shared by
    ///   the pages of one folder).
    private func check(_ file: OutputFile, paths: Set<String>, resolved: inout [String: String?]) -> PageCheck {
        var targets: Set<String> = []
        let problems = problems(in: file, paths: paths, targets: &targets, resolved: &resolved)
        return PageCheck(problems: problems, targets: targets, missing: targets.filter { !paths.contains($0) })
    }

    private func problems(in file: OutputFile, paths: Set<String>, targets: inout Set<String>,
                          resolved: inout [String: String?]) -> [ContentError] {
        var problems: [ContentError] = []
        let contentChecked = checkedAtSource.contains(file.path)
        // On a page rendered from Markdown only the frame around <main> is the theme's to check;
        // links and images in the content were checked at their source.
        let references = contentChecked
            ? OutputLinkCheck.referencesOutsideMain(file.bytes) : OutputLinkCheck.references(in: file.bytes[...])
        for reference in references {
            if contentChecked, reference.tag == "a" || reference.tag == "img" { continue }
            let target: String?
            if let known = resolved[reference.value] {
                target = known
            } else {
                target = resolve(reference.value, from: file.path)
                resolved[reference.value] = target
            }
            guard let target else { continue }
            targets.insert(target)
            guard target.isEmpty || !paths.contains(target) else { continue }
            let severity: ContentError.Severity = reference.isAnchor ? .warning : .error
            if reference.value.isEmpty {
                let problem = "an empty \(reference.attribute)=\"\" (a template gave it a value that is empty on this page); check the " +
                    "theme's templates"
                problems.append(ContentError(.brokenOutputReference(problem), at: SourceLocation(path: file.path), severity: severity))
            } else if let (location, line) = templateLocation(of: reference.value) {
                let problem = "\(reference.attribute)=\"\(reference.value)\" on \(file.path) points at " +
                    "\(target.isEmpty ? "nothing" : target), which the build does not produce"
                problems.append(ContentError(.brokenOutputReference(problem), at: location, severity: severity, sourceLine: line))
            } else {
                let problem = "\(reference.attribute)=\"\(reference.value)\" points at \(target.isEmpty ? "nothing" : target), which the " +
                    "build does not produce; check the theme's templates"
                problems.append(ContentError(.brokenOutputReference(problem), at: SourceLocation(path: file.path), severity: severity))
            }
        }
        return problems
    }

    /// The template line that wrote a reference: its text after `{{root}}` (`../` on a nested
    /// page, the base path on 404.html), found in the theme's templates.
    private func templateLocation(of value: String) -> (SourceLocation, String?)? {
        guard let theme else { return nil }
        var literal = Substring(value)
        if literal.hasPrefix(basePath), basePath != "/" { literal = literal.dropFirst(basePath.count) }
        while literal.hasPrefix("../") { literal = literal.dropFirst(3) }
        if literal.hasPrefix("/") { literal = literal.dropFirst() }
        guard literal.count >= 3 else { return nil }
        return theme.location(ofLiteral: String(literal))
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
        /// The element, lowercased: `a`, `img`, `script`, `link`.
        var tag: String
        var attribute: String
        var value: String
        /// An `<a href>`, as opposed to a resource the page loads.
        var isAnchor: Bool { tag == "a" && attribute == "href" }
    }

    /// `src="…"` and `href="…"` attributes, with the element each belongs to. One pass over the
    /// bytes, allocating only for the attributes found (pages can be large and many).
    /// The references before `<main` and after `</main>`.
    static func referencesOutsideMain(_ bytes: [UInt8]) -> [Reference] {
        guard let open = firstIndex(of: Array("<main".utf8), in: bytes, from: 0),
              let close = firstIndex(of: Array("</main>".utf8), in: bytes, from: open) else { return references(in: bytes[...]) }
        return references(in: bytes[..<open]) + references(in: bytes[close...])
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func references(in bytes: ArraySlice<UInt8>) -> [Reference] {
        bytes.withUnsafeBufferPointer { buffer in
            var result: [Reference] = []
            var tagName = ""
            let count = buffer.count
            var index = 0
            @inline(__always) func matches(_ word: StaticString, at position: Int) -> Bool {
                let length = word.utf8CodeUnitCount
                guard position + length <= count else { return false }
                let pointer = word.utf8Start
                for offset in 0..<length where buffer[position + offset] != pointer[offset] { return false }
                return true
            }
            while index < count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "<") {
                    var end = index + 1
                    while end < count, (buffer[end] | 0x20) >= 97, (buffer[end] | 0x20) <= 122 { end += 1 }
                    tagName = String(decoding: UnsafeBufferPointer(rebasing: buffer[(index + 1)..<end]), as: UTF8.self).lowercased()
                    index = end
                    continue
                }
                if byte == 0x20 || byte == 0x0A {
                    let start = index + 1
                    let attribute: String?
                    let valueStart: Int
                    if matches("src=\"", at: start) {
                        attribute = "src"
                        valueStart = start + 5
                    } else if matches("href=\"", at: start) {
                        attribute = "href"
                        valueStart = start + 6
                    } else {
                        attribute = nil
                        valueStart = start
                    }
                    if let attribute {
                        var end = valueStart
                        while end < count, buffer[end] != UInt8(ascii: "\"") { end += 1 }
                        let raw = String(decoding: UnsafeBufferPointer(rebasing: buffer[valueStart..<end]), as: UTF8.self)
                        result.append(Reference(tag: tagName, attribute: attribute, value: decodeEntities(raw)))
                        index = end
                    }
                }
                index += 1
            }
            return result
        }
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">")
    }
}

import Foundation
