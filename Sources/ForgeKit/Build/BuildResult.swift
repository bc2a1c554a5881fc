/// What a successful build made.
public struct BuildResult: Sendable {
    /// HTML pages written (dashboard, docs, 404).
    public var pageCount: Int
    /// All files written.
    public var fileCount: Int
    /// Warnings that did not fail the build (broken links without `--strict`).
    public var diagnostics: Diagnostics
    /// The built files, for `forge check` and tests.
    public var files: [OutputFile]
    /// Where the site is published (`forge serve` serves it under this path).
    public var baseURL: BaseURL
}
