import ForgeEmbedded
import Foundation

/// `forge theme eject [NAME]`: the built-in default theme, copied to `Themes/NAME/` to edit
/// freely. Every file of the copy then overrides the built-in one (a site's `Themes/default/`
/// comes before the built-in theme; another name needs `theme: NAME` in site.yaml).
public struct ThemeEjector: Sendable {
    public var files: [EmbeddedFile]

    public init(files: [EmbeddedFile] = ForgeEmbedded.defaultTheme) {
        self.files = files
    }

    /// Writes the theme into `folder` (which must not exist, or be empty); returns the paths written.
    public func write(to folder: URL, display: String) throws(ScaffoldError) -> [String] {
        try FreshFolder(target: folder, display: display, what: "the theme").write(files.map { ($0.path, $0.bytes) })
    }
}
