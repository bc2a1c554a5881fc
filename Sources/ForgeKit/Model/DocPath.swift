/// Paths below the docs folder: `/`-separated, relative, without `.` or `..` segments.
enum DocPath {
    /// `guides/intro.md` → `guides`; `intro.md` → `""`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `guides/intro.md` → `intro.md`.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `a/b/c` → `["a", "a/b", "a/b/c"]`; `""` → `[]`.
    static func ancestors(of folder: String) -> [String] {
        guard !folder.isEmpty else { return [] }
        var result: [String] = []
        var current = ""
        for part in folder.split(separator: "/") {
            current = current.isEmpty ? String(part) : current + "/" + part
            result.append(current)
        }
        return result
    }

    /// `getting-started` → `Getting started`, `rate_limits` → `Rate limits`.
    static func humanize(_ name: String) -> String {
        let spaced = String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
        guard let first = spaced.first else { return name }
        return first.uppercased() + spaced.dropFirst()
    }

    /// `folder` joined with a relative `path`, `.` and `..` resolved; nil when it climbs above
    /// the docs folder.
    static func resolve(_ path: String, from folder: String) -> String? {
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The relative path from a page in `folder` to the file `target` (both relative to the
    /// same root, without `.` or `..`): `relative(from: "docs/a", to: "docs/b/x.html")` is
    /// `../b/x.html`. Works on the UTF-8 bytes: it runs for every link of every page.
    static func relative(from folder: String, to target: String) -> String {
        let slash = UInt8(ascii: "/")
        let from = Array(folder.utf8), to = Array(target.utf8)
        let fromParts = from.isEmpty ? [] : from.split(separator: slash, omittingEmptySubsequences: false)
        let toParts = to.split(separator: slash, omittingEmptySubsequences: false)
        guard let fileName = toParts.last else { return target }
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] { common += 1 }
        let rest = common < toParts.count ? toParts[common].startIndex : fileName.startIndex
        var out: [UInt8] = []
        out.reserveCapacity((fromParts.count - common) * 3 + to.count - rest)
        for _ in common..<fromParts.count { out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "."), slash]) }
        out.append(contentsOf: to[rest...])
        return String(decoding: out, as: UTF8.self)
    }

}
