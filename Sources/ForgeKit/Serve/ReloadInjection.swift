/// Adds the live-reload script to a page as `forge serve` sends it, never to a built file: a
/// `<script src>` and the overlay's stylesheet from `BASE/__forge/`, before `</head>`, and a
/// Content-Security-Policy that lets them work (`'self'` for scripts, styles and the event
/// stream's connection). Everything else about the page is left as the build made it.
enum ReloadInjection {
    /// - Parameters:
    ///   - pages: the output paths this response shows (a page; for a 404, the path asked for
    ///     and `404.html`): the page reloads when a build changes one of them.
    ///   - build: the number of the build the page comes from.
    static func inject(into html: [UInt8], basePath: String, pages: [String], build: Int) -> [UInt8] {
        guard let headEnd = firstIndex(of: "</head", in: html, from: 0) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var copied = 0
        if let csp = policyRange(in: html, before: headEnd) {
            out.append(contentsOf: html[..<csp.lowerBound])
            let policy = String(decoding: html[csp], as: UTF8.self)
            // Quotes as the policy needs them: only `&` and `"` must be escaped in this attribute.
            let rewritten = allowingReload(decodeEntities(policy)).replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "\"", with: "&quot;")
            out.append(contentsOf: rewritten.utf8)
            copied = csp.upperBound
        }
        out.append(contentsOf: html[copied..<headEnd])
        let base = (basePath + SitePath.forgeFolder).htmlEscaped
        let tags = "<link rel=\"stylesheet\" href=\"\(base)overlay.css\">\n"
            + "<script src=\"\(base)reload.js\" data-pages=\"\(pages.joined(separator: " ").htmlEscaped)\" data-build=\"\(build)\" " +
                "defer></script>\n"
        out.append(contentsOf: tags.utf8)
        out.append(contentsOf: html[headEnd...])
        return out
    }

    /// The policy with `'self'` allowed for scripts, styles and connections, wherever it did not
    /// already allow them (directly or through `default-src`).
    static func allowingReload(_ policy: String) -> String {
        var directives = policy.split(separator: ";")
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) }
            .filter { !$0.isEmpty }
        func index(of name: String) -> Int? { directives.firstIndex { $0[0].lowercased() == name } }
        func allows(_ sources: [String]) -> Bool { sources.contains("'self'") || sources.contains("*") }
        let fallback = index(of: "default-src").map { Array(directives[$0].dropFirst()) }
        for name in ["script-src", "script-src-elem", "style-src", "style-src-elem", "connect-src"] {
            if let found = index(of: name) {
                let sources = directives[found].dropFirst().filter { $0.lowercased() != "'none'" }
                if !allows(sources) { directives[found] = [directives[found][0]] + sources + ["'self'"] }
            } else if !name.hasSuffix("-elem"), let fallback, !allows(fallback) {
                directives.append([name, "'self'"])
            }
        }
        return directives.map { $0.joined(separator: " ") }.joined(separator: "; ")
    }

    /// The range of the `content` value of `<meta http-equiv="Content-Security-Policy">` in the head.
    static func policyRange(in html: [UInt8], before end: Int) -> Range<Int>? {
        var from = 0
        while let meta = firstIndex(of: "<meta", in: html, from: from), meta < end {
            guard let close = html[meta..<end].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let tag = Array(html[meta..<close])
            from = close
            guard firstIndex(of: "http-equiv=\"content-security-policy\"", in: tag, from: 0) != nil,
                  let content = firstIndex(of: "content=\"", in: tag, from: 0) else { continue }
            let start = meta + content + 9
            guard let quote = html[start..<close].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return start..<quote
        }
        return nil
    }

    /// Where `needle` (lowercase ASCII) starts in `bytes` at or after `from`, ignoring ASCII case.
    static func firstIndex(of needle: StaticString, in bytes: [UInt8], from: Int) -> Int? {
        let pattern = Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = from
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] | 0x20 == first, zip(bytes[index..<(index + pattern.count)], pattern).allSatisfy({ lower($0) == $1 }) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
    }
}

import Foundation
