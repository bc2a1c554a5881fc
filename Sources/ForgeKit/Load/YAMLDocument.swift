/// One YAML (or JSON) file parsed into a node tree that remembers line and column.
struct YAMLDocument {
    let source: SourceText
    /// nil for an empty file.
    let root: YAMLNode?

    /// Parses `source` within `YAMLLimits`; nil, with every problem located in `diagnostics`,
    /// when it does not parse or breaks a limit.
    static func parse(_ source: SourceText, diagnostics: inout Diagnostics) -> YAMLDocument? {
        guard source.text.utf8.count <= YAMLLimits.maximumFileBytes else {
            diagnostics.report(.tooLarge("the file is larger than \(YAMLLimits.maximumFileBytes >> 20) MB, more than any site data " +
                "needs; " +
                "split it or check what it holds"),
                               at: SourceLocation(path: source.displayPath))
            return nil
        }
        let (root, isValid) = YAMLComposer.compose(source, diagnostics: &diagnostics)
        return isValid ? YAMLDocument(source: source, root: root) : nil
    }
}
