import OpenAPIKit

/// The context of an operation's page: method and path, description, authentication (with
/// the note that ties an API-key or bearer scheme to this site's keys), parameters by
/// location, the request body and each response per media type (schema and example), and an
/// example request with curl.
extension APIReferenceRenderer {
    func operationContext(_ reference: APIReference, operation index: Int, path: String, docs: DocContext.DocsValues) -> APIPage {
        let entry = reference.operations[index]
        let operation = entry.operation
        let document = reference.spec.document
        let here = base(path)
        let schemas = APISchemaHTML(reference: reference, markdown: markdown, base: here)
        let frame = self.frame(path, kind: "api-operation", title: entry.title,
                            description: APIReferenceRenderer.sentence(operation.description) ?? "\(entry.method) \(entry.path)")

        // Parameters by location, in the order requests are written.
        var groups: [APIOperationContext.ParameterGroup] = []
        for (location, title) in [(OpenAPI.Parameter.Context.Location.path, "Path parameters"), (.query, "Query parameters"),
                                  (.querystring, "Query string"),
                                  (.header, "Header parameters"), (.cookie, "Cookie parameters")] {
            let members = entry.parameters.filter { $0.location == location }
            guard !members.isEmpty else { continue }
            groups.append(APIOperationContext.ParameterGroup(title: title, id: "Parameters-" + location.rawValue,
                                                             parameters: members.map { parameter($0, schemas: schemas) }))
        }

        // Request body.
        var request: APIOperationContext.Request?
        var requestExample: APIJSON?
        if let either = operation.requestBody, let body = document.components[either] {
            let pointer = either.reference.flatMap { APIReferenceRenderer.componentPointer($0.absoluteString) }
                ?? entry.pointer + "/requestBody"
            let media = body.content.compactMap { type, either -> APIOperationContext.Media? in
                guard let content = document.components[either] else { return nil }
                let (exampleHTML, json) = example(content, type: type.rawValue,
                    pointer: pointer + "/content/" + APIReference.pointerToken(type.rawValue),
                                                  reference: reference, forRequest: true)
                if requestExample == nil, APIReferenceRenderer.isJSON(type.rawValue) { requestExample = json }
                return APIOperationContext.Media(type: type.rawValue, schemaHTML: content.schema.map { schemas.html($0) } ?? "",
                    exampleHTML: exampleHTML)
            }
            request = APIOperationContext.Request(required: body.required, descriptionHTML: body.description.map { markdown.html($0) }
                ?? "", media: media)
        }

        // Responses.
        let responses = operation.responses.map { status, either -> APIOperationContext.Response in
            let response = document.components[either]
            let pointer = either.reference.flatMap { APIReferenceRenderer.componentPointer($0.absoluteString) }
                ?? entry.pointer + "/responses/" + APIReference.pointerToken(status.rawValue)
            let media = (response?.content ?? [:]).compactMap { type, either -> APIOperationContext.Media? in
                guard let content = document.components[either] else { return nil }
                let (exampleHTML, _) = example(content, type: type.rawValue,
                    pointer: pointer + "/content/" + APIReference.pointerToken(type.rawValue),
                                               reference: reference, forRequest: false)
                return APIOperationContext.Media(type: type.rawValue, schemaHTML: content.schema.map { schemas.html($0) } ?? "",
                    exampleHTML: exampleHTML)
            }
            let headers = (response?.headers ?? [:]).compactMap { name, either -> APIOperationContext.Header? in
                guard let header = document.components[either] else { return nil }
                var type = ""
                if case .a(let schemaContext) = header.schemaOrContent, let schema = document.components[schemaContext.schema] {
                    type = schemaContext.schema.reference.flatMap { $0.name }.map { schemas.typeHTML(named: $0) }
                        ?? schemas.typeHTML(schema)
                }
                return APIOperationContext.Header(name: name, typeHTML: type, required: header.required,
                                                  descriptionHTML: header.description.map { markdown.html($0) } ?? "")
            }
            let code = status.rawValue
            return APIOperationContext.Response(status: code, statusText: APIReferenceRenderer.reason(code), id: "Response-" + code,
                                                isSuccess: status.isSuccess,
                                                descriptionHTML: response?.description.map { markdown.html($0) } ?? "",
                                                headers: headers, hasHeaders: !headers.isEmpty, media: media)
        }

        let security = requirements(operation.security ?? document.security, reference: reference, base: here)
        let values = APIOperationContext.Operation(
            title: entry.title,
            method: entry.method,
            methodClass: entry.method.lowercased(),
            path: entry.path,
            operationId: operation.operationId ?? "",
            hasOperationId: operation.operationId != nil,
            deprecated: operation.deprecated,
            descriptionHTML: operation.description.map { markdown.html($0, headingIDs: true) } ?? "",
            parameterGroups: groups, hasParameters: !groups.isEmpty,
            request: request, hasRequest: request != nil,
            responses: responses, hasResponses: !responses.isEmpty,
            security: security, hasSecurity: !security.isEmpty,
            exampleRequestHTML: CodeHighlighter.block(curl(entry, reference: reference, body: requestExample), info: "shell"))
        let trail = crumbs([(APIReferenceRenderer.title, APIReferenceRenderer.indexPath),
                            (reference.spec.document.info.title, reference.overviewPath)]
                           + entry.tags.prefix(1).map { (reference.tags[$0].name, reference.path(ofTag: $0)) }, from: here)
        return frame.with(.operation(APIOperationContext(docs: docs, crumbs: trail, op: values)))
    }

    private func parameter(_ parameter: OpenAPI.Parameter, schemas: APISchemaHTML) -> APIOperationContext.Parameter {
        var type = ""
        var facts = ""
        if case .a(let schemaContext) = parameter.schemaOrContent,
           let schema = schemas.reference.spec.document.components[schemaContext.schema] {
            type = schemaContext.schema.reference.flatMap { $0.name }.map { schemas.typeHTML(named: $0) } ?? schemas.typeHTML(schema)
            facts = schemas.factsHTML(schema)
        } else if case .b(let content) = parameter.schemaOrContent, let first = content.first {
            type = schemas.reference.spec.document.components[first.value]?.schema.map { schemas.typeHTML($0) } ?? ""
            type += " <span class=\"api-format\">(\(first.key.rawValue.htmlEscaped))</span>"
        }
        return APIOperationContext.Parameter(name: parameter.name, typeHTML: type, required: parameter.required,
            deprecated: parameter.deprecated,
                                             descriptionHTML: parameter.description.map { markdown.html($0) } ?? "",
                                             factsHTML: facts, hasFacts: !facts.isEmpty)
    }

    /// The example of a media type: the spec's (`example`, else the first of `examples`, read
    /// from the file in its key order), else one made from the schema (JSON types only).
    private func example(_ content: OpenAPI.Content, type: String, pointer: String, reference: APIReference, forRequest: Bool) -> (String,
        APIJSON?) {
        let tree = reference.spec.source
        var budget = 20_000
        var json: APIJSON?
        var label: String?
        if content.example != nil, let node = tree.node(atPointer: pointer + "/example") {
            json = APIJSON(tree: tree, node: node, budget: &budget)
        } else if let (name, either) = content.examples?.first {
            let examplePointer = either.reference.flatMap { APIReferenceRenderer.componentPointer($0.absoluteString) }
                ?? pointer + "/examples/" + APIReference.pointerToken(name)
            if let node = tree.node(atPointer: examplePointer + "/value") { json = APIJSON(tree: tree, node: node, budget: &budget) }
            label = reference.spec.document.components[either]?.summary ?? name
        } else if let schema = content.schema, APIReferenceRenderer.isJSON(type) {
            json = APIExampleGenerator(reference: reference, forRequest: forRequest).example(schema)
        }
        guard let json, json != .null else {
            if content.example != nil || content.examples != nil, budget < 0 {
                return ("<p class=\"api-note\">The example is too large to show here: see the spec.</p>\n", nil)
            }
            return ("", nil)
        }
        if case .string(let text) = json, !APIReferenceRenderer.isJSON(type) {
            return (APIReferenceRenderer.exampleBlock(text, info: "", label: label), json)
        }
        return (APIReferenceRenderer.exampleBlock(json.text(), info: "json", label: label), json)
    }

    /// An example's code block under its label ("Example", or "Example: A dog" when the
    /// spec names it).
    static func exampleBlock(_ code: String, info: String, label: String? = nil) -> String {
        "<p class=\"api-example-title\">Example" + (label.map { ": " + $0.htmlEscaped } ?? "") + "</p>\n" + CodeHighlighter.block(code,
            info: info)
    }

    /// `#/components/responses/NotFound` from a reference's text, when it names a component.
    static func componentPointer(_ reference: String) -> String? {
        reference.hasPrefix("#/components/") ? reference : nil
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased().split(separator: ";").first.map(String.init) ?? ""
        return type == "application/json" || type.hasSuffix("+json") || type == "*/*" || type == "text/json"
    }

    /// An example request: the first server's URL and the path, the credentials the
    /// operation takes (from an environment variable), and the JSON body.
    func curl(_ entry: APIReference.Operation, reference: APIReference, body: APIJSON?) -> String {
        let document = reference.spec.document
        // Without servers a spec's paths are relative to where it is served: say so with a variable.
        let server = (entry.operation.servers ?? document.servers).first.map(APIReferenceRenderer.serverURL) ?? "$BASE_URL"
        var url = server.hasSuffix("/") ? String(server.dropLast()) + entry.path : server + entry.path
        var lines = ["curl" + (entry.method == "GET" ? "" : " -X \(entry.method)") + " \"\(url)\""]
        let requirement = (entry.operation.security ?? document.security).first ?? [:]
        for name in requirement.keys.compactMap(\.name).sorted() {
            guard let scheme = document.components.securitySchemes[OpenAPI.ComponentKey(stringLiteral: name)]
                .flatMap({ document.components[$0] }) else { continue }
            switch scheme.type {
            case .apiKey(name: let header, location: .header): lines.append("-H \"\(header): $API_KEY\"")
            case .apiKey(name: let query, location: .query):
                url += (url.contains("?") ? "&" : "?") + "\(query)=$API_KEY"
                lines[0] = "curl" + (entry.method == "GET" ? "" : " -X \(entry.method)") + " \"\(url)\""
            case .apiKey(name: let cookie, location: .cookie): lines.append("-b \"\(cookie)=$API_KEY\"")
            case .http(scheme: let kind, bearerFormat: _) where kind.lowercased() == "basic": lines.append("-u \"$USERNAME:$PASSWORD\"")
            case .http: lines.append("-H \"Authorization: Bearer $API_KEY\"")
            case .oauth2, .openIdConnect: lines.append("-H \"Authorization: Bearer $ACCESS_TOKEN\"")
            default: break
            }
        }
        if let body {
            lines.append("-H \"Content-Type: application/json\"")
            let json = body.text().replacingOccurrences(of: "'", with: "'\\''")
            lines.append("-d '" + json + "'")
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// The ways to authenticate an operation: each requirement is one way, naming one or more
    /// schemes that all apply.
    func requirements(_ security: [OpenAPI.SecurityRequirement]?, reference: APIReference,
        base: String) -> [APIOperationContext.Requirement] {
        (security ?? []).map { requirement in
            let schemes = requirement.keys.compactMap(\.name).sorted().map { name in
                let scopes = requirement.first { $0.key.name == name }?.value ?? []
                return scheme(named: name, reference: reference, base: base, scopes: scopes)
            }
            return APIOperationContext.Requirement(schemes: schemes, isNone: schemes.isEmpty)
        }
    }

    /// Every security scheme of the spec, for the overview.
    func securitySchemes(_ reference: APIReference, base: String) -> [APISecurityScheme] {
        reference.spec.document.components.securitySchemes.keys.map { scheme(named: $0.rawValue, reference: reference, base: base,
            scopes: []) }
    }

    private func scheme(named name: String, reference: APIReference, base: String, scopes: [String]) -> APISecurityScheme {
        let document = reference.spec.document
        let scheme = document.components.securitySchemes[OpenAPI.ComponentKey(stringLiteral: name)].flatMap { document.components[$0] }
        var how = ""
        var usesKeys = false
        switch scheme?.type {
        case .apiKey(name: let field, location: let location)?:
            how = "An API key in the <code>\(field.htmlEscaped)</code> " +
                "\(location.rawValue == "query" ? "query parameter" : location.rawValue)."
            usesKeys = true
        case .http(scheme: let kind, bearerFormat: let format)?:
            if kind.lowercased() == "bearer" {
                how = "A bearer token in the <code>Authorization</code> header: <code>Authorization: Bearer " +
                    "\(config.keyPrefix.htmlEscaped)…</code>"
                    + (format.map { " (\($0.htmlEscaped))" } ?? "") + "."
                usesKeys = true
            } else {
                how = "HTTP \(kind.htmlEscaped) authentication."
            }
        case .oauth2?:
            how = "OAuth 2.0" + (scopes.isEmpty ? "." : ", with the scopes " + scopes.map { "<code>\($0.htmlEscaped)</code>" }
                .joined(separator: ", ") + ".")
        case .openIdConnect(openIdConnectUrl: let url)?:
            how = "OpenID Connect (discovery at <code>\(url.absoluteString.htmlEscaped)</code>)."
        case .mutualTLS?:
            how = "Mutual TLS: a client certificate."
        case nil:
            how = ""
        }
        let dashboard = DocPath.relative(from: base, to: "index.html")
        let note = usesKeys
            ? "Use an API key of this site: create one under <a href=\"\(dashboard.htmlEscaped)\">Manage Keys</a> on the dashboard. Keys " +
                "start with <code>\(config.keyPrefix.htmlEscaped)</code>; the secret is shown once, when it is created."
            : ""
        return APISecurityScheme(name: name, howHTML: how, keyNoteHTML: note, usesKeys: usesKeys,
                                 descriptionHTML: scheme?.description.map { markdown.html($0) } ?? "")
    }

    /// The reason phrase of a status code, or a range's words (`2XX`: "Success").
    static func reason(_ code: String) -> String {
        switch code.uppercased() {
        case "200": "OK"
        case "201": "Created"
        case "202": "Accepted"
        case "204": "No Content"
        case "301": "Moved Permanently"
        case "302": "Found"
        case "304": "Not Modified"
        case "400": "Bad Request"
        case "401": "Unauthorized"
        case "403": "Forbidden"
        case "404": "Not Found"
        case "405": "Method Not Allowed"
        case "409": "Conflict"
        case "410": "Gone"
        case "413": "Content Too Large"
        case "415": "Unsupported Media Type"
        case "422": "Unprocessable Content"
        case "429": "Too Many Requests"
        case "500": "Internal Server Error"
        case "502": "Bad Gateway"
        case "503": "Service Unavailable"
        case "504": "Gateway Timeout"
        case "1XX": "Informational"
        case "2XX": "Success"
        case "3XX": "Redirection"
        case "4XX": "Client error"
        case "5XX": "Server error"
        case "DEFAULT": "Any other status"
        default: ""
        }
    }
}
