import OpenAPIKit

/// What the search knows of the API pages: each operation (its id and `METHOD /path` count
/// like headings), schema, tag and overview, with its descriptions, parameters, properties
/// and responses as passages.
extension APIReferenceRenderer {
    func searchDocuments() -> [SearchDocument] {
        var pages: [(APIReference, Page)] = []
        for (r, reference) in references.enumerated() {
            pages.append((reference, .overview(r)))
            pages += reference.tags.indices.map { (reference, .tag(r, $0)) }
            pages += reference.operations.indices.map { (reference, .operation(r, $0)) }
            pages += reference.schemas.indices.map { (reference, .schema(r, $0)) }
        }
        let renderer = self
        return pages.concurrentMap { reference, page in renderer.searchDocument(reference, page) }
    }

    private func searchDocument(_ reference: APIReference, _ page: Page) -> SearchDocument {
        let document = reference.spec.document
        let (path, _) = output(of: page)
        switch page {
        case .operation(_, let index):
            let entry = reference.operations[index]
            let operation = entry.operation
            var sections = text(operation.description)
            let parameters = entry.parameters.map { APIReferenceRenderer.passage($0.name, plain($0.description)) }
            if !parameters.isEmpty { sections.append(.init(id: "Parameters", heading: "Parameters", passages: parameters)) }
            if let body = operation.requestBody.flatMap({ document.components[$0] }) {
                var passages = [plain(body.description)].filter { !$0.isEmpty }
                for content in body.content.values.compactMap({ document.components[$0] }) { passages += properties(of: content.schema,
                    in: reference) }
                sections.append(.init(id: "Request-body", heading: "Request body", passages: passages))
            }
            let responses = operation.responses.map { status, either in
                APIReferenceRenderer.passage("\(status.rawValue) \(APIReferenceRenderer.reason(status.rawValue))",
                    plain(document.components[either]?.description))
            }
            if !responses.isEmpty { sections.append(.init(id: "Responses", heading: "Responses", passages: responses)) }
            return SearchDocument(url: path, title: entry.title,
                                  keywords: [operation.operationId, "\(entry.method) \(entry.path)"].compactMap { $0 },
                                  sections: sections)
        case .schema(_, let index):
            let entry = reference.schemas[index]
            var sections = text(entry.schema.description)
            let passages = properties(of: entry.schema, in: reference, resolving: false)
            if !passages.isEmpty { sections.append(.init(id: "", heading: "Properties", passages: passages)) }
            return SearchDocument(url: path, title: entry.name, keywords: [entry.schema.title].compactMap { $0 }, sections: sections)
        case .tag(_, let index):
            let tag = reference.tags[index]
            var sections = text(tag.description)
            sections.append(.init(id: "", heading: "", passages: tag.operations.map { reference.operations[$0].title }))
            return SearchDocument(url: path, title: tag.name, keywords: [document.info.title], sections: sections)
        default:
            var sections = text(document.info.description)
            let servers = document.servers.map(APIReferenceRenderer.serverURL)
            if !servers.isEmpty { sections.append(.init(id: "Servers", heading: "Servers", passages: servers)) }
            return SearchDocument(url: path, title: document.info.title, keywords: [APIReferenceRenderer.title], sections: sections)
        }
    }

    /// A description's sections (text of its Markdown).
    private func text(_ markdown: String?) -> [SearchDocument.Section] {
        guard let markdown, !markdown.isEmpty else { return [] }
        return SearchText.sections(fromHTML: self.markdown.html(markdown))
            .map { SearchDocument.Section(id: "", heading: $0.heading, passages: $0.passages) }
    }

    private func plain(_ markdown: String?) -> String {
        text(markdown).flatMap { [$0.heading] + $0.passages }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `name: description` for each top-level property of a schema (through one `$ref`).
    private func properties(of schema: JSONSchema?, in reference: APIReference, resolving: Bool = true) -> [String] {
        guard var schema else { return [] }
        if resolving, let name = schema.reference?.name, let index = reference.schema(named: name) {
            schema = reference.schemas[index].schema
        }
        guard let context = schema.objectContext else { return [] }
        return context.properties.map { name, property in APIReferenceRenderer.passage(name, plain(property.description)) }
    }

    /// `name: what it is`, or the name alone.
    static func passage(_ name: String, _ text: String) -> String {
        text.isEmpty ? name : name + ": " + text
    }
}
