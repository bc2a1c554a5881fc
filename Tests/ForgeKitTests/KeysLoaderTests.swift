import Testing
@testable import ForgeKit

@Suite struct KeysLoaderTests {
    let path = "Content/data/keys.yaml"

    @Test func readsAKeyWithEveryField() {
        let yaml = """
        keys:
          - id: key_prod
            name: "  Production backend "
            start: sk_ab12
            end: wx89
            created: 2026-03-02
            last_used: 2026-11-24
            expires: 2027-03-02
            scopes: [chat, embeddings]
            owner: ops@example.com
            status: revoked
        """
        let (result, diagnostics) = loadYAML(yaml, path: path, KeysLoader.read)
        expectMessages(diagnostics, [])
        let key = result?.keys.first
        #expect(result?.keys.count == 1)
        #expect(key?.name == "Production backend")
        #expect(key?.masked == "sk_ab12...wx89")
        #expect(key?.lastUsed == Day(parsing: "2026-11-24"))
        #expect(key?.scopes == ["chat", "embeddings"])
        #expect(key?.status == .revoked)
        #expect(key?.location == ForgeKit.SourceLocation(path: path, line: 2, column: 5))
    }

    /// The visible end is exactly the key's last four characters, and a key cannot be used or
    /// expire before it exists (`make mutants` found these rules untested).
    @Test func reportsAShortEndAndDatesBeforeCreation() {
        let yaml = """
        keys:
          - id: key_a
            name: A
            start: sk_ab12
            end: wx8
            created: 2026-03-02
            last_used: 2026-03-01
            expires: 2026-03-01
          - id: key_b
            name: B
            start: sk_cd34
            end: wx89
            created: 2026-03-02
            last_used: 2026-03-02
            expires: 2026-03-02
        """
        let (result, diagnostics) = loadYAML(yaml, path: path, KeysLoader.read)
        expectMessages(diagnostics, [
            """
            Content/data/keys.yaml:5:10: error: keys[0].end: "wx8" must be the key's last 4 characters (A-Z, a-z, 0-9)
                end: wx8
                     ^
            """,
            """
            Content/data/keys.yaml:7:16: error: keys[0].last_used: 2026-03-01 is before the key was created (2026-03-02)
                last_used: 2026-03-01
                           ^
            """,
            """
            Content/data/keys.yaml:8:14: error: keys[0].expires: 2026-03-01 is before the key was created (2026-03-02)
                expires: 2026-03-01
                         ^
            """,
        ])
        #expect(result?.keys.map(\.id) == ["key_b"], "the same day is allowed")
    }

    @Test func anActiveKeyPastItsExpiryShowsAsExpired() {
        let key = APIKey(id: "k", name: "K", start: "sk_abcd", end: "wxyz", created: Day(parsing: "2026-01-01")!,
                         expires: Day(parsing: "2026-11-01")!, location: ForgeKit.SourceLocation(path: path))
        #expect(key.status(asOf: Day(parsing: "2026-10-31")) == .active)
        #expect(key.status(asOf: Day(parsing: "2026-11-01")) == .expired)
        #expect(key.status(asOf: nil) == .active)
    }

    @Test func reportsDuplicatesBadDatesAndTyposTogether() {
        let yaml = """
        keys:
          - id: key_prod
            name: Production
            start: sk_ab12
            end: wx89
            created: 2026-03-02
          - id: key_prod
            nmae: Staging
            start: sk_cd34
            end: yz12345
            created: 2026-02-30
            status: paused
        """
        let (result, diagnostics) = loadYAML(yaml, path: path, KeysLoader.read)
        #expect(result?.keys.map(\.id) == ["key_prod"])
        #expect(result?.ids == ["key_prod"])
        expectMessages(diagnostics, [
            """
            Content/data/keys.yaml:7:5: error: keys[1]: required key "name" is missing
              - id: key_prod
                ^
            """,
            """
            Content/data/keys.yaml:7:9: error: keys[1].id: duplicate id "key_prod" (first defined at Content/data/keys.yaml:2:9)
              - id: key_prod
                    ^
            """,
            """
            Content/data/keys.yaml:8:5: error: keys[1]: unknown key "nmae" (did you mean "name"?)
                nmae: Staging
                ^
            """,
            """
            Content/data/keys.yaml:10:10: error: keys[1].end: "yz12345" must be the key's last 4 characters (A-Z, a-z, 0-9)
                end: yz12345
                     ^
            """,
            """
            Content/data/keys.yaml:11:14: error: keys[1].created: "2026-02-30" is not a real UTC day in the form YYYY-MM-DD
                created: 2026-02-30
                         ^
            """,
            """
            Content/data/keys.yaml:12:13: error: keys[1].status: "paused" must be one of active, revoked, expired
                status: paused
                        ^
            """,
        ])
    }

    @Test func rejectsDatesThatContradictEachOther() {
        let yaml = """
        keys:
          - id: key_a
            name: A
            start: sk_ab12
            end: wx89
            created: 2026-03-02
            last_used: 2026-03-01
        """
        let (_, diagnostics) = loadYAML(yaml, path: path, KeysLoader.read)
        expectMessages(diagnostics, [
            """
            Content/data/keys.yaml:7:16: error: keys[0].last_used: 2026-03-01 is before the key was created (2026-03-02)
                last_used: 2026-03-01
                           ^
            """,
        ])
    }

    @Test func requiresTheKeysList() {
        let (_, diagnostics) = loadYAML("key:\n  - id: a\n", path: path, KeysLoader.read)
        expectMessages(diagnostics, [
            """
            Content/data/keys.yaml:1:1: error: required key "keys" is missing
            key:
            ^
            """,
            """
            Content/data/keys.yaml:1:1: error: unknown key "key" (did you mean "keys"?)
            key:
            ^
            """,
        ])
    }
}

@Suite struct DiagnosticsTests {
    @Test func warningsPastTheLimitDoNotFailTheBuildAndNeverCrowdOutErrors() {
        var diagnostics = Diagnostics()
        for line in 1...(Diagnostics.limit + 50) {
            diagnostics.warn(.brokenLink(target: "x.md"), at: ForgeKit.SourceLocation(path: "a.md", line: line))
        }
        #expect(!diagnostics.hasErrors)
        #expect(diagnostics.warningCount == Diagnostics.limit + 50)
        diagnostics.report(.other("real problem"), at: ForgeKit.SourceLocation(path: "b.yaml", line: 1))
        #expect(diagnostics.errorCount == 1)
        #expect(diagnostics.items.contains { $0.severity == .error })
        #expect(diagnostics.items.count == Diagnostics.limit)
        diagnostics.promoteWarnings()
        #expect(diagnostics.errorCount == Diagnostics.limit + 51)
    }
}
