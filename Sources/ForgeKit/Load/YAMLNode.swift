/// One node of a YAML file as `YAMLComposer` builds it, with the line and column it starts at:
/// what `NodeReader` reads. Aliases are resolved (within `YAMLLimits.aliasBudget`) and tags
/// refused, so there are only three kinds.
struct YAMLNode: Sendable {
    enum Content: Sendable {
        /// `isPlain`: unquoted and not a block scalar, the only style that may be a number or null.
        case scalar(String, isPlain: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    var content: Content
    var line: Int
    var column: Int

    /// The scalar's text, nil for a mapping or a list.
    var string: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }
}
