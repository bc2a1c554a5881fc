import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension SafePath {
    /// Checks the site's data files before any of them is read: `site.yaml` (`.yml`, `.json`)
    /// and everything below `data/`. A link there that leads out of the content folder, or
    /// nowhere, and anything that is not a file or folder (a FIFO would block the read), is a
    /// problem; the loaders then read nothing, so no byte from outside reaches a message.
    static func dataFileProblems(contentDirectory: URL, displayDirectory: String) -> [FileTree.Problem] {
        let root = boundary(contentDirectory)
        var problems: [FileTree.Problem] = []
        for ext in DataFile.extensions {
            let path = root + "/site." + ext
            let display = displayDirectory + "/site." + ext
            if let reason = linkProblem(at: path, boundary: root, boundaryDisplay: displayDirectory) {
                problems.append(FileTree.Problem(displayPath: display, reason: reason))
            } else if let info = status(path, followingLinks: true), info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
                problems.append(FileTree.Problem(displayPath: display, reason: .notAFile(kindName(info.st_mode))))
            }
        }
        let data = FileTree.walk(contentDirectory.appendingPathComponent("data"), display: displayDirectory + "/data",
                                 within: contentDirectory, boundaryDisplay: displayDirectory)
        return problems + data.problems
    }
}
