/// The context of `_partials/api-nav`, made by `APINavigation` once per folder, tag and block.
struct APINavContext: TemplateContext {
    var api: Navigation

    struct Navigation: Encodable {
        var home: String
        var homeTitle: String
        var hasDocs: Bool
        /// docs/index.html
        var docs: String
        var hasAPIs: Bool
        var apis: [API]
        /// The current API; nil on api/index.html.
        var spec: Spec?
    }

    struct API: Encodable {
        var title: String
        var url: String
        var open: Bool
    }

    struct Spec: Encodable {
        var title: String
        var url: String
        var tags: [Tag]
        var schemas: String
        var schemaCount: Int
        var hasSchemas: Bool
    }

    /// A tag; the open tag lists its operations (a block of 50 around the page).
    struct Tag: Encodable {
        var title: String
        var url: String
        var open: Bool
        var operations: [APIOperationLink]
        var hasOperations: Bool
        var hiddenBefore: Int?
        var hiddenAfter: Int?
    }
}
