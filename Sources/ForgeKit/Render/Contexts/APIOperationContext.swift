/// What `api-operation.mustache` adds to the page frame: one operation, made by
/// `APIReferenceRenderer.operationContext`.
struct APIOperationContext: Encodable {
    var docs: DocContext.DocsValues
    var crumbs: [APICrumb]
    var op: Operation

    struct Operation: Encodable {
        var title: String
        var method: String
        var methodClass: String
        var path: String
        var operationId: String
        var hasOperationId: Bool
        var deprecated: Bool
        var descriptionHTML: String
        /// Parameters by location, in the order requests are written.
        var parameterGroups: [ParameterGroup]
        var hasParameters: Bool
        var request: Request?
        var hasRequest: Bool
        var responses: [Response]
        var hasResponses: Bool
        /// Each requirement is one way to authenticate.
        var security: [Requirement]
        var hasSecurity: Bool
        /// curl, highlighted.
        var exampleRequestHTML: String
    }

    struct ParameterGroup: Encodable {
        var title: String
        var id: String
        var parameters: [Parameter]
    }

    struct Parameter: Encodable {
        var name: String
        var typeHTML: String
        var required: Bool
        var deprecated: Bool
        var descriptionHTML: String
        var factsHTML: String
        var hasFacts: Bool
    }

    struct Request: Encodable {
        var required: Bool
        var descriptionHTML: String
        var media: [Media]
    }

    /// A body's schema and example for one media type.
    struct Media: Encodable {
        var type: String
        var schemaHTML: String
        var exampleHTML: String
    }

    struct Response: Encodable {
        var status: String
        var statusText: String
        var id: String
        var isSuccess: Bool
        var descriptionHTML: String
        var headers: [Header]
        var hasHeaders: Bool
        var media: [Media]
    }

    struct Header: Encodable {
        var name: String
        var typeHTML: String
        var required: Bool
        var descriptionHTML: String
    }

    /// Schemes that all apply; none means the operation also works without credentials.
    struct Requirement: Encodable {
        var schemes: [APISecurityScheme]
        var isNone: Bool
    }
}
