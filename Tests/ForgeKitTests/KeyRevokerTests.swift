import Foundation
import Testing
@testable import ForgeKit

/// `forge keys revoke ID` changes one line of one file: the key's `status`, replaced or added.
/// Each test compares the whole file, byte for byte, with what it must be.
@Suite struct KeyRevokerTests {
    static let keysYAML = """
        # Keys provisioned by the platform team.
        keys:
          - id: key_prod
            name: Production backend   # the main one
            start: sk_Pr0d
            end: Wx89
            created: 2026-03-02
            scopes:
              - chat
              - embeddings
            # rotated every 90 days

          # Staging follows.
          - id: key_staging
            name: Staging
            start: sk_St4g
            end: k2Lm
            created: 2026-04-15
            status: active  # until the move
          - id: key_quoted
            name: Quoted
            start: sk_Qu0t
            end: q2Lm
            created: 2026-04-15
            status: "expired"

        """

    func revoke(_ id: String, in files: [String: String], site: String = "title: T\n") throws -> (KeysSite, Result<KeyRevoker.Outcome, KeysError>) {
        let folder = try KeysSite(files, site: site)
        let loaded = try folder.loaded()
        return (folder, Result { () throws(KeysError) in try KeyRevoker(site: loaded).revoke(id: id) })
    }

    func text(_ folder: KeysSite, _ path: String) throws -> String {
        String(decoding: try folder.read(path), as: UTF8.self)
    }

    @Test func addsAStatusLineAfterTheEntrysLastLineBeforeItsTrailingComment() throws {
        let (folder, outcome) = try revoke("key_prod", in: ["Content/data/keys.yaml": Self.keysYAML])
        #expect(try outcome.get() == .revoked(ForgeKit.SourceLocation(path: "Content/data/keys.yaml", line: 11, column: 5)))
        #expect(try text(folder, "Content/data/keys.yaml") == Self.keysYAML.replacingOccurrences(
            of: "      - embeddings\n", with: "      - embeddings\n    status: revoked\n"))
    }

    @Test func replacesOnlyTheStatusValueKeepingItsCommentAndQuotes() throws {
        let (folder, outcome) = try revoke("key_staging", in: ["Content/data/keys.yaml": Self.keysYAML])
        #expect(try outcome.get() == .revoked(ForgeKit.SourceLocation(path: "Content/data/keys.yaml", line: 19, column: 5)))
        #expect(try text(folder, "Content/data/keys.yaml") == Self.keysYAML.replacingOccurrences(
            of: "status: active  # until the move", with: "status: revoked  # until the move"))

        let (quoted, _) = try revoke("key_quoted", in: ["Content/data/keys.yaml": Self.keysYAML])
        #expect(try text(quoted, "Content/data/keys.yaml") == Self.keysYAML.replacingOccurrences(of: "status: \"expired\"", with: "status: \"revoked\""))
    }

    @Test func editsAKeyFileAsWritten() throws {
        let file = KeyFile(id: "key_0123456789abcdef", name: "CI deploy", start: "sk_Ab3d", end: "Wx89", sha256: KeyMaker.sha256Hex("x"),
                           created: Day(parsing: "2026-11-25")!, scopes: ["chat"]).text
        let path = "Content/data/keys/key_0123456789abcdef.yaml"
        let (folder, outcome) = try revoke("key_0123456789abcdef", in: [path: file])
        #expect(try outcome.get() == .revoked(ForgeKit.SourceLocation(path: path, line: 9, column: 1)))
        #expect(try text(folder, path) == file + "status: revoked\n")
        // Once more: nothing changes.
        let again = try KeyRevoker(site: folder.loaded()).revoke(id: "key_0123456789abcdef")
        #expect(again == .alreadyRevoked(ForgeKit.SourceLocation(path: path, line: 2, column: 1)))
        #expect(try text(folder, path) == file + "status: revoked\n")
    }

    @Test func keepsLineEndingsAByteOrderMarkAndAMissingFinalLineBreak() throws {
        let base = "id: key_a\r\nname: A\r\nstart: sk_Aaaa\r\nend: aaaa\r\ncreated: 2026-01-02\r\nscopes:\r\n- chat\r\n- images\r\n# end\r\n"
        let (crlf, _) = try revoke("key_a", in: ["Content/data/keys/key_a.yaml": base])
        #expect(try text(crlf, "Content/data/keys/key_a.yaml") == base.replacingOccurrences(of: "- images\r\n", with: "- images\r\nstatus: revoked\r\n"))

        let bare = "\u{FEFF}id: key_b\nname: B\nstart: sk_Bbbb\nend: bbbb\ncreated: 2026-01-02\nowner: ops@example.com"
        let (open, _) = try revoke("key_b", in: ["Content/data/keys/key_b.yaml": bare])
        #expect(try text(open, "Content/data/keys/key_b.yaml") == bare + "\nstatus: revoked")

        let json = #"{"id": "key_c", "name": "C", "start": "sk_Cccc", "end": "cccc", "created": "2026-01-02", "status": "active"}"#
        let (replaced, _) = try revoke("key_c", in: ["Content/data/keys/key_c.json": json])
        #expect(try text(replaced, "Content/data/keys/key_c.json") == json.replacingOccurrences(of: #""status": "active""#, with: #""status": "revoked""#))
    }

    /// A flow mapping (or JSON) has no line to add: refused, with what to do, and left alone.
    @Test func refusesToAddAStatusToAFlowMapping() throws {
        let yaml = "keys:\n  - {id: key_f, name: F, start: sk_Ffff, end: ffff, created: 2026-01-02}\n"
        let (folder, outcome) = try revoke("key_f", in: ["Content/data/keys.yaml": yaml])
        #expect(outcome.failure?.description == """
            error: Content/data/keys.yaml:2:5: the key is written as a flow mapping ({…}, or JSON); forge keys revoke adds a line only to a block mapping: add status: revoked (JSON: "status": "revoked") to it by hand
            """)
        #expect(try text(folder, "Content/data/keys.yaml") == yaml)
    }

    /// A line that would land inside a block scalar changes the key: the edit is read back first,
    /// found wrong, and nothing is written.
    @Test func anEditThatWouldChangeAnythingElseIsNotWritten() throws {
        let tricky = "id: key_q\nname: Q\nstart: sk_Qqqq\nend: qqqq\ncreated: 2026-01-02\nowner: |\n  ops@example.com\n  # part of the owner, not a comment\n"
        let (folder, outcome) = try revoke("key_q", in: ["Content/data/keys/key_q.yaml": tricky])
        #expect(outcome.failure?.description == "error: Content/data/keys/key_q.yaml:1:1: the key's entry is written in a form that forge keys revoke cannot edit without changing something else; add status: revoked to it by hand")
        #expect(try text(folder, "Content/data/keys/key_q.yaml") == tricky)
        #expect(folder.folder.snapshot("Content/data/keys").keys.sorted() == ["key_q.yaml"], "no temporary file left")
    }

    @Test func anUnknownIDGetsADidYouMean() throws {
        let (_, outcome) = try revoke("key_stagin", in: ["Content/data/keys.yaml": Self.keysYAML])
        #expect(outcome.failure?.description == "error: no key has the id \"key_stagin\" (did you mean \"key_staging\"?); the site has 3 keys (forge build lists them on the dashboard)")
        #expect(outcome.failure?.isUsageError == true)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
