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

    @Test func readsTheRepositoryWhereKeysAreProposedAndTheScopesKeysMayHave() {
        let yaml = """
        title: Console
        repository: https://github.com/org/console/
        branch: release/2026.1
        scopes: [chat, embeddings, "files:read", audio.v2]
        """
        let (config, diagnostics) = loadYAML(yaml, path: path, SiteConfigLoader.read)
        expectMessages(diagnostics, [])
        #expect(config?.repository == "https://github.com/org/console")
        #expect(config?.branch == "release/2026.1")
        #expect(config?.scopes == ["chat", "embeddings", "files:read", "audio.v2"])

        let (defaults, _) = loadYAML("title: Console\n", path: path, SiteConfigLoader.read)
        #expect(defaults?.repository == nil)
        #expect(defaults?.branch == "main")
        #expect(defaults?.scopes == [])
    }

    @Test func refusesRepositoriesBranchesAndScopesALinkOrAGatewayCouldMisread() {
        let yaml = """
        title: Console
        repository: javascript:alert(1)
        branch: -x..y
        scopes: [chat, Chat, "files read", chat, [nested]]
        """
        let (config, diagnostics) = loadYAML(yaml, path: path, SiteConfigLoader.read)
        #expect(config == nil)
        expectMessages(diagnostics, [
            """
            Content/site.yaml:2:13: error: repository: "javascript:alert(1)" must be an https URL of the repository, such as "https://github.com/org/console" (no query or #fragment)
            repository: javascript:alert(1)
                        ^
            """,
            """
            Content/site.yaml:3:9: error: branch: "-x..y" is not a branch name (letters, digits, ., _, - and /, not starting with - or /, no ..)
            branch: -x..y
                    ^
            """,
            """
            Content/site.yaml:4:16: error: scopes[1]: "Chat" must be 1-64 characters of a-z, 0-9, _, ., : and -
            scopes: [chat, Chat, "files read", chat, [nested]]
                           ^
            """,
            """
            Content/site.yaml:4:22: error: scopes[2]: "files read" must be 1-64 characters of a-z, 0-9, _, ., : and -
            scopes: [chat, Chat, "files read", chat, [nested]]
                                 ^
            """,
            """
            Content/site.yaml:4:36: error: scopes[3]: "chat" is listed twice (first at Content/site.yaml:4:10)
            scopes: [chat, Chat, "files read", chat, [nested]]
                                               ^
            """,
            """
            Content/site.yaml:4:42: error: scopes[4]: expected a string, found a list
            scopes: [chat, Chat, "files read", chat, [nested]]
                                                     ^
            """,
        ])
        for bad in ["http://github.com/org/console", "https://github.com", "https://github.com/org/console?tab=x",
                    "https://github.com/org/console#readme", "https://user@github.com/org/console", "https://github.com/org/con sole",
                    "https://github.com/org/\"quote"] {
            #expect(SiteConfig.repositoryURL(bad) == nil, "\(bad)")
        }
        for bad in ["", "/main", "main/", "a//b", "x.lock", "a b", "a\u{0}", "main."] {
            #expect(!SiteConfig.isValidBranch(bad), "\(bad)")
        }
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

    // MARK: - Issue 7: base_url is a folder, checked where it is written

    @Test(arguments: [
        ("https://e.com/%2e%2e/", "must not percent-encode \".\" (%2E): write the path as it is"),
        ("/a%0d%0ab/", "must not percent-encode control characters (%0D): write the path as it is"),
        ("http://e.com/a?b=1#f", "must not have a query (?) or a fragment (#): it names the folder the site is published in"),
        ("https://e.com/a#top", "must not have a query (?) or a fragment (#): it names the folder the site is published in"),
        ("/repo%2fx/", "must not percent-encode \"/\" (%2F): write the path as it is"),
        ("/repo%5cx/", "must not percent-encode \"\\\" (%5C): write the path as it is"),
        ("/repo%3Fx/", "must not have a query (?) or a fragment (#): it names the folder the site is published in"),
        ("/repo%20x/", "must not percent-encode spaces (%20): write the path as it is"),
        ("/repo%zz/", "has a % that does not start a %XX escape"),
        ("https://user:pw@e.com/", "must not hold a user name or password (@ before the host)"),
        ("/a b/", "must not hold spaces or other whitespace"),
        ("/../", "must not have \".\" or \"..\" path segments"),
        ("https://e.com/./x/", "must not have \".\" or \"..\" path segments"),
        ("https:///x/", "has no valid host name (letters, digits, - and ., then an optional :port)"),
        ("https://e.com:80x/", "has no valid host name (letters, digits, - and ., then an optional :port)"),
        ("/répo/", "must be ASCII: percent-encode other characters"),
        ("/a<b>/", "must not hold \"<\""),
        ("//e.com/", "must be \"/\", a path like \"/repo/\" or a URL like \"https://org.github.io/repo/\""),
        ("javascript:alert(1)", "must be \"/\", a path like \"/repo/\" or a URL like \"https://org.github.io/repo/\""),
    ])
    func rejectsABaseURLAtItsLine(_ value: String, _ problem: String) {
        let (config, diagnostics) = loadYAML("title: T\nbase_url: '\(value)'\n", path: path, SiteConfigLoader.read)
        #expect(config == nil)
        #expect(messages(diagnostics).first?.hasPrefix("Content/site.yaml:2:11: error: base_url: \"\(value)\" \(problem)\n") == true, "\(messages(diagnostics))")
    }

    @Test(arguments: ["/", "/repo/", "/repo", "/org/repo-1.2_x~/", "https://org.github.io/repo/", "http://localhost:8000/", "https://e.com",
                      "/caf%C3%A9/", "/a(b)/"])
    func acceptsABaseURL(_ value: String) {
        let (config, diagnostics) = loadYAML("title: T\nbase_url: '\(value)'\n", path: path, SiteConfigLoader.read)
        expectMessages(diagnostics, [])
        #expect(config?.baseURL.value == (value.hasSuffix("/") ? value : value + "/"))
    }
}
