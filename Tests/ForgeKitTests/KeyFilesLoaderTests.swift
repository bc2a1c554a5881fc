import Foundation
import Testing
@testable import ForgeKit

/// Key files, `Content/data/keys/<id>.yaml` (issue 9): merged with keys.yaml, every problem
/// located, each message exactly as a user reads it.
@Suite struct KeyFilesLoaderTests {
    static let hashA = KeyMaker.sha256Hex("secret a")
    static let hashB = KeyMaker.sha256Hex("secret b")
    static let keysYAML = """
        keys:
          - id: key_a
            name: A
            start: sk_Aaaa
            end: aaaa
            created: 2026-01-01
            sha256: "\(hashA)"

        """

    @Test func keyFilesAreMergedWithKeysYAML() throws {
        let site = try KeysSite([
            "Content/data/keys.yaml": Self.keysYAML,
            "Content/data/keys/key_b.yaml": KeysSite.keyFile("key_b", "monthly_limit: 12.5\nscopes: [chat]\nsha256: \(Self.hashB)\nstatus: revoked\n"),
            "Content/data/keys/.gitkeep": "",
        ], site: "title: T\nscopes: [chat, embeddings]\n").loaded()
        #expect(site.keys.map(\.id) == ["key_a", "key_b"])
        let b = try #require(site.keys.last)
        #expect(b.name == "Key key_b" && b.masked == "sk_Bbbb...bbbb" && b.status == .revoked && b.scopes == ["chat"])
        #expect(b.sha256 == Self.hashB && b.monthlyLimit == Money(micros: 12_500_000))
        #expect(b.location == ForgeKit.SourceLocation(path: "Content/data/keys/key_b.yaml", line: 1, column: 1))
        #expect(site.keys.first?.sha256 == Self.hashA && site.keys.first?.monthlyLimit == nil)
    }

    @Test func keyFilesAloneNeedNoKeysYAML() throws {
        let site = try KeysSite(["Content/data/keys/key_b.json": #"{"id": "key_b", "name": "B", "start": "sk_Bbbb", "end": "bbbb", "created": "2026-01-02"}"#]).loaded()
        #expect(site.keys.map(\.id) == ["key_b"])
    }

    @Test func idsAreUniqueAcrossEveryFileAndMatchTheFileName() throws {
        let (site, diagnostics) = try KeysSite([
            "Content/data/keys.yaml": Self.keysYAML,
            "Content/data/keys/key_a.yaml": KeysSite.keyFile("key_a"),
            "Content/data/keys/key_c.yaml": KeysSite.keyFile("key_d"),
            "Content/data/keys/key_x.json": #"{"id": "key_x", "name": "X", "start": "sk_Xxxx", "end": "xxxx", "created": "2026-01-02"}"#,
            "Content/data/keys/key_x.yaml": KeysSite.keyFile("key_x"),
        ]).load()
        #expect(site == nil)
        expectMessages(diagnostics, [
            """
            Content/data/keys/key_a.yaml:1:5: error: id: duplicate id "key_a" (first defined at Content/data/keys.yaml:2:9)
            id: key_a
                ^
            """,
            """
            Content/data/keys/key_c.yaml:1:5: error: id: "key_d" does not match the file name key_c.yaml: a key file is named after its id (key_d.yaml)
            id: key_d
                ^
            """,
            """
            Content/data/keys/key_x.yaml:1:5: error: id: duplicate id "key_x" (first defined at Content/data/keys/key_x.json:1:8)
            id: key_x
                ^
            """,
        ])
    }

    @Test func sha256MustBeALowercaseHexSHA256OfNoOtherKey() throws {
        let hashA = Self.hashA
        let (_, diagnostics) = try KeysSite([
            "Content/data/keys.yaml": Self.keysYAML,
            "Content/data/keys/key_e.yaml": KeysSite.keyFile("key_e", "sha256: \"\(hashA.uppercased())\"\n"),
            "Content/data/keys/key_f.yaml": KeysSite.keyFile("key_f", "sha256: \(hashA.dropLast())\n"),
            "Content/data/keys/key_g.yaml": KeysSite.keyFile("key_g", "sha256: \(hashA.dropLast())g\n"),
            "Content/data/keys/key_h.yaml": KeysSite.keyFile("key_h", "sha256: \(hashA)\n"),
            "Content/data/keys/key_i.yaml": KeysSite.keyFile("key_i", "sha256: 42\n"),
        ]).load()
        expectMessages(diagnostics, [
            """
            Content/data/keys/key_e.yaml:6:9: error: sha256: "\(hashA.uppercased())" must be written in lowercase hex digits (a-f, not A-F)
            sha256: "\(hashA.uppercased())"
                    ^
            """,
            """
            Content/data/keys/key_f.yaml:6:9: error: sha256: "\(hashA.dropLast())" is not a SHA-256: 64 lowercase hex digits (0-9, a-f) of the secret's hash, found 63 characters
            sha256: \(hashA.dropLast())
                    ^
            """,
            """
            Content/data/keys/key_g.yaml:6:9: error: sha256: "\(hashA.dropLast())g" is not a SHA-256: 64 lowercase hex digits (0-9, a-f) of the secret's hash
            sha256: \(hashA.dropLast())g
                    ^
            """,
            """
            Content/data/keys/key_h.yaml:6:9: error: sha256: the same hash as key "key_a" (Content/data/keys.yaml:7:13): two keys cannot have one secret
            sha256: \(hashA)
                    ^
            """,
            """
            Content/data/keys/key_i.yaml:6:9: error: sha256: "42" is not a SHA-256: 64 lowercase hex digits (0-9, a-f) of the secret's hash, found 2 characters
            sha256: 42
                    ^
            """,
        ])
    }

    @Test func monthlyLimitIsADecimalAmountOfAtLeastZero() throws {
        let (site, diagnostics) = try KeysSite([
            "Content/data/keys/key_i.yaml": KeysSite.keyFile("key_i", "monthly_limit: lots\n"),
            "Content/data/keys/key_j.yaml": KeysSite.keyFile("key_j", "monthly_limit: -5\n"),
            "Content/data/keys/key_k.yaml": KeysSite.keyFile("key_k", "monthly_limit: 0.0000001\n"),
            "Content/data/keys/key_l.yaml": KeysSite.keyFile("key_l", "monthly_limit: 0\n"),
        ]).load()
        #expect(site == nil)
        expectMessages(diagnostics, [
            """
            Content/data/keys/key_i.yaml:6:16: error: monthly_limit: expected a number, found "lots"
            monthly_limit: lots
                           ^
            """,
            """
            Content/data/keys/key_j.yaml:6:16: error: monthly_limit: must not be negative, found -5
            monthly_limit: -5
                           ^
            """,
            """
            Content/data/keys/key_k.yaml:6:16: error: monthly_limit: 0.0000001 is not a plain decimal amount below 10^12 with at most 6 decimals
            monthly_limit: 0.0000001
                           ^
            """,
        ])
    }

    @Test func scopesAreCheckedAgainstSiteYAMLWhenItListsThem() throws {
        let files = [
            "Content/data/keys.yaml": Self.keysYAML + "    scopes: [chat, embedings]\n",
            "Content/data/keys/key_b.yaml": KeysSite.keyFile("key_b", "scopes:\n  - images\n"),
        ]
        let (_, diagnostics) = try KeysSite(files, site: "title: T\nscopes: [chat, embeddings]\n").load()
        expectMessages(diagnostics, [
            """
            Content/data/keys.yaml:8:20: error: keys[0].scopes[1]: "embedings" is not one of the scopes in site.yaml (chat, embeddings); did you mean "embeddings"?
                scopes: [chat, embedings]
                               ^
            """,
            """
            Content/data/keys/key_b.yaml:7:5: error: scopes[0]: "images" is not one of the scopes in site.yaml (chat, embeddings)
              - images
                ^
            """,
        ])
        // Without `scopes:` in site.yaml any scope goes.
        #expect(try KeysSite(files).loaded().keys.count == 2)
    }

    @Test func aKeyFileIsOneMappingWithTheKeysFields() throws {
        let (_, diagnostics) = try KeysSite([
            "Content/data/keys/key_m.yaml": "id: key_m\nnmae: M\nstart: sk_Mmmm\nend: mmmm\ncreated: 2026-01-02\n",
            "Content/data/keys/key_n.yaml": "keys:\n  - id: key_n\n",
            "Content/data/keys/key_o.yaml": "# nothing yet\n",
        ]).load()
        expectMessages(diagnostics, [
            """
            Content/data/keys/key_m.yaml:1:1: error: required key "name" is missing
            id: key_m
            ^
            """,
            """
            Content/data/keys/key_m.yaml:2:1: error: unknown key "nmae" (did you mean "name"?)
            nmae: M
            ^
            """,
            """
            Content/data/keys/key_n.yaml:1:1: error: a key file holds one key, its fields at the top level (id: …, name: …), not a keys: list as data/keys.yaml does
            keys:
            ^
            """,
            "Content/data/keys/key_o.yaml: error: the key file is empty: it holds one key (id, name, start, end, created, …) at the top level",
        ])
    }

    @Test func theKeysFolderHoldsOnlyKeyFiles() throws {
        let (_, diagnostics) = try KeysSite([
            "Content/data/keys/README.md": "# Keys\n",
            "Content/data/keys/key_p.YAML": KeysSite.keyFile("key_p"),
            "Content/data/keys/team/key_q.yaml": KeysSite.keyFile("key_q"),
        ]).load()
        expectMessages(diagnostics, [
            "Content/data/keys/README.md: error: not a key file: Content/data/keys/ holds only <id>.yaml files (or .yml, .json), one key each",
            "Content/data/keys/key_p.YAML: error: not a key file: Content/data/keys/ holds only <id>.yaml files (or .yml, .json), one key each",
            "Content/data/keys/team/key_q.yaml: error: key files are read from Content/data/keys/ itself, not from folders inside it; move this file up into Content/data/keys/",
        ])
        let file = try KeysSite(["Content/data/keys": "not a folder"]).load()
        expectMessages(file.1, ["Content/data/keys: error: expected a folder, found a file"])
    }

    /// A link out of Content/ is never followed: the loaders read nothing, not even the link's target.
    @Test func aKeyFileThatLinksOutOfContentIsNotRead() throws {
        let site = try KeysSite([:])
        let outside = site.folder.url.appendingPathComponent("elsewhere.yaml")
        try Data(KeysSite.keyFile("key_z").utf8).write(to: outside)
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("data/keys"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: site.content.appendingPathComponent("data/keys/key_z.yaml"), withDestinationURL: outside)
        let (loaded, diagnostics) = site.load()
        #expect(loaded == nil)
        expectMessages(diagnostics, [
            "Content/data/keys/key_z.yaml: error: the symbolic link to \"\(outside.path)\" leads out of Content/: Forge never follows a link out of it (copy the file in instead)",
        ])
    }
}
