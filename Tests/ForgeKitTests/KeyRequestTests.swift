import Foundation
import Testing
@testable import ForgeKit

/// `forge keys add`'s arguments, checked on their own and against the site, with the messages a
/// user reads.
@Suite struct KeyRequestTests {
    let today = Day(parsing: "2026-12-01")!
    let key = NewKey(secret: "sk_Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4F0Ya9Wx89", start: "sk_Ab3d", end: "Wx89")

    func site() throws -> (KeysSite, SiteKeys) {
        let folder = try KeysSite([
            "Content/data/keys.yaml": """
                keys:
                  - id: key_prod
                    name: Production backend
                    start: sk_Pr0d
                    end: Wx89
                    created: 2026-03-02
                  - id: key_old
                    name: Old gateway
                    start: sk_Old1
                    end: 0aBd
                    created: 2025-01-01
                    status: revoked
                  - id: key_ci
                    name: CI
                    start: sk_C1nt
                    end: Tt5e
                    created: 2026-02-01
                    expires: 2026-12-01

                """,
        ], site: "title: T\nscopes: [chat, embeddings, images]\n")
        return (folder, try folder.loaded())
    }

    /// The printed error of `body`, nil when it succeeds.
    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? KeysError)?.description ?? "not a KeysError: \(error)"
        }
    }

    @Test func makesTheKeyFileWithTodayAndTheOptions() throws {
        let (_, site) = try site()
        let request = try KeyRequest(name: "  Deploy bot ", scopes: "chat, images", expires: "30d", owner: "ops@example.com")
        let file = try request.keyFile(for: site, key: key, id: "key_0123456789abcdef", today: today)
        #expect(file == KeyFile(id: "key_0123456789abcdef", name: "Deploy bot", start: "sk_Ab3d", end: "Wx89", sha256: key.sha256,
                                created: today, expires: Day(parsing: "2026-12-31"), scopes: ["chat", "images"], owner: "ops@example.com"))
        let plain = try KeyRequest(name: "x", scopes: nil, expires: "2026-12-02", owner: " ").keyFile(for: site, key: key, id: "key_1", today: today)
        #expect(plain.expires == Day(parsing: "2026-12-02") && plain.scopes == [] && plain.owner == nil)
    }

    @Test func argumentsAreCheckedOnTheirOwn() {
        #expect(message { _ = try KeyRequest(name: " ", scopes: nil, expires: nil, owner: nil) } == "error: NAME: enter a name for the key")
        #expect(message { _ = try KeyRequest(name: String(repeating: "é", count: 65), scopes: nil, expires: nil, owner: nil) }
                == "error: NAME: use at most 64 characters (this name has 65)")
        #expect(message { _ = try KeyRequest(name: "a\u{1B}[31mb", scopes: nil, expires: nil, owner: nil) } == "error: NAME: the name cannot contain control characters")
        #expect(message { _ = try KeyRequest(name: "a", scopes: "chat,Chat", expires: nil, owner: nil) }
                == "error: --scopes: \"Chat\" must be 1-64 characters of a-z, 0-9, _, ., : and -")
        #expect(message { _ = try KeyRequest(name: "a", scopes: "chat, chat", expires: nil, owner: nil) } == "error: --scopes: \"chat\" is listed twice")
        #expect(message { _ = try KeyRequest(name: "a", scopes: nil, expires: "soon", owner: nil) }
                == "error: --expires: \"soon\" must be a UTC day written YYYY-MM-DD, or a number of days such as 30d")
        #expect(message { _ = try KeyRequest(name: "a", scopes: nil, expires: "2026-02-30", owner: nil) }
                == "error: --expires: \"2026-02-30\" must be a UTC day written YYYY-MM-DD, or a number of days such as 30d")
        #expect(message { _ = try KeyRequest(name: "a", scopes: nil, expires: "0d", owner: nil) } == "error: --expires: 0d must be 1d to 36500d (a number of days from today)")
        #expect(message { _ = try KeyRequest(name: "a", scopes: nil, expires: "-3d", owner: nil) }
                == "error: --expires: \"-3d\" must be a UTC day written YYYY-MM-DD, or a number of days such as 30d")
        #expect(message { _ = try KeyRequest(name: "a", scopes: nil, expires: nil, owner: "ops@localhost") }
                == "error: --owner: \"ops@localhost\" is not an email address such as ops@example.com")
        #expect(message { _ = try KeyRequest(name: "a", scopes: " , ", expires: "1d", owner: nil) } == nil)
    }

    @Test func scopesNamesAndExpiryAreCheckedAgainstTheSite() throws {
        let (_, site) = try site()
        func make(_ name: String, scopes: String? = nil, expires: String? = nil) -> String? {
            message { _ = try KeyRequest(name: name, scopes: scopes, expires: expires, owner: nil).keyFile(for: site, key: key, id: "key_1", today: today) }
        }
        #expect(make("a", scopes: "chat,embedings")
                == "error: --scopes: \"embedings\" is not one of the scopes in site.yaml (chat, embeddings, images); did you mean \"embeddings\"?")
        #expect(make("a", scopes: "audio") == "error: --scopes: \"audio\" is not one of the scopes in site.yaml (chat, embeddings, images)")
        #expect(make("PRODUCTION BACKEND")
                == "error: NAME: a live key is already named \"Production backend\" (key_prod, Content/data/keys.yaml:2:5); choose another name")
        // Revoked and expired keys' names are free again (the dialog's rule: unique among live keys).
        #expect(make("Old gateway") == nil && make("CI") == nil)
        #expect(make("a", expires: "2026-12-01")
                == "error: --expires: 2026-12-01 is not after today (2026-12-01, UTC): a key that expires today or earlier is expired already")
        #expect(make("a", expires: "2026-12-02") == nil && make("a", expires: "1d") == nil)
    }
}

/// The key file is written whole, into `data/keys/` (made when missing), and never over a file.
@Suite struct KeyFileWriterTests {
    let file = KeyFile(id: "key_0123456789abcdef", name: "CI", start: "sk_Ab3d", end: "Wx89", sha256: KeyMaker.sha256Hex("x"),
                       created: Day(parsing: "2026-12-01")!)

    @Test func writesTheFileAndNeverReplacesOne() throws {
        let folder = try KeysSite([:])
        let site = try folder.loaded()
        #expect(try KeyFileWriter(site: site).write(file) == "Content/data/keys/key_0123456789abcdef.yaml")
        #expect(try folder.read("Content/data/keys/key_0123456789abcdef.yaml") == Array(file.text.utf8))

        var other = file
        other.name = "Impostor"
        #expect(throws: KeysError(.refused("the file exists already (forge keys add never replaces a key file)"), path: "Content/data/keys/key_0123456789abcdef.yaml")) {
            try KeyFileWriter(site: site).write(other)
        }
        #expect(try folder.read("Content/data/keys/key_0123456789abcdef.yaml") == Array(file.text.utf8))
        #expect(folder.folder.snapshot("Content/data/keys").keys.sorted() == ["key_0123456789abcdef.yaml"], "no temporary file left")
    }

    /// A dangling link with the key file's name is a file that exists: not written through.
    @Test func aLinkWithTheNameIsNotWrittenThrough() throws {
        let folder = try KeysSite(["Content/data/keys/.gitkeep": ""])
        let site = try folder.loaded()
        let target = folder.folder.url.appendingPathComponent("outside.yaml")
        try FileManager.default.createSymbolicLink(at: site.contentDirectory.appendingPathComponent("data/keys/key_0123456789abcdef.yaml"), withDestinationURL: target)
        #expect(throws: KeysError.self) { try KeyFileWriter(site: site).write(file) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
