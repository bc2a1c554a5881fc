import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where `forge keys manifest --output FILE` may write: anywhere but where a site is published
/// from. A manifest holds no secret, but it lists every live key's hash, scopes and budget: it
/// belongs to the gateway's deployment, not to a public page. So a path inside the content
/// folder, inside `Output/`, or inside any folder marked as a Forge output (`.forge-output`)
/// is refused, with links resolved first (a link into `Content/` is still `Content/`).
public struct ManifestDestination: Sendable {
    public let path: URL
    /// As the user wrote it, for messages.
    public let display: String

    public init(path: URL, display: String) {
        self.path = path.standardizedFileURL
        self.display = display
    }

    /// - Parameter published: folders that are published or built from (the content folder and
    ///   the default output folder).
    public func check(published: [(url: URL, display: String)]) throws(KeysError) {
        let folder = path.deletingLastPathComponent()
        guard let real = SafePath.real(folder.path) else {
            throw KeysError(.io("the folder \(folder.path) does not exist"), path: display)
        }
        for (url, name) in published {
            let boundary = SafePath.boundary(url)
            if SafePath.isInside(real, boundary) {
                throw KeysError(.refused("it is inside \(name)/, which is published; keep the manifest with the gateway's deployment"),
                    path: display)
            }
        }
        var ancestor = real
        while true {
            if SafePath.status(ancestor + "/" + OutputWriter.markerName, followingLinks: false) != nil {
                throw KeysError(.refused("it is inside \(ancestor)/, a folder forge builds a site into (it has "
                    + "\(OutputWriter.markerName)), which is published"), path: display)
            }
            guard ancestor != "/" else { break }
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if let info = SafePath.status(path.path, followingLinks: true), info.st_mode & S_IFMT == S_IFDIR {
            throw KeysError(.refused("it is a folder; name a file"), path: display)
        }
    }

    /// Writes `text` beside the file and renames it over (a gateway that reloads the file sees
    /// the old manifest or the new one, never half).
    public func write(_ text: String) throws(KeysError) {
        let folder = path.deletingLastPathComponent().path
        let temporary = folder + "/.\(path.lastPathComponent).forge-new-\(getpid())-\(UInt32.random(in: .min ... .max))"
        if let why = KeyFileWriter.writeNew(temporary, bytes: Array(text.utf8)) {
            unlink(temporary)
            throw KeysError(.io(why), path: display)
        }
        guard rename(temporary, path.path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw KeysError(.io(why), path: display)
        }
    }
}
