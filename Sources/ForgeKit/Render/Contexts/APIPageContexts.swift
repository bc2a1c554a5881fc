/// What the API reference's page kinds add to the page frame (`api-index`, `api-overview`,
/// `api-tag`, `api-operation`, `api-schemas`, `api-schema`), made by `APIReferenceRenderer`.
/// Every URL is relative to the page; values named `…HTML` are HTML made from the spec (text in
/// it escaped), inlined unescaped on purpose.
enum APIPageContent: Encodable {
    case index(APIIndexContext)
    case overview(APIOverviewContext)
    case tag(APITagContext)
    case operation(APIOperationContext)
    case schemas(APISchemasContext)
    case schema(APISchemaContext)

    func encode(to encoder: Encoder) throws {
        switch self {
        case .index(let content): try content.encode(to: encoder)
        case .overview(let content): try content.encode(to: encoder)
        case .tag(let content): try content.encode(to: encoder)
        case .operation(let content): try content.encode(to: encoder)
        case .schemas(let content): try content.encode(to: encoder)
        case .schema(let content): try content.encode(to: encoder)
        }
    }
}

/// The trail above an API page (`_partials/api-breadcrumbs`).
typealias APICrumb = DocContext.Link

/// An operation in a list: method and title.
struct APIOperationLink: Encodable {
    var title: String
    var method: String
    /// The method in lower case, for the CSS class.
    var methodClass: String
    var url: String
}

struct APIIndexContext: Encodable {
    var docs: DocContext.DocsValues
    var apis: [API]

    struct API: Encodable {
        var title: String
        var version: String
        var url: String
        var summary: String
        var operationCount: Int
        var schemaCount: Int
    }
}

struct APIOverviewContext: Encodable {
    var docs: DocContext.DocsValues
    var crumbs: [APICrumb]
    var spec: Spec

    struct Spec: Encodable {
        var title: String
        var version: String
        /// The OpenAPI version of the file.
        var openapi: String
        var descriptionHTML: String
        var servers: [Server]
        var hasServers: Bool
        var tags: [Tag]
        /// The schema list's URL.
        var schemas: String
        var schemaCount: Int
        var hasSchemas: Bool
        var security: [APISecurityScheme]
        var hasSecurity: Bool
    }

    struct Server: Encodable {
        var url: String
        var descriptionHTML: String
    }

    struct Tag: Encodable {
        var title: String
        var url: String
        var count: Int
        var isSingular: Bool
        var descriptionHTML: String
    }
}

/// A way to authenticate, and how it relates to this site's keys.
struct APISecurityScheme: Encodable {
    var name: String
    var howHTML: String
    var keyNoteHTML: String
    var usesKeys: Bool
    var descriptionHTML: String
}

struct APITagContext: Encodable {
    var docs: DocContext.DocsValues
    var crumbs: [APICrumb]
    var tag: Tag

    struct Tag: Encodable {
        var title: String
        var descriptionHTML: String
        var operations: [Operation]
    }

    struct Operation: Encodable {
        var title: String
        var method: String
        var methodClass: String
        var path: String
        var url: String
        var deprecated: Bool
        var summary: String
    }
}

struct APISchemasContext: Encodable {
    var docs: DocContext.DocsValues
    var crumbs: [APICrumb]
    var schemas: Schemas

    struct Schemas: Encodable {
        var items: [Item]
        var count: Int
    }

    struct Item: Encodable {
        var name: String
        var url: String
        var summary: String
    }
}

struct APISchemaContext: Encodable {
    var docs: DocContext.DocsValues
    var crumbs: [APICrumb]
    var schema: Schema

    struct Schema: Encodable {
        var name: String
        var schemaHTML: String
        var exampleHTML: String
        /// At most 50 operations.
        var usedBy: [APIOperationLink]
        var hasUsedBy: Bool
    }
}
