import OpenAPIKit

/// One spec arranged as its reference pages show it: operations (with the parameters of their
/// path merged in and every `$ref` to a parameter resolved), grouped by tag in the spec's
/// order, and the component schemas, each with the file name of its page.
///
/// Pages, below `api/<slug>/`: `index.html` (overview), `tags/<tag>.html`,
/// `operations/<operationId>.html`, `schemas/index.html`, `schemas/<Name>.html`.
public struct APIReference: Sendable {
    public struct Operation: Sendable {
        /// `POST`
        public var method: String
        /// `/chat/completions`
        public var path: String
        public var operation: OpenAPI.Operation
        /// The path item's parameters and the operation's (which win on the same name and
        /// location), references resolved, in that order.
        public var parameters: [OpenAPI.Parameter]
        /// Indexes into `tags`: the first is the tag the page is filed under.
        public var tags: [Int]
        public var fileName: String
        /// The summary, else the operation id, else `POST /chat/completions`.
        public var title: String
        /// Where the operation is in the file: `#/paths/~1chat~1completions/post`.
        public var pointer: String
    }

    public struct Tag: Sendable {
        public var name: String
        public var description: String?
        public var fileName: String
        public var operations: [Int]
    }

    public struct Schema: Sendable {
        public var name: String
        public var fileName: String
        public var schema: JSONSchema
    }

    /// The tag of operations that name none.
    static let untagged = "Other operations"

    public let spec: APISpec
    public let operations: [Operation]
    public let tags: [Tag]
    /// In the order of `components.schemas`.
    public let schemas: [Schema]
    let schemaIndex: [String: Int]
    /// Schema name → the operations whose request or responses name it at their top (a body's
    /// `$ref`, or its array's items'), for a schema page's "Used by". Made once: asking each
    /// schema page to scan every operation was most of a large spec's build.
    let usedBy: [String: [Int]]

    public init(_ spec: APISpec) {
        self.spec = spec
        let document = spec.document
        var tagNames: [String] = document.tags?.map(\.name) ?? []
        var tagDescriptions: [String: String] = [:]
        for tag in document.tags ?? [] { tagDescriptions[tag.name] = tag.description }

        var operations: [Operation] = []
        for (path, item) in document.paths {
            guard let pathItem = document.components[item] else { continue }
            for endpoint in pathItem.endpoints {
                let operation = endpoint.operation
                var parameters: [OpenAPI.Parameter] = pathItem.parameters.compactMap { document.components[$0] }
                for parameter in operation.parameters.compactMap({ document.components[$0] }) {
                    if let same = parameters.firstIndex(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                        parameters[same] = parameter
                    } else {
                        parameters.append(parameter)
                    }
                }
                var names = operation.tags ?? []
                if names.isEmpty { names = [APIReference.untagged] }
                var tagIndexes: [Int] = []
                for name in names {
                    if !tagNames.contains(name) { tagNames.append(name) }
                    if let index = tagNames.firstIndex(of: name), !tagIndexes.contains(index) { tagIndexes.append(index) }
                }
                let method = endpoint.method.rawValue.uppercased()
                let title = operation.summary.flatMap { $0.isEmpty ? nil : $0 } ?? operation.operationId ?? "\(method) \(path.rawValue)"
                operations.append(Operation(method: method, path: path.rawValue, operation: operation, parameters: parameters,
                                            tags: tagIndexes, fileName: "", title: title,
                                            pointer: "#/paths/" + APIReference.pointerToken(path.rawValue) + "/"
                                                + endpoint.method.rawValue.lowercased()))
            }
        }
        let operationFiles = APISlug.unique(operations.map { $0.operation.operationId ?? "\($0.method) \($0.path)" })
        for index in operations.indices { operations[index].fileName = operationFiles[index] }

        // Tags with operations, in the spec's order (then first use); "Other operations" last.
        var tags: [Tag] = []
        var newIndex: [Int: Int] = [:]
        var order = Array(tagNames.indices)
        if let other = tagNames.firstIndex(of: APIReference.untagged) {
            order.removeAll { $0 == other }
            order.append(other)
        }
        let tagFiles = APISlug.unique(order.map { tagNames[$0] }, fileName: APISlug.make)
        for (position, old) in order.enumerated() {
            let members = operations.indices.filter { operations[$0].tags.contains(old) }
            guard !members.isEmpty else { continue }
            newIndex[old] = tags.count
            tags.append(Tag(name: tagNames[old], description: tagDescriptions[tagNames[old]], fileName: tagFiles[position],
                operations: members))
        }
        for index in operations.indices { operations[index].tags = operations[index].tags.compactMap { newIndex[$0] } }
        self.operations = operations
        self.tags = tags

        let names = document.components.schemas.map { $0.key.rawValue }
        let files = APISlug.unique(names)
        var schemas: [Schema] = []
        var schemaIndex: [String: Int] = [:]
        for (offset, entry) in document.components.schemas.enumerated() {
            schemaIndex[entry.key.rawValue] = schemas.count
            schemas.append(Schema(name: entry.key.rawValue, fileName: files[offset], schema: entry.value))
        }
        self.schemas = schemas
        self.schemaIndex = schemaIndex

        var usedBy: [String: [Int]] = [:]
        func topName(_ schema: JSONSchema?) -> String? {
            schema?.reference?.name ?? schema?.arrayContext?.items?.reference?.name
        }
        for (index, entry) in operations.enumerated() {
            var found: [String] = []
            let bodies = entry.operation.requestBody.flatMap { document.components[$0] }.map { [$0.content] } ?? []
            let responses = entry.operation.responses.values.compactMap { document.components[$0]?.content }
            for content in bodies + responses {
                for either in content.values {
                    if let name = topName(document.components[either]?.schema), !found.contains(name) { found.append(name) }
                }
            }
            for name in found { usedBy[name, default: []].append(index) }
        }
        self.usedBy = usedBy
    }

    // MARK: Pages, from the site root

    public var folder: String { "api/" + spec.slug }
    public var overviewPath: String { folder + "/index.html" }
    public var schemasPath: String { folder + "/schemas/index.html" }
    public func path(ofOperation index: Int) -> String { folder + "/operations/" + operations[index].fileName + ".html" }
    public func path(ofTag index: Int) -> String { folder + "/tags/" + tags[index].fileName + ".html" }
    public func path(ofSchema index: Int) -> String { folder + "/schemas/" + schemas[index].fileName + ".html" }

    /// Every page this reference makes, from the site root: what a doc may link to.
    public var pagePaths: [String] {
        [overviewPath, schemasPath] + operations.indices.map(path(ofOperation:)) + tags.indices.map(path(ofTag:))
            + schemas.indices.map(path(ofSchema:))
    }

    /// The schema a `#/components/schemas/Name` reference names.
    func schema(named name: String) -> Int? { schemaIndex[name] }

    /// A JSON pointer token: `~` as `~0`, `/` as `~1`.
    static func pointerToken(_ text: String) -> String {
        text.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
