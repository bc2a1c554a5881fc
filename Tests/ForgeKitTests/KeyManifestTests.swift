import Foundation
import Testing
@testable import ForgeKit

/// `forge keys manifest`: active, unexpired keys with a hash, in id order, exactly as printed;
/// never written where a site is published from.
@Suite struct KeyManifestTests {
    static let hashA = KeyMaker.sha256Hex("a")
    static let hashB = KeyMaker.sha256Hex("b")

    func site() throws -> (KeysSite, SiteKeys) {
        let folder = try KeysSite([
            "Content/data/keys.yaml": """
                keys:
                  - id: key_visible
                    name: No hash
                    start: sk_Vvvv
                    end: vvvv
                    created: 2026-01-01
                  - id: key_revoked
                    name: Revoked
                    start: sk_Rrrr
                    end: rrrr
                    created: 2026-01-01
                    sha256: "\(KeyMaker.sha256Hex("r"))"
                    status: revoked

                """,
            "Content/data/keys/key_z.yaml": KeysSite.keyFile("key_z", "sha256: \(Self.hashA)\nscopes: [chat, \"files:read\"]\nexpires: 2027-01-01\nmonthly_limit: 200.5\n"),
            "Content/data/keys/key_b.yaml": KeysSite.keyFile("key_b", start: "sk_Cccc", end: "cccc", "sha256: \(Self.hashB)\n"),
            "Content/data/keys/key_expired.yaml": KeysSite.keyFile("key_expired", start: "sk_Eeee", end: "eeee", "sha256: \(KeyMaker.sha256Hex("e"))\nexpires: 2026-12-01\n"),
            "Content/data/keys/key_old.yaml": KeysSite.keyFile("key_old", start: "sk_Oooo", end: "oooo", "sha256: \(KeyMaker.sha256Hex("o"))\nstatus: expired\n"),
        ], site: "title: T\ncurrency: EUR\nkey_prefix: nx_\n")
        return (folder, try folder.loaded())
    }

    @Test func listsActiveUnexpiredKeysWithAHashSortedByID() throws {
        let (_, site) = try site()
        let manifest = KeyManifest(site: site, asOf: Day(parsing: "2026-12-01")!)
        #expect(manifest.json == """
            {
              "format": "forge-keys-manifest",
              "version": 1,
              "as_of": "2026-12-01",
              "key_prefix": "nx_",
              "currency": "EUR",
              "keys": [
                {
                  "id": "key_b",
                  "sha256": "\(Self.hashB)",
                  "scopes": [],
                  "expires": null,
                  "monthly_limit": null,
                  "status": "active"
                },
                {
                  "id": "key_z",
                  "sha256": "\(Self.hashA)",
                  "scopes": ["chat", "files:read"],
                  "expires": "2027-01-01",
                  "monthly_limit": 200.5,
                  "status": "active"
                }
              ]
            }

            """)
        #expect(messages(manifest.warnings) == [
            "Content/data/keys.yaml:2:5: warning: key \"key_visible\" has no sha256: a gateway cannot verify it by hash, so the manifest leaves it out",
        ])
        // A day earlier, the key that expires on 2026-12-01 is still live.
        #expect(KeyManifest(site: site, asOf: Day(parsing: "2026-11-30")!).entries.map(\.id) == ["key_b", "key_expired", "key_z"])
        #expect(KeyManifest(site: site, asOf: Day(parsing: "2027-01-01")!).entries.map(\.id) == ["key_b"])
    }

    @Test func anEmptyManifestIsStillAManifest() throws {
        let site = try KeysSite([:]).loaded()
        #expect(KeyManifest(site: site, asOf: Day(parsing: "2026-12-01")!).json == """
            {
              "format": "forge-keys-manifest",
              "version": 1,
              "as_of": "2026-12-01",
              "key_prefix": "sk_",
              "currency": "USD",
              "keys": []
            }

            """)
    }

    /// Inside Content/, Output/, a folder forge built a site into, or through a link to one of them: refused.
    @Test func theManifestIsNeverWrittenWhereASiteIsPublishedFrom() throws {
        let (folder, site) = try site()
        let root = folder.folder.url
        try folder.folder.write(["Output/index.html": "old", "Pages/.forge-output": "", "Pages/docs/x.html": "", "gateway/README": ""])
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("linked"), withDestinationURL: site.contentDirectory.appendingPathComponent("data"))
        let published = [(site.contentDirectory, "Content"), (root.appendingPathComponent("Output"), "Output")]
        func check(_ path: String) -> String? {
            do {
                try ManifestDestination(path: root.appendingPathComponent(path), display: path).check(published: published)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(check("Content/keys.json") == "Content/keys.json: error: refusing to write here: it is inside Content/, which is published; keep the manifest with the gateway's deployment")
        #expect(check("linked/keys.json") == "linked/keys.json: error: refusing to write here: it is inside Content/, which is published; keep the manifest with the gateway's deployment")
        #expect(check("Output/keys.json") == "Output/keys.json: error: refusing to write here: it is inside Output/, which is published; keep the manifest with the gateway's deployment")
        let pages = try #require(SafePath.real(root.appendingPathComponent("Pages").path))
        #expect(check("Pages/docs/keys.json") == "Pages/docs/keys.json: error: refusing to write here: it is inside \(pages)/, a folder forge builds a site into (it has .forge-output), which is published")
        #expect(check("gateway") == "gateway: error: refusing to write here: it is a folder; name a file")
        #expect(check("nowhere/keys.json")?.hasPrefix("nowhere/keys.json: error: cannot write the file: the folder") == true)
        #expect(check("gateway/keys.json") == nil)

        let destination = ManifestDestination(path: root.appendingPathComponent("gateway/keys.json"), display: "gateway/keys.json")
        try destination.write("{}\n")
        try destination.write("{\"keys\": []}\n")
        #expect(try folder.folder.read("gateway/keys.json") == "{\"keys\": []}\n")
        #expect(folder.folder.snapshot("gateway").keys.sorted() == ["README", "keys.json"])
    }
}
