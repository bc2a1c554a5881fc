import Testing
@testable import ForgeKit

@Suite struct SiteConfigLoaderTests {
    let path = "Content/site.yaml"

    @Test func readsEveryKey() {
        let yaml = """
        title: NexusAI Forge
        organization: Example Labs
        base_url: https://example.github.io/forge
        theme: midnight
        currency: EUR
        plan: pro
        billing_cycle_day: 28
        key_prefix: nx_live_
        as_of: 2026-11-25
        """
        let (config, diagnostics) = loadYAML(yaml, path: path, SiteConfigLoader.read)
        expectMessages(diagnostics, [])
        #expect(config?.title == "NexusAI Forge")
        #expect(config?.organization == "Example Labs")
        #expect(config?.baseURL.value == "https://example.github.io/forge/")
        #expect(config?.theme == "midnight")
        #expect(config?.currency.code == "EUR")
        #expect(config?.plan == "pro")
        #expect(config?.planLocation == ForgeKit.SourceLocation(path: path, line: 6, column: 7))
        #expect(config?.billingCycleDay == 28)
        #expect(config?.keyPrefix == "nx_live_")
        #expect(config?.asOf == Day(year: 2026, month: 11, day: 25))
    }

    @Test func appliesDefaults() {
        let (config, diagnostics) = loadYAML("title: Docs\n", path: path, SiteConfigLoader.read)
        expectMessages(diagnostics, [])
        #expect(config?.baseURL == .root)
        #expect(config?.theme == "default")
        #expect(config?.currency.code == "USD")
        #expect(config?.billingCycleDay == 1)
        #expect(config?.keyPrefix == "sk_")
        #expect(config?.asOf == nil)
    }

    @Test func reportsEveryProblemWithLineColumnAndCaret() {
        let yaml = """
        titel: NexusAI Forge
        currency: dollars
        billing_cycle_day: 31
        as_of: 2026-02-30
        base_url: repo
        key_prefix: "sk-live"
        """
        let (config, diagnostics) = loadYAML(yaml, path: path, SiteConfigLoader.read)
        #expect(config == nil)
        expectMessages(diagnostics, [
            """
            Content/site.yaml:1:1: error: required key "title" is missing
            titel: NexusAI Forge
            ^
            """,
            """
            Content/site.yaml:1:1: error: unknown key "titel" (did you mean "title"?)
            titel: NexusAI Forge
            ^
            """,
            """
            Content/site.yaml:2:11: error: currency: "dollars" is not an ISO 4217 code such as USD or EUR
            currency: dollars
                      ^
            """,
            """
            Content/site.yaml:3:20: error: billing_cycle_day: 31 is out of range 1-28
            billing_cycle_day: 31
                               ^
            """,
            """
            Content/site.yaml:4:8: error: as_of: "2026-02-30" is not a real UTC day in the form YYYY-MM-DD
            as_of: 2026-02-30
                   ^
            """,
            """
            Content/site.yaml:5:11: error: base_url: "repo" must be "/", a path like "/repo/" or a URL like "https://org.github.io/repo/"
            base_url: repo
                      ^
            """,
            """
            Content/site.yaml:6:13: error: key_prefix: "sk-live" must be 1-16 characters of A-Z, a-z, 0-9 and _
            key_prefix: "sk-live"
                        ^
            """,
        ])
    }

    @Test func reportsYAMLSyntaxWithTheParsersWords() {
        let (_, diagnostics) = loadYAML("title: [unclosed\nplan: pro\n", path: path, SiteConfigLoader.read)
        #expect(messages(diagnostics).count == 1)
        #expect(messages(diagnostics).first?.hasPrefix("Content/site.yaml:2:5: error: YAML: did not find expected ',' or ']'") == true)
    }

    @Test func rejectsATopLevelThatIsNotAMapping() {
        let (_, diagnostics) = loadYAML("- title\n", path: path, SiteConfigLoader.read)
        expectMessages(diagnostics, [
            """
            Content/site.yaml:1:1: error: expected a mapping of keys to values, found a list
            - title
            ^
            """,
        ])
    }
}
