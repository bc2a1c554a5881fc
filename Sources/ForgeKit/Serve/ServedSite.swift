/// One complete build as `forge serve` serves it: every output file by path, in memory. A
/// rebuild makes a new value and the server swaps it in whole, so a request sees one build or
/// the next, never a mix.
struct ServedSite: Sendable {
    /// Counts good builds from 1.
    let build: Int
    let files: [String: [UInt8]]

    init(build: Int, files: [OutputFile]) {
        self.build = build
        var byPath: [String: [UInt8]] = [:]
        byPath.reserveCapacity(files.count)
        for file in files { byPath[file.path] = file.bytes }
        self.files = byPath
    }

    /// The output paths added, changed or removed since `previous`. Files a rebuild reused
    /// share their storage with the previous build, so comparing them costs nothing.
    func changedPaths(since previous: ServedSite) -> [String] {
        var changed: [String] = []
        for (path, bytes) in files where previous.files[path] != bytes { changed.append(path) }
        for path in previous.files.keys where files[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
