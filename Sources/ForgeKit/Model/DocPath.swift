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

    /// The relative path from a page in `folder` to `target` (both below the docs folder).
    static func relative(from folder: String, to target: String) -> String {
        let from = folder.isEmpty ? [] : folder.split(separator: "/")
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
