/// Where a request target leads in the served site, decided before anything is looked up.
///
/// Files are served from memory by their output path, so no request can reach the disk; still,
/// anything that could mean "elsewhere" is refused outright rather than normalised: `..` and
/// `.` segments (also percent-encoded), NUL and other control bytes, backslashes, encoded
/// slashes, invalid percent escapes and invalid UTF-8.
enum SitePath: Equatable {
    /// An output path of the site (`docs/a.html`).
    case file(String)
    /// `serve`'s own files below `BASE/__forge/`: `reload.js`, `overlay.css`, `events`.
    case forge(String)
    /// The folder without its slash, or `/` when the site lives under `/repo/`.
    case redirect(String)
    /// Nothing there: answered with the site's 404 page. The output path that was asked for
    /// (`""` outside the base path), so the page reloads when it appears.
    case notFound(String)
    case refused(String)

    /// The folder of `forge serve`'s own files, below the base path.
    static let forgeFolder = "__forge/"

    /// - Parameters:
    ///   - target: the request target (`/repo/docs/a.html?x=1`).
    ///   - basePath: where the site lives, starting and ending with `/`.
    ///   - exists: whether the site has a file at an output path.
    static func resolve(_ target: String, basePath: String, exists: (String) -> Bool) -> SitePath {
        guard target.hasPrefix("/") else { return .refused("the request target must be a path starting with /") }
        let rawPath = target.prefix { $0 != "?" && $0 != "#" }
        guard let path = decode(rawPath) else {
            return .refused("the path holds an invalid or forbidden escape, a control character, a backslash or invalid UTF-8")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .refused("the path holds a . or .. segment") }

        if path + "/" == basePath { return .redirect(basePath) }
        guard path.hasPrefix(basePath) else { return path == "/" ? .redirect(basePath) : .notFound("") }
        let relative = String(path.dropFirst(basePath.count))
        // Hidden files (.nojekyll) and empty segments (a//b) name nothing that is served.
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if parts.dropLast().contains(where: \.isEmpty) || parts.contains(where: { $0.hasPrefix(".") }) { return .notFound(relative) }

        if relative.hasPrefix(forgeFolder) { return .forge(String(relative.dropFirst(forgeFolder.count))) }
        if relative.isEmpty || relative.hasSuffix("/") {
            let index = relative + "index.html"
            return exists(index) ? .file(index) : .notFound(index)
        }
        if exists(relative) { return .file(relative) }
        // A folder asked for without its slash: where GitHub Pages sends it too.
        if exists(relative + "/index.html") { return .redirect(String(rawPath) + "/") }
        return .notFound(relative)
    }

    /// The path with its percent escapes decoded, or nil when it holds anything refused.
    static func decode<S: StringProtocol>(_ raw: S) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            var value = byte
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                value = high << 4 | low
                // An encoded slash would let one segment pass for two (or hide a `..`).
                if value == UInt8(ascii: "/") { return nil }
            }
            if value < 0x20 || value == 0x7F || value == UInt8(ascii: "\\") { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
