import ForgeEmbedded
import Foundation

/// `forge new DIR`: a working site from the starter compiled into forge (`Starter/`): sample
/// keys, usage, plans and docs, a README, a `.gitignore`, and a GitHub Pages workflow that
/// builds it with forge's GitHub Action.
public struct SiteScaffold: Sendable {
    /// Written in `Starter/.github/workflows/pages.yml` where the action goes.
    public static let actionPlaceholder = "__FORGE_ACTION__"
    /// Written in `Starter/README.md` where forge's repository goes (`OWNER/REPO`).
    public static let repositoryPlaceholder = "__FORGE_REPOSITORY__"
    /// What the workflow names when forge does not know its repository.
    public static let unknownRepository = "OWNER/forge"

    /// `OWNER/REPO@REF` for `uses:` in the Pages workflow.
    public var action: String
    public var files: [EmbeddedFile]

    /// The action of the repository forge was built from, at this version's tag (`v0.2.0`);
    /// nil when the build did not know the repository (see `ForgeEmbedded.repository`).
    public static var defaultAction: String? {
        ForgeEmbedded.repository.map { "\($0)@v\(ForgeEmbedded.version)" }
    }

    public init(action: String, files: [EmbeddedFile] = ForgeEmbedded.starterSite) {
        self.action = action
        self.files = files
    }

    /// `OWNER/REPO@REF` or `OWNER/REPO/PATH@REF`, and nothing a YAML line could be bent by.
    public static func isValidAction(_ action: String) -> Bool {
        let parts = action.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[0].split(separator: "/").count >= 2 else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./@")
        return action.allSatisfy { allowed.contains($0) } && !parts[0].hasPrefix("/") && !parts[0].contains("..")
    }

    /// Writes the site into `folder` (which must not exist, or be empty); returns the paths written.
    public func write(to folder: URL, display: String) throws(ScaffoldError) -> [String] {
        let action = Array(action.utf8)
        let repository = Array(action.prefix { $0 != UInt8(ascii: "@") })
        let contents = files.map { file in
            let bytes = SiteScaffold.replacing(Array(SiteScaffold.actionPlaceholder.utf8), with: action, in: file.bytes)
            return (path: file.path,
                bytes: SiteScaffold.replacing(Array(SiteScaffold.repositoryPlaceholder.utf8), with: repository, in: bytes))
        }
        return try FreshFolder(target: folder, display: display, what: "the site").write(contents)
    }

    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty, bytes.count >= needle.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                index += needle.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
