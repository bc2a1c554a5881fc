import Foundation
import Testing
@testable import ForgeKit

@Suite struct SecretScannerTests {
    static let body = "Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4F"
    static let key = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
    static let masked = "sk_Ab3d..." + String(key.suffix(4))

    func scan(_ text: String, keys: [APIKey] = [], path: String = "Content/docs/setup.md") -> Diagnostics {
        var diagnostics = Diagnostics()
        SecretScanner(keys: keys).scan(bytes: Array(text.utf8), displayPath: path, diagnostics: &diagnostics)
        return diagnostics
    }

    /// No part of the key between its masked start and end is in `text`, in any six characters.
    static func expectNoSecret(_ text: String, key: String = SecretScannerTests.key, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let hidden = Array(key.dropFirst(7).dropLast(4))
        for start in 0...(hidden.count - 6) {
            let piece = String(hidden[start..<(start + 6)])
            #expect(!text.contains(piece), "the secret's middle \"\(piece)\" was printed", sourceLocation: sourceLocation)
        }
    }

    @Test func findsAChecksummedKeyAndNeverPrintsIt() {
        let diagnostics = scan("# Setup\n\nexport NEXUS_KEY=\(SecretScannerTests.key) # mine\n")
        expectMessages(diagnostics, [
            """
            Content/docs/setup.md:3:18: error: a complete API key (\(SecretScannerTests.masked)) is in the content, and everything in Content/ gets published: remove it, then revoke the key and create a new one
            export NEXUS_KEY=\(SecretScannerTests.masked) # mine
                             ^
            """,
        ])
        SecretScannerTests.expectNoSecret(messages(diagnostics).joined())
    }

    /// Columns count characters, as an editor does: `é` and `—` before the key are one column
    /// each, not two or three bytes.
    @Test func theColumnCountsCharactersNotBytes() {
        let diagnostics = scan("x\nCafé — \(SecretScannerTests.key)\n")
        #expect(diagnostics.items.map(\.location) == [ForgeKit.SourceLocation(path: "Content/docs/setup.md", line: 2, column: 8)])
    }

    /// What quotes content in a message (a value in an error) is masked first.
    @Test func redactMasksEveryKeyAndKeepsTheRest() {
        let scanner = SecretScanner(keys: [])
        let text = "found \"\(SecretScannerTests.key)\" and \(SecretScannerTests.key)!"
        #expect(scanner.redact(text) == "found \"\(SecretScannerTests.masked)\" and \(SecretScannerTests.masked)!")
        #expect(scanner.redact("no key here") == "no key here")
    }

    @Test func findsKeysWithAnyPrefix() {
        let other = "nx_live_" + SecretScannerTests.body + KeyFormat.checksum(ofBody: Array(SecretScannerTests.body.utf8))
        #expect(scan("token: \(other)").errorCount == 1)
    }

    /// Issue 7: a run of `[A-Za-z0-9_-]` was only checked at its end, so anything glued after
    /// the key (Markdown emphasis, `-prod`) let it through; and nothing glued before or after
    /// may hide it either. Every 38-character window is a candidate.
    @Test(arguments: [
        "_KEY_", "__KEY__", "*KEY*", "KEY_", "KEY-prod", "KEY_prod", "xKEYy", "x_KEY_y", "0KEY9", "KEYKEY", "prefix-KEY",
        "[KEY](https://example.com)", "`KEY`", "KEY\u{00A0}", "é\(String(SecretScannerTests.key.dropFirst(3)))é",
    ])
    func findsAKeyWhateverIsGluedToIt(_ template: String) {
        let text = "Intro line.\nUse " + template.replacingOccurrences(of: "KEY", with: SecretScannerTests.key) + " here.\n"
        let diagnostics = scan(text)
        #expect(diagnostics.errorCount >= 1, "\(template)")
        #expect(messages(diagnostics).allSatisfy { $0.hasPrefix("Content/docs/setup.md:2:") }, "\(messages(diagnostics))")
        SecretScannerTests.expectNoSecret(messages(diagnostics).joined())
    }

    /// Encodings that a later stage decodes (YAML, cmark, the browser): the key is found at the
    /// line where its encoding starts, and the excerpt shows neither the key nor its encoding.
    @Test(arguments: [
        // YAML double-quoted escapes
        ("organization: \"sk_\\x\(SecretScannerTests.hex(SecretScannerTests.body, 0))\(SecretScannerTests.body.dropFirst())CHECK\"\n", 1),
        ("organization: \"sk_\\u00\(SecretScannerTests.hex(SecretScannerTests.body, 0))\(SecretScannerTests.body.dropFirst())CHECK\"\n", 1),
        ("organization: \"sk_\\U000000\(SecretScannerTests.hex(SecretScannerTests.body, 0))\(SecretScannerTests.body.dropFirst())CHECK\"\n", 1),
        ("organization: \"sk_\(SecretScannerTests.body.prefix(10))\\\n    \(SecretScannerTests.body.dropFirst(10))CHECK\"\n", 1),
        ("organization: \"sk_\(SecretScannerTests.body.prefix(10))\\\r\n\t\(SecretScannerTests.body.dropFirst(10))CHECK\"\n", 1),
        // HTML entities that cmark decodes
        ("Use sk_&#\(Int(SecretScannerTests.body.utf8.first!));\(SecretScannerTests.body.dropFirst())CHECK now.\n", 1),
        ("Use sk_&#x\(SecretScannerTests.hex(SecretScannerTests.body, 0));\(SecretScannerTests.body.dropFirst())CHECK now.\n", 1),
        ("Use sk_&#X000\(SecretScannerTests.hex(SecretScannerTests.body, 0));\(SecretScannerTests.body.dropFirst())CHECK now.\n", 1),
        ("Use sk&lowbar;\(SecretScannerTests.body)CHECK now.\n", 1),
        // Halves joined in the output
        ("Use sk_\(SecretScannerTests.body.prefix(16))<!-- -->\(SecretScannerTests.body.dropFirst(16))CHECK now.\n", 1),
        ("Use sk_\(SecretScannerTests.body.prefix(16))<!--\nsplit over lines\n-->\(SecretScannerTests.body.dropFirst(16))CHECK now.\n", 1),
        ("Use sk_\(SecretScannerTests.body.prefix(16))<span class=\"x\"></span>\(SecretScannerTests.body.dropFirst(16))CHECK now.\n", 1),
        ("Use sk_\(SecretScannerTests.body.prefix(16))\u{200B}\(SecretScannerTests.body.dropFirst(16))CHECK now.\n", 1),
        ("Use sk_\(SecretScannerTests.body.prefix(16))&shy;\(SecretScannerTests.body.dropFirst(16))CHECK now.\n", 1),
        // Percent-encoded, as in a link
        ("[x](https://e.com/?k=sk_%\(SecretScannerTests.hex(SecretScannerTests.body, 0))\(SecretScannerTests.body.dropFirst())CHECK)\n", 1),
    ])
    func findsAnEncodedKeyAtItsLine(_ template: String, line: Int) {
        let check = String(SecretScannerTests.key.suffix(6))
        let text = template.replacingOccurrences(of: "CHECK", with: check)
        let diagnostics = scan(text, path: "Content/site.yaml")
        #expect(diagnostics.errorCount == 1, "\(text)")
        let message = messages(diagnostics).joined()
        #expect(message.hasPrefix("Content/site.yaml:\(line):"), "\(message)")
        #expect(message.contains("a complete API key (sk_Ab3d...\(check.suffix(4)))"), "\(message)")
        SecretScannerTests.expectNoSecret(message)
        // The encoded middle is not printed either.
        #expect(!message.contains(String(SecretScannerTests.body.dropFirst(16).prefix(8))), "\(message)")
    }

    @Test func letsLookalikesThrough() {
        let text = """
        Call sk_createNullaryContinuationJob before sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.
        The masked form sk_Ab3d...wx89 is fine, as is \(SecretScannerTests.key.dropLast())Z and \(SecretScannerTests.key.dropLast())_\(SecretScannerTests.key.last!).
        SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 and base64 \
        QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=
        """
        #expect(scan(text).errorCount == 0)
    }

    /// The length boundary: exactly a body and its checksum (38 characters) is a key; one
    /// character less is not (a `>=` turned `>` misses the first, and only the first).
    @Test func findsABareBodyAndChecksumOfExactlyThirtyEightCharacters() {
        let bare = String(SecretScannerTests.key.dropFirst(3))
        #expect(bare.utf8.count == KeyFormat.bodyLength + KeyFormat.checksumLength)
        #expect(scan(bare).errorCount == 1)
        #expect(scan("a " + bare + " b").errorCount == 1)
        #expect(scan(String(bare.dropFirst())).errorCount == 0)
        #expect(scan(String(bare.dropLast())).errorCount == 0)
        #expect(SecretScanner(keys: []).findings(in: Array(bare.utf8)).count == 1)
        #expect(SecretScanner(keys: []).findings(in: Array(bare.dropLast().utf8)).isEmpty)
    }

    @Test func reportsEveryKeyOfALineAndMasksThemAll() {
        let other = "Zz9yXx8wVv7uTt6sRr5qPp4oNn3mLl2k"
        let second = "sk_" + other + KeyFormat.checksum(ofBody: Array(other.utf8))
        let diagnostics = scan("a \(SecretScannerTests.key) b \(second) c\n")
        #expect(diagnostics.errorCount == 2)
        SecretScannerTests.expectNoSecret(messages(diagnostics).joined())
        SecretScannerTests.expectNoSecret(messages(diagnostics).joined(), key: second)
    }

    static let provisioned = APIKey(id: "key_prod", name: "Prod", start: "sk_ab12", end: "wx89", created: Day(parsing: "2026-01-01")!,
                                    location: ForgeKit.SourceLocation(path: "Content/data/keys.yaml"))

    @Test func findsALeakedProvisionedKey() {
        let diagnostics = scan("curl -H 'Authorization: Bearer sk_ab12QQQQQQQQQQQQQQQQwx89'\n", keys: [SecretScannerTests.provisioned])
        #expect(messages(diagnostics).first?.hasPrefix("Content/docs/setup.md:1:32: error: a complete API key (sk_ab12...wx89)") == true)
        #expect(!messages(diagnostics).joined().contains("QQQQ"))
        // The key's own start and end, as written in keys.yaml, are not a leak.
        #expect(scan("start: sk_ab12\nend: wx89\nsk_ab12...wx89 sk_ab12wx89", keys: [SecretScannerTests.provisioned]).errorCount == 0)
    }

    /// A provisioned key's start and end anywhere in one run, whatever is glued around them;
    /// eight characters or more between them (the boundary), and at most 256 in all.
    @Test(arguments: [
        ("_sk_ab12QQQQQQQQwx89_", true), ("xsk_ab12QQQQQQQQwx89y", true), ("sk_ab12QQQQQQQQwx89-prod", true),
        ("sk_sk_ab12QQQQQQQQwx89", true), ("sk_ab12QQQQQQQQwx89wx89", true), ("sk&lowbar;ab12QQQQQQQQwx89", true),
        ("sk_ab12QQQQQQQwx89", false), ("sk_ab12 QQQQQQQQwx89", false), ("sk_ab12QQQQQQQQ wx89", false),
        ("sk_ab12" + String(repeating: "Q", count: 245) + "wx89", true), ("sk_ab12" + String(repeating: "Q", count: 246) + "wx89", false),
    ])
    func provisionedKeyBoundaries(_ text: String, leaks: Bool) {
        #expect((scan("x \(text) y\n", keys: [SecretScannerTests.provisioned]).errorCount > 0) == leaks, "\(text)")
    }

    @Test func staysLinearOnHostileInput() {
        // Many starts and ends in one run, and one run of a megabyte: each byte is looked at a
        // bounded number of times.
        let many = String(repeating: "sk_ab12wx89", count: 100_000)
        let long = String(repeating: "a", count: 1_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = scan(many, keys: [SecretScannerTests.provisioned])
            _ = scan(long, keys: [SecretScannerTests.provisioned])
        }
        #expect(scan(many, keys: [SecretScannerTests.provisioned]).errorCount > 0)
        #expect(elapsed < .seconds(20), "\(elapsed)")
    }

    @Test func scansFileAndFolderNames() throws {
        let folder = try TemporaryDirectory()
        try folder.write("# Fine\n", to: "docs/\(SecretScannerTests.key).md")
        try folder.write("# Fine\n", to: "docs/x_\(SecretScannerTests.key)_y/a.md")
        try folder.write("# Fine\n", to: "docs/ok.md")
        var diagnostics = Diagnostics()
        SecretScanner(keys: []).scan(directory: folder.url, displayDirectory: "Content", diagnostics: &diagnostics)
        let printed = messages(diagnostics)
        #expect(printed.count == 2, "\(printed)")
        #expect(printed.allSatisfy { $0.contains("error: the name of this file or folder holds a complete API key (") }, "\(printed)")
        #expect(printed.allSatisfy { $0.contains("sk_Ab3d...\(SecretScannerTests.key.suffix(4)))") }, "\(printed)")
        #expect(printed.allSatisfy { $0.hasPrefix("Content/docs/sk_Ab3d...") || $0.hasPrefix("Content/docs/x_sk_Ab3d...") }, "\(printed)")
        SecretScannerTests.expectNoSecret(printed.joined())
    }

    static func hex(_ text: String, _ index: Int) -> String {
        String(Array(text.utf8)[index], radix: 16, uppercase: true)
    }
}
