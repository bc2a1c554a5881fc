import Testing
@testable import ForgeKit

@Suite struct SecretScannerTests {
    static let body = "Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4F"
    static let key = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))

    func scan(_ text: String, keys: [APIKey] = []) -> Diagnostics {
        var diagnostics = Diagnostics()
        SecretScanner(keys: keys).scan(bytes: Array(text.utf8), displayPath: "Content/docs/setup.md", diagnostics: &diagnostics)
        return diagnostics
    }

    @Test func findsAChecksummedKeyAndNeverPrintsIt() {
        let diagnostics = scan("# Setup\n\nexport NEXUS_KEY=\(Self.key) # mine\n")
        let masked = "sk_Ab3d..." + String(Self.key.suffix(4))
        expectMessages(diagnostics, [
            """
            Content/docs/setup.md:3:18: error: a complete API key (\(masked)) is in the content, and everything in Content/ gets published: remove it, then revoke the key and create a new one
            export NEXUS_KEY=\(masked) # mine
                             ^
            """,
        ])
        #expect(!messages(diagnostics).joined().contains(Self.body))
    }

    @Test func findsKeysWithAnyPrefix() {
        let other = "nx_live_" + Self.body + KeyFormat.checksum(ofBody: Array(Self.body.utf8))
        #expect(scan("token: \(other)").errorCount == 1)
    }

    @Test func letsLookalikesThrough() {
        let text = """
        Call sk_createNullaryContinuationJob before sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.
        The masked form sk_Ab3d...wx89 is fine, as is \(Self.key.dropLast())Z.
        """
        #expect(scan(text).errorCount == 0)
    }

    @Test func findsALeakedProvisionedKey() {
        let key = APIKey(id: "key_prod", name: "Prod", start: "sk_ab12", end: "wx89", created: Day(parsing: "2026-01-01")!,
                         location: ForgeKit.SourceLocation(path: "Content/data/keys.yaml"))
        let diagnostics = scan("curl -H 'Authorization: Bearer sk_ab12QQQQQQQQQQQQQQQQwx89'\n", keys: [key])
        #expect(messages(diagnostics).first?.hasPrefix("Content/docs/setup.md:1:32: error: a complete API key (sk_ab12...wx89)") == true)
        // The key's own start and end, as written in keys.yaml, are not a leak.
        #expect(scan("start: sk_ab12\nend: wx89\nsk_ab12...wx89 sk_ab12wx89", keys: [key]).errorCount == 0)
    }
}
