import Testing
@testable import ForgeKit

@Suite struct FrontMatterTests {
    let path = "Content/docs/guides/keys.md"

    func split(_ text: String) -> (FrontMatter.Split, Diagnostics) {
        var diagnostics = Diagnostics()
        let split = FrontMatter.split(SourceText(displayPath: path, text: text), diagnostics: &diagnostics)
        return (split, diagnostics)
    }

    @Test func readsEveryKey() {
        let (split, diagnostics) = split("""
            ---
            title: "API keys: the basics"
            description: Create, store and rotate keys.
            weight: -5
            draft: true
            ---
            # Heading

            Body.
            """)
        expectMessages(diagnostics, [])
        #expect(split.frontMatter == FrontMatter(title: "API keys: the basics", description: "Create, store and rotate keys.", weight: -5, draft: true))
        #expect(split.body == "# Heading\n\nBody.")
        #expect(split.bodyFirstLine == 7)
    }

    @Test func aFileWithoutFrontMatterIsAllBody() {
        let (split, diagnostics) = split("# Title\n---\n")
        expectMessages(diagnostics, [])
        #expect(split.frontMatter == FrontMatter())
        #expect(split.body == "# Title\n---\n")
        #expect(split.bodyFirstLine == 1)
    }

    @Test func acceptsEmptyFrontMatterCRLFAndYAMLsDocumentEnd() {
        let (empty, emptyDiagnostics) = split("---\n---\nBody")
        expectMessages(emptyDiagnostics, [])
        #expect(empty.body == "Body")
        #expect(empty.bodyFirstLine == 3)

        let (crlf, crlfDiagnostics) = split("--- \r\ntitle: Windows\r\n...\r\nBody\r\n")
        expectMessages(crlfDiagnostics, [])
        #expect(crlf.frontMatter.title == "Windows")
        #expect(crlf.body == "Body\r\n")
    }

    @Test func reportsUnknownKeysAtTheirPositionInTheFile() {
        let (split, diagnostics) = split("""
            ---
            title: Keys
            titel: Keys
            tags: [a, b]
            ---
            Body
            """)
        expectMessages(diagnostics, [
            """
            Content/docs/guides/keys.md:3:1: error: unknown key "titel" (did you mean "title"?)
            titel: Keys
            ^
            """,
            """
            Content/docs/guides/keys.md:4:1: error: unknown key "tags"
            tags: [a, b]
            ^
            """,
        ])
        #expect(split.frontMatter.title == "Keys")
        #expect(split.bodyFirstLine == 6)
    }

    @Test func reportsWrongTypes() {
        let (_, diagnostics) = split("""
            ---
            title: [Keys]
            weight: first
            draft: yes please
            description: { a: 1 }
            ---
            """)
        expectMessages(diagnostics, [
            """
            Content/docs/guides/keys.md:2:8: error: title: expected a string, found a list
            title: [Keys]
                   ^
            """,
            """
            Content/docs/guides/keys.md:3:9: error: weight: expected a whole number, found "first"
            weight: first
                    ^
            """,
            """
            Content/docs/guides/keys.md:4:8: error: draft: expected true or false, found "yes please"
            draft: yes please
                   ^
            """,
            """
            Content/docs/guides/keys.md:5:14: error: description: expected a string, found a mapping
            description: { a: 1 }
                         ^
            """,
        ])
    }

    @Test func anEmptyTitleIsNoTitle() {
        let (split, diagnostics) = split("---\ntitle: \"  \"\n---\n")
        expectMessages(diagnostics, [])
        #expect(split.frontMatter.title == nil)
    }

    @Test func reportsYAMLSyntaxErrorsAtTheFilesLine() {
        let (_, diagnostics) = split("""
            ---
            title: Keys
            description: "unterminated
            ---
            Body
            """)
        // The YAML ends where the closing "---" line starts: line 4 of the file; the quote
        // opened on line 3, column 14 of the file too.
        expectMessages(diagnostics, [
            "Content/docs/guides/keys.md:4:1: error: YAML: found unexpected end of stream (while scanning a quoted scalar, which starts at line 3, column 14)",
        ])
    }

    @Test func reportsAFrontMatterThatIsNotAMapping() {
        let (_, diagnostics) = split("---\n- a\n- b\n---\n")
        expectMessages(diagnostics, [
            """
            Content/docs/guides/keys.md:2:1: error: expected a mapping of keys to values, found a list
            - a
            ^
            """,
        ])
    }

    @Test func reportsAnUnclosedFrontMatter() {
        let (split, diagnostics) = split("---\ntitle: Keys\n\n# Keys\n")
        expectMessages(diagnostics, [
            """
            Content/docs/guides/keys.md:1:1: error: the front matter opened by "---" on line 1 is never closed: end it with a line "---"
            ---
            ^
            """,
        ])
        #expect(split.body.isEmpty)
    }
}
