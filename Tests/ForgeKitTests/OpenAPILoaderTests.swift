import Foundation
import Testing
@testable import ForgeKit

/// `Content/api/*.yaml|json` through OpenAPIKit: 3.0 and 3.1 documents load; every problem is
/// reported at its line and column, with the line and a caret, in words a spec author acts on.
@Suite struct OpenAPILoaderTests {
    /// Loads `text` as the file `name` of a Content/api folder.
    func load(_ text: String, name: String = "forge.yaml") -> ([APISpec], Diagnostics) {
        var diagnostics = Diagnostics()
        let specs = OpenAPILoader.load(SourceText(displayPath: "Content/api/\(name)", text: text), fileName: name, diagnostics: &diagnostics)
        return (specs.map { [$0] } ?? [], diagnostics)
    }

    static let minimal = """
        openapi: 3.1.0
        info: {title: Forge, version: "1"}
        paths: {}

        """

    // MARK: - Documents that load

    @Test func readsOpenAPI30AndConvertsIt() throws {
        let (specs, diagnostics) = load("""
            openapi: 3.0.3
            info: {title: Pets, version: "1"}
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Pet"}
            components:
              schemas:
                Pet:
                  type: object
                  properties:
                    name: {type: string, nullable: true}
            """)
        expectMessages(diagnostics, [])
        let spec = try #require(specs.first)
        #expect(spec.version == "3.0.3")
        #expect(spec.slug == "forge")
        let pet = try #require(spec.document.components.schemas["Pet"])
        // 3.0's nullable: true is 3.1's type [string, null]: one model for both.
        #expect(pet.objectContext?.properties["name"]?.nullable == true)
    }

    @Test func readsJSONWithQuotedStatusCodesInTheirOrder() throws {
        let (specs, diagnostics) = load("""
            {"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
             "paths": {"/a": {"get": {"responses": {"404": {"description": "No"}, "200": {"description": "Yes"}}}}}}
            """, name: "t.json")
        expectMessages(diagnostics, [])
        let operation = try #require(specs.first?.document.paths["/a"]?.b?.get)
        #expect(operation.responses.keys.map(\.rawValue) == ["404", "200"])
    }

    /// Aliases share what they name (and count as much as they expand to).
    @Test func resolvesYAMLAliases() throws {
        let (specs, diagnostics) = load("""
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /a:
                get:
                  responses:
                    "200": &ok
                      description: OK
              /b:
                get:
                  responses:
                    "200": *ok
            """)
        expectMessages(diagnostics, [])
        #expect(specs.first?.document.paths["/b"]?.b?.get?.responses[200]?.b?.description == "OK")
    }

    // MARK: - Located errors

    @Test func aYAMLSyntaxErrorIsWhereLibyamlStops() {
        let (specs, diagnostics) = load("openapi: 3.1.0\ninfo:\n  title: \"unterminated\n")
        #expect(specs.isEmpty)
        expectMessages(diagnostics, ["Content/api/forge.yaml:4:1: error: YAML: found unexpected end of stream while scanning a quoted scalar"])
    }

    @Test func aMissingKeyIsAtItsMapping() {
        let (_, diagnostics) = load("openapi: 3.1.0\ninfo:\n  version: \"1\"\npaths: {}\n")
        expectMessages(diagnostics, ["""
            Content/api/forge.yaml:2:1: error: info: required key "title" is missing
            info:
            ^
            """])
    }

    @Test func aWrongTypeSaysWhatWasFound() {
        let (_, diagnostics) = load("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /pets:
                get:
                  parameters:
                    name: limit
                  responses:
                    "200": {description: OK}
            """)
        expectMessages(diagnostics, ["""
            Content/api/forge.yaml:6:7: error: paths['/pets'].get.parameters: expected a list, found a mapping
                  parameters:
                  ^
            """])
    }

    /// A value that may be a $ref or the thing fails deep inside: the error is at the value
    /// that is wrong, not at the parameter around it.
    @Test func aBadValueIsReportedAtTheValueWithWhatIsAllowed() {
        let (_, diagnostics) = load("""
            openapi: 3.0.3
            info: {title: T, version: "1"}
            paths:
              /pets:
                get:
                  parameters:
                    - name: limit
                      in: body
                      schema: {type: integer}
                  responses:
                    "200": {description: OK}
            """)
        expectMessages(diagnostics, ["""
            Content/api/forge.yaml:8:11: error: paths['/pets'].get.parameters[0].in: "body" is not one of the allowed values (query, header, path or cookie)
                      in: body
                      ^
            """])
    }

    @Test func anUnknownSchemaTypeIsAtTheType() {
        let (_, diagnostics) = load("""
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema:
                            type: objekt
            """)
        expectMessages(diagnostics, ["""
            Content/api/forge.yaml:12:17: error: paths['/pets'].get.responses.200.content['application/json'].schema.type: "objekt" is not one of the allowed values (string, number, integer, boolean, array, object or null)
                            type: objekt
                            ^
            """])
    }

    @Test func anOperationWithoutResponses() {
        let (_, diagnostics) = load("openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /pets:\n    post:\n      summary: x\n")
        expectMessages(diagnostics, ["""
            Content/api/forge.yaml:5:5: error: paths['/pets'].post: required key "responses" is missing
                post:
                ^
            """])
    }

    @Test func errorsInJSONHaveColumnsToo() {
        let (_, diagnostics) = load("""
            {"openapi": "3.0.0", "info": {"title": "T", "version": "1"},
             "paths": {"/a": {"get": {"responses": {"200": {"description": "OK",
               "content": {"application/json": {"schema": {"type": "object", "required": "id"}}}}}}}}}
            """, name: "a.json")
        expectMessages(diagnostics, ["""
            Content/api/a.json:3:66: error: paths['/a'].get.responses.200.content['application/json'].schema.required: expected a list, found "id"
               "content": {"application/json": {"schema": {"type": "object", "required": "id"}}}}}}}}}
                                                                             ^
            """])
    }

    /// OpenAPIKit does not resolve references; every one is checked here, at its $ref.
    @Test func unknownExternalAndCyclicReferencesAreErrorsAtTheirRef() {
        let (specs, diagnostics) = load("""
            openapi: 3.1.0
            info: {title: T, version: "1"}
            paths:
              /pets:
                get:
                  responses:
                    "200":
                      description: OK
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Pett"}
                    "404":
                      $ref: "errors.yaml#/NotFound"
                    "500":
                      $ref: "#/paths/~1pets/get/responses/404"
            components:
              schemas:
                Pet: {type: object}
                A: {$ref: "#/components/schemas/B"}
                B: {$ref: "#/components/schemas/A"}
                Tree:
                  type: object
                  properties:
                    children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
            """)
        #expect(specs.isEmpty)
        expectMessages(diagnostics, [
            """
            Content/api/forge.yaml:11:30: error: $ref "#/components/schemas/Pett" names nothing in this file (did you mean "#/components/schemas/Pet"?)
                          schema: {$ref: "#/components/schemas/Pett"}
                                         ^
            """,
            """
            Content/api/forge.yaml:13:17: error: $ref "errors.yaml#/NotFound" points outside this file; external references are not supported: move what it names into this file's components
                      $ref: "errors.yaml#/NotFound"
                            ^
            """,
            """
            Content/api/forge.yaml:15:17: error: $ref "#/paths/~1pets/get/responses/404" must name an entry of #/components/ (schemas, responses, parameters, examples, requestBodies, headers, securitySchemes, links, callbacks or pathItems)
                      $ref: "#/paths/~1pets/get/responses/404"
                            ^
            """,
            """
            Content/api/forge.yaml:20:15: error: $ref cycle: A → B → A never reaches a definition
                B: {$ref: "#/components/schemas/A"}
                          ^
            """,
        ])
    }

    @Test func swaggerAndOtherVersionsAreNamed() {
        expectMessages(load("swagger: \"2.0\"\ninfo: {title: T, version: \"1\"}\n").1, ["""
            Content/api/forge.yaml:1:10: error: Swagger 2.0 is not supported: convert the file to OpenAPI 3 (for example with swagger2openapi)
            swagger: "2.0"
                     ^
            """])
        expectMessages(load("openapi: 4.0.0\ninfo: {title: T, version: \"1\"}\n").1, ["""
            Content/api/forge.yaml:1:10: error: openapi: version "4.0.0" is not supported; Forge reads OpenAPI 3.0, 3.1 and 3.2
            openapi: 4.0.0
                     ^
            """])
        expectMessages(load("").1, ["Content/api/forge.yaml: error: an OpenAPI document is a mapping with \"openapi\", \"info\" and \"paths\"; this file is empty"])
    }

    @Test func duplicateMergeAndComplexKeysAreErrors() {
        expectMessages(load(Self.minimal + "info: {title: Again, version: \"2\"}\n").1, ["""
            Content/api/forge.yaml:4:1: error: YAML: duplicate key "info" in one mapping
            info: {title: Again, version: "2"}
            ^
            """])
        expectMessages(load("base: &b {title: T}\nopenapi: 3.1.0\ninfo:\n  <<: *b\n  version: \"1\"\n").1, ["""
            Content/api/forge.yaml:4:3: error: YAML: merge keys (<<) are not supported in OpenAPI files; write the keys out
              <<: *b
              ^
            """])
    }

    /// Nine levels of ten aliases each would be a billion nodes: refused at a fixed budget,
    /// in a moment, rather than decoded for hours.
    @Test func aliasesCannotMultiplyAFilePastABudget() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let (specs, diagnostics) = load(yaml)
        #expect(specs.isEmpty)
        let message = messages(diagnostics).first ?? ""
        #expect(message.hasPrefix("Content/api/forge.yaml:7:"), "\(message)")
        #expect(message.contains("error: YAML: the file expands to more than 2000000 values through its aliases"))
    }

    @Test func filesOtherThanSpecsAreNamedAndSkipped() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["forge.yaml": Self.minimal, "README.md": "notes", "old/v1.yaml": Self.minimal])
        var diagnostics = Diagnostics()
        let specs = OpenAPILoader.load(directory: folder.url, displayDirectory: "Content/api", diagnostics: &diagnostics)
        #expect(specs.map(\.slug) == ["forge"])
        expectMessages(diagnostics, [
            "Content/api/README.md: warning: not read: the API reference is made from the .yaml, .yml and .json files directly in Content/api/",
            "Content/api/old/v1.yaml: warning: not read: the API reference is made from the .yaml, .yml and .json files directly in Content/api/",
        ])
    }

    /// As a user meets it: `forge build` names the line, exits non-zero and leaves the
    /// previous site as it was.
    @Test func aBrokenSpecFailsTheBuildAndKeepsThePreviousOutput() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        let before = site.snapshot("Output")
        #expect(before["api/nexus/operations/createKey.html"] != nil)
        var spec = try site.read("Content/api/nexus.yaml")
        spec = spec.replacingOccurrences(of: "$ref: \"#/components/schemas/KeyWithSecret\"", with: "$ref: \"#/components/schemas/KeyWithSecrets\"")
        try site.write(["Content/api/nexus.yaml": spec])
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        let line = try #require(spec.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("KeyWithSecrets") }) + 1
        #expect(outcome.stderr.contains("""
            Content/api/nexus.yaml:\(line):23: error: $ref "#/components/schemas/KeyWithSecrets" names nothing in this file (did you mean "#/components/schemas/KeyWithSecret"?)
            """), "\(outcome.stderr)")
        #expect(site.snapshot("Output") == before)
    }

    @Test func twoFilesCannotPublishTheSameFolder() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["forge.yaml": Self.minimal, "forge.json": #"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#])
        var diagnostics = Diagnostics()
        let specs = OpenAPILoader.load(directory: folder.url, displayDirectory: "Content/api", diagnostics: &diagnostics)
        #expect(specs.count == 1)
        expectMessages(diagnostics, ["Content/api/forge.yaml: error: Content/api/forge.json and this file would both publish api/forge/: rename one"])
    }
}
