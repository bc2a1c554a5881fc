import Foundation
import Testing
@testable import ForgeKit

/// The parts of the API reference a golden page is made of, one at a time: schema tables,
/// generated examples, descriptions, file names, the example request.
@Suite struct APIReferenceTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Forge, version: "1"}
        servers: [{url: "https://api.example/v1/"}]
        security: [{Bearer: []}]
        paths:
          /groups:
            post:
              operationId: createGroup
              requestBody:
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Group"}
              responses:
                "201": {description: Made.}
          /Groups:
            get:
              operationId: creategroup
              responses:
                "200": {description: OK}
          /index:
            get:
              operationId: index
              responses:
                "200": {description: OK}
        components:
          securitySchemes:
            Bearer: {type: http, scheme: bearer}
          schemas:
            Group:
              type: object
              required: [name]
              properties:
                id: {type: string, readOnly: true}
                name: {type: string, description: "The group's name."}
                parts:
                  type: array
                  items: {$ref: "#/components/schemas/Group"}
                limits:
                  type: object
                  properties:
                    daily: {type: [integer, "null"], minimum: 0}
        """

    func reference() throws -> APIReference {
        var diagnostics = Diagnostics()
        let spec = try #require(OpenAPILoader.load(SourceText(displayPath: "Content/api/forge.yaml", text: Self.spec), fileName: "forge.yaml", diagnostics: &diagnostics))
        expectMessages(diagnostics, [])
        return APIReference(spec)
    }

    /// A recursive schema is a link to its own page where it repeats; an inline object opens
    /// in a nested <details>; required, read-only and nullable are said.
    @Test func schemaTablesLinkReferencesAndNestInlineObjects() throws {
        let reference = try reference()
        let html = APISchemaHTML(reference: reference, markdown: APIMarkdown(), base: "api/forge/schemas")
        let group = try #require(reference.schemas.first)
        expectText(html.html(group.schema), """
            <div class="api-schema">
            <p class="api-schema__type">object</p>
            <div class="table-scroll"><table class="api-properties">
            <thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
            <tbody>
            <tr><td><code class="api-name">id</code> <span class="api-badge">read-only</span></td><td>string</td><td></td></tr>
            <tr><td><code class="api-name">name</code> <span class="api-badge api-badge--required">required</span></td><td>string</td><td><p>The group's name.</p>
            </td></tr>
            <tr><td><code class="api-name">parts</code></td><td>array of <a href="Group.html">Group</a></td><td></td></tr>
            <tr><td><code class="api-name">limits</code></td><td>object</td><td><details class="api-nested"><summary>limits</summary>
            <div class="table-scroll"><table class="api-properties">
            <thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
            <tbody>
            <tr><td><code class="api-name">daily</code></td><td>integer | null</td><td><ul class="api-facts"><li>Minimum: 0</li></ul></td></tr>
            </tbody>
            </table></div>
            </details></td></tr>
            </tbody>
            </table></div>
            </div>

            """)
    }

    /// Generated examples follow the properties in order, stop where a schema repeats, and
    /// leave read-only properties out of requests.
    @Test func generatedExamplesAreDeterministicAndStopAtCycles() throws {
        let reference = try reference()
        let group = try #require(reference.schemas.first).schema
        let request = APIExampleGenerator(reference: reference, forRequest: true).example(group).text()
        expectText(request, """
            {
              "name": "string",
              "parts": [
                {
                  "name": "string",
                  "parts": [],
                  "limits": {
                    "daily": 0
                  }
                }
              ],
              "limits": {
                "daily": 0
              }
            }
            """)
        #expect(APIExampleGenerator(reference: reference, forRequest: false).example(group).text().contains("\"id\": \"string\""))
    }

    /// Operation pages are named after their ids, told apart without regard to case (macOS),
    /// never `index`.
    @Test func operationFileNamesAreUniqueWithoutRegardToCase() throws {
        let reference = try reference()
        #expect(reference.operations.map(\.fileName) == ["createGroup", "creategroup-2", "index-2"])
        #expect(reference.path(ofOperation: 0) == "api/forge/operations/createGroup.html")
        #expect(APISlug.make("Fine-tuning / Jobs") == "fine-tuning-jobs")
    }

    @Test func theExampleRequestCarriesTheKeyAndTheBody() throws {
        let reference = try reference()
        let renderer = APIReferenceRenderer(references: [reference], config: SiteConfig(title: "Forge"), assets: AssetCatalog(theme: try Self.theme()), hasDocs: false)
        let body = APIExampleGenerator(reference: reference, forRequest: true).example(reference.schemas[0].schema)
        expectText(renderer.curl(reference.operations[0], reference: reference, body: .object([("name", .string("it's"))])), """
            curl -X POST "https://api.example/v1/groups" \\
              -H "Authorization: Bearer $API_KEY" \\
              -H "Content-Type: application/json" \\
              -d '{
              "name": "it'\\''s"
            }'
            """)
        #expect(body != .null)
    }

    /// Plain sentences skip cmark but come out exactly as cmark writes them.
    @Test func plainDescriptionsMatchCmark() {
        let renderer = MarkdownRenderer()
        for text in ["The ID of the file.", "Seconds to wait (at most 60).", "Say \"hi\"; then wait?", "It's 42 days.",
                     "Use it: now.", "a/b/c"] {
            #expect(APIMarkdown.plainParagraph(text) == renderer.render(markdown: text).html, "\(text)")
        }
        for text in ["1. A list", "Visit www.example.com", "See https://example.com", "*bold*", "a_b_c", "# Heading", "- item", "x  y"] {
            #expect(APIMarkdown.plainParagraph(text) == nil, "\(text)")
        }
    }

    /// Links that can not resolve in a static site (relative to the web site a spec came
    /// from) keep their text and lose the link; web links stay.
    @Test func descriptionLinksOutsideTheWebBecomeText() {
        let html = APIMarkdown().html("See [the guide](/docs/guide) and [the spec](https://spec.openapis.org/).\n\n## Notes")
        expectText(html, """
            <p>See the guide and <a href="https://spec.openapis.org/">the spec</a>.</p>
            <h2>Notes</h2>

            """)
        // Nothing a spec wrote runs: raw HTML is omitted, a script link keeps only its text.
        expectText(APIMarkdown().html("<script>alert(1)</script>\n\n[click](javascript:alert(1) \"t\")"), """
            <!-- raw HTML omitted -->
            <p>click</p>

            """)
    }

    static func theme() throws -> Theme {
        try Theme.load(themesDirectory: ForgeProcess.repository.appendingPathComponent("Themes"), displayDirectory: "Themes", name: "default")
    }
}
