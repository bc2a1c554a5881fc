import Foundation

/// A file compiled into the `forge` binary: its path relative to the folder it came from.
public struct EmbeddedFile: Sendable, Hashable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What the build compiles in (see `Plugins/EmbedForgeFiles`): the default theme, the starter
/// site of `forge new`, and the version and git revision forge was built from.
public enum ForgeEmbedded {
    /// `Themes/default/` (dot-files left out), in byte order of the paths.
    public static let defaultTheme: [EmbeddedFile] = decode(EmbeddedFileTable.defaultTheme)
    /// `Starter/`, dot-files included, in byte order of the paths.
    public static let starterSite: [EmbeddedFile] = decode(EmbeddedFileTable.starterSite)
    /// The contents of `VERSION`.
    public static let version: String = BuildInfo.version
    /// The commit forge was built from (12 hex digits), `FORGE_REVISION` when built outside a
    /// git checkout, else nil.
    public static let revision: String? = BuildInfo.revision
    /// The GitHub repository forge was built from (`OWNER/REPO`, from the origin remote or
    /// `FORGE_REPOSITORY`), for the workflow of `forge new`; nil when unknown.
    public static let repository: String? = BuildInfo.repository

    private static func decode(_ table: [(String, String)]) -> [EmbeddedFile] {
        // The table is generated from files at build time: base64 that does not decode would be
        // a bug in embed.sh, so it is left out rather than trusted.
        table.compactMap { path, base64 in
            Data(base64Encoded: base64).map { EmbeddedFile(path: path, bytes: [UInt8]($0)) }
        }
    }
}
