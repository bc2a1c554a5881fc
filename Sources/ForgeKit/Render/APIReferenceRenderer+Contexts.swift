import OpenAPIKit

/// The template contexts of the API pages other than operations. URLs are relative to the
/// page; every key a template tests is present (Mustache looks a missing one up in the
/// enclosing contexts).
extension APIReferenceRenderer {
    typealias APIPage = MergedContext<PageContext, APIPageContent>

    func base(_ path: String) -> String { DocPath.folder(of: path) }

    func frame(_ path: String, kind: String, title: String, description: String?) -> PageContext {
        PageContext(config: config, outputPath: path, kind: kind, title: title, description: description, assets: assets, hasDocs: hasDocs)
    }

    func crumbs(_ items: [(String, String)], from base: String) -> [APICrumb] {
        items.map { APICrumb(title: $0.0, url: DocPath.relative(from: base, to: $0.1)) }
    }

    func indexContext(path: String, docs: DocContext.DocsValues) -> APIPage {
        let frame = self.frame(path, kind: "api-index", title: APIReferenceRenderer.title,
                          description: "The HTTP APIs of \(config.title), operation by operation.")
        let apis = references.map { reference in
            let info = reference.spec.document.info
            return APIIndexContext.API(title: info.title, version: info.version,
                url: DocPath.relative(from: "api", to: reference.overviewPath),
                                       summary: APIReferenceRenderer.sentence(info.summary ?? info.description) ?? "",
                                       operationCount: reference.operations.count, schemaCount: reference.schemas.count)
        }
        return frame.with(.index(APIIndexContext(docs: docs, apis: apis)))
    }

    func overviewContext(_ reference: APIReference, path: String, docs: DocContext.DocsValues) -> APIPage {
        let document = reference.spec.document
        let here = base(path)
        let frame = self.frame(path, kind: "api-overview", title: document.info.title,
                          description: APIReferenceRenderer.sentence(document.info.summary ?? document.info.description))
        let servers = document.servers.map { server in
            APIOverviewContext.Server(url: APIReferenceRenderer.serverURL(server),
                descriptionHTML: server.description.map { markdown.html($0) } ?? "")
        }
        let schemes = securitySchemes(reference, base: here)
        let spec = APIOverviewContext.Spec(
            title: document.info.title,
            version: document.info.version,
            openapi: reference.spec.version,
            descriptionHTML: document.info.description.map { markdown.html($0, headingIDs: true) } ?? "",
            servers: servers, hasServers: !servers.isEmpty,
            tags: reference.tags.enumerated().map { t, tag in
                APIOverviewContext.Tag(title: tag.name, url: DocPath.relative(from: here, to: reference.path(ofTag: t)),
                    count: tag.operations.count,
                                       isSingular: tag.operations.count == 1, descriptionHTML: tag.description.map { markdown.html($0) }
                                           ?? "")
            },
            schemas: DocPath.relative(from: here, to: reference.schemasPath),
            schemaCount: reference.schemas.count,
            hasSchemas: !reference.schemas.isEmpty,
            security: schemes,
            hasSecurity: !schemes.isEmpty)
        let trail = crumbs([(APIReferenceRenderer.title, APIReferenceRenderer.indexPath)], from: here)
        return frame.with(.overview(APIOverviewContext(docs: docs, crumbs: trail, spec: spec)))
    }

    func tagContext(_ reference: APIReference, tag index: Int, path: String, docs: DocContext.DocsValues) -> APIPage {
        let tag = reference.tags[index]
        let here = base(path)
        let frame = self.frame(path, kind: "api-tag", title: tag.name,
                          description: APIReferenceRenderer.sentence(tag.description)
                              ?? "\(tag.operations.count) operations of \(reference.spec.document.info.title).")
        let operations = tag.operations.map { o in
            let operation = reference.operations[o]
            return APITagContext.Operation(title: operation.title, method: operation.method, methodClass: operation.method.lowercased(),
                                           path: operation.path, url: DocPath.relative(from: here, to: reference.path(ofOperation: o)),
                                           deprecated: operation.operation.deprecated,
                                           summary: APIReferenceRenderer.sentence(operation.operation.description) ?? "")
        }
        let trail = crumbs([(APIReferenceRenderer.title, APIReferenceRenderer.indexPath),
                            (reference.spec.document.info.title, reference.overviewPath)], from: here)
        let values = APITagContext.Tag(title: tag.name, descriptionHTML: tag.description.map { markdown.html($0, headingIDs: true) } ?? "",
                                       operations: operations)
        return frame.with(.tag(APITagContext(docs: docs, crumbs: trail, tag: values)))
    }

    func schemasContext(_ reference: APIReference, path: String, docs: DocContext.DocsValues) -> APIPage {
        let here = base(path)
        let frame = self.frame(path, kind: "api-schemas", title: "Schemas",
                          description: "The \(reference.schemas.count) schemas of \(reference.spec.document.info.title).")
        let sorted = reference.schemas.indices.sorted {
            let a = reference.schemas[$0].name.lowercased(), b = reference.schemas[$1].name.lowercased()
            return a == b ? reference.schemas[$0].name < reference.schemas[$1].name : a < b
        }
        let items = sorted.map { s in
            APISchemasContext.Item(name: reference.schemas[s].name, url: DocPath.relative(from: here, to: reference.path(ofSchema: s)),
                                   summary: APIReferenceRenderer.sentence(reference.schemas[s].schema.description) ?? "")
        }
        let trail = crumbs([(APIReferenceRenderer.title, APIReferenceRenderer.indexPath),
                            (reference.spec.document.info.title, reference.overviewPath)], from: here)
        return frame.with(.schemas(APISchemasContext(docs: docs, crumbs: trail,
                                                     schemas: APISchemasContext.Schemas(items: items, count: reference.schemas.count))))
    }

    func schemaContext(_ reference: APIReference, schema index: Int, path: String, docs: DocContext.DocsValues) -> APIPage {
        let entry = reference.schemas[index]
        let here = base(path)
        let frame = self.frame(path, kind: "api-schema", title: entry.name,
                          description: APIReferenceRenderer.sentence(entry.schema.description)
                              ?? "The \(entry.name) schema of \(reference.spec.document.info.title).")
        let html = APISchemaHTML(reference: reference, markdown: markdown, base: here)
        let example = APIExampleGenerator(reference: reference, forRequest: false).example(entry.schema, named: entry.name)
        let usedBy = (reference.usedBy[entry.name] ?? []).prefix(50).map { o in
            let operation = reference.operations[o]
            return APIOperationLink(title: operation.title, method: operation.method, methodClass: operation.method.lowercased(),
                                    url: DocPath.relative(from: here, to: reference.path(ofOperation: o)))
        }
        let schema = APISchemaContext.Schema(
            name: entry.name,
            schemaHTML: html.html(entry.schema, expandingReference: false),
            exampleHTML: example == .null ? "" : APIReferenceRenderer.exampleBlock(example.text(), info: "json"),
            usedBy: Array(usedBy), hasUsedBy: !usedBy.isEmpty)
        let trail = crumbs([(APIReferenceRenderer.title, APIReferenceRenderer.indexPath),
                            (reference.spec.document.info.title, reference.overviewPath),
                            ("Schemas", reference.schemasPath)], from: here)
        return frame.with(.schema(APISchemaContext(docs: docs, crumbs: trail, schema: schema)))
    }

    /// The first sentence of a description, as plain text of at most 160 characters, for
    /// meta descriptions and listings.
    static func sentence(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        // The first line only (a description can be pages long; this runs for every page).
        let firstLine = text[..<(text.firstIndex(of: "\n") ?? text.endIndex)].prefix(400)
        var plain = String(firstLine).replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "**", with: "")
        if let stop = plain.range(of: ". ") { plain = String(plain[..<stop.lowerBound]) + "." }
        guard plain.count > 160 else { return plain }
        return RenderedMarkdown.trimmedExcerpt(Array(plain.utf8), limit: 160)
    }

    /// A server's URL with its variables at their defaults.
    static func serverURL(_ server: OpenAPI.Server) -> String {
        var url = server.urlTemplate.rawValue
        for (name, variable) in server.variables { url = url.replacingOccurrences(of: "{\(name)}", with: variable.default) }
        return url
    }
}
