import Foundation
import Testing
@testable import ForgeKit

/// `forge keys add | revoke | manifest` run as a user runs them, on a `forge new` site in a
/// temporary folder (and on the example site for scopes): the secret is printed once and kept
/// nowhere, the key becomes a site key, the manifest verifies it by hash (issue 9).
@Suite(.serialized) struct KeysEndToEndTests {
    struct Site {
        let folder: TemporaryDirectory
        let url: URL

        func forge(_ arguments: [String], environment: [String: String] = [:]) throws -> ForgeProcess.Outcome {
            try ForgeProcess.run(arguments, in: url, environment: environment)
        }

        var files: TemporaryDirectory { TemporaryDirectory.at(url) }

        /// The `forge-keys` block of the built dashboard.
        func siteKeys() throws -> [[String: Any]] {
            let html = try files.read("Output/index.html")
            let start = try #require(html.range(of: "<script type=\"application/json\" id=\"forge-keys\">"))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
            return try #require(json?["keys"] as? [[String: Any]])
        }

        func manifest(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> (keys: [[String: Any]], outcome: ForgeProcess.Outcome) {
            let outcome = try forge(["keys", "manifest"] + arguments, environment: environment)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return (try #require(json?["keys"] as? [[String: Any]]), outcome)
        }
    }

    func newSite() throws -> Site {
        let folder = try TemporaryDirectory()
        let outcome = try ForgeProcess.run(["new", "console", "--action", "acme/forge@v1"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return Site(folder: folder, url: folder.url.appendingPathComponent("console"))
    }

    var today: Day { Day(unixSeconds: Int(Date().timeIntervalSince1970)) }

    /// The key's id, from `keys add`'s message on stderr.
    func createdID(_ outcome: ForgeProcess.Outcome) throws -> String {
        let match = try #require(outcome.stderr.firstMatch(of: /Created (key_[0-9a-f]{16}),/), "\(outcome.stderr)")
        return String(match.1)
    }

    @Test func addPrintsOnlyTheSecretAndTheBuildListsTheKeyByItsHash() throws {
        let site = try newSite()
        let add = try site.forge(["keys", "add", "Deploy bot", "--scopes", "chat,embeddings", "--expires", "30d", "--owner", "ops@example.com"])
        #expect(add.status == 0, "\(add.stderr)")
        // stdout is the secret and a line break, nothing else: `forge keys add … > secret.txt` works.
        let secret = String(add.stdout.dropLast())
        #expect(add.stdout.hasSuffix("\n") && secret.wholeMatch(of: /sk_[0-9A-Za-z]{38}/) != nil, "\(add.stdout)")
        #expect(KeyFormat.hasValidChecksum(Array(secret.utf8)))
        let id = try createdID(add)
        let hash = KeyMaker.sha256Hex(secret)

        let expected = KeyFile(id: id, name: "Deploy bot", start: String(secret.prefix(7)), end: String(secret.suffix(4)), sha256: hash,
                               created: today, expires: today.adding(days: 30), scopes: ["chat", "embeddings"], owner: "ops@example.com")
        #expect(try site.files.read("Content/data/keys/\(id).yaml") == expected.text)

        let build = try site.forge(["build"])
        #expect(build.status == 0, "\(build.stderr)")
        let listed = try #require(try site.siteKeys().first { $0["id"] as? String == id })
        #expect(listed["sha256"] as? String == hash && listed["name"] as? String == "Deploy bot" && listed["status"] as? String == "active")

        let (keys, manifest) = try site.manifest()
        #expect(keys.map { $0["id"] as? String } == [id])
        #expect(keys.first?["sha256"] as? String == hash && keys.first?["scopes"] as? [String] == ["chat", "embeddings"])
        #expect(manifest.stderr.contains("key \"key_backend\" has no sha256"), "the starter's keys have no hash: \(manifest.stderr)")

        // The secret is nowhere: not in Content/, not in Output/, not in a file left beside them.
        let secretBytes = Data(secret.utf8), body = Data(secret.dropFirst(3).prefix(32).utf8)
        for (path, data) in TemporaryDirectory.snapshot(of: site.folder.url) {
            #expect(data.range(of: secretBytes) == nil && data.range(of: body) == nil, "\(path) holds the secret")
        }
    }

    /// Pasted into a doc, the printed secret stops the build (its checksum holds), and the
    /// previous site stays.
    @Test func theSecretScannerCatchesThePrintedSecretIfPasted() throws {
        let site = try newSite()
        let add = try site.forge(["keys", "add", "Pasted"])
        let secret = String(add.stdout.dropLast())
        #expect(try site.forge(["build", "--quiet"]).status == 0)
        let before = site.files.snapshot("Output")
        try site.files.write(["Content/docs/oops.md": "# Setup\n\nexport NEXUS_KEY=\(secret)\n"])
        let build = try site.forge(["build"])
        #expect(build.status == 1)
        #expect(build.stderr.contains("Content/docs/oops.md:3:") && build.stderr.contains(String(secret.prefix(7))), "\(build.stderr)")
        #expect(!build.stderr.contains(secret), "the message masks the key")
        #expect(site.files.snapshot("Output") == before)
    }

    @Test func revokeEditsOnlyTheStatusLineAndTheManifestDropsTheKey() throws {
        let site = try newSite()
        let add = try site.forge(["keys", "add", "Short lived"])
        let id = try createdID(add)
        let hash = KeyMaker.sha256Hex(String(add.stdout.dropLast()))
        let keyFile = "Content/data/keys/\(id).yaml"
        let fileBefore = try site.files.read(keyFile), listBefore = try site.files.read("Content/data/keys.yaml")

        let revoke = try site.forge(["keys", "revoke", id])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(revoke.stdout == "Revoked \(id): \(keyFile):8:1 now says status: revoked. Commit it, rebuild the site and update the gateway's manifest.\n")
        #expect(try site.files.read(keyFile) == fileBefore + "status: revoked\n")

        let second = try site.forge(["keys", "revoke", "key_backend"])
        #expect(second.status == 0, "\(second.stderr)")
        let before = listBefore.split(separator: "\n", omittingEmptySubsequences: false)
        var after = try site.files.read("Content/data/keys.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        let inserted = try #require(after.firstIndex { $0.hasSuffix("status: revoked") })
        #expect(after[inserted] == "    status: revoked" && after[inserted - 1] == "    owner: platform@example.com")
        after.remove(at: inserted)
        #expect(after == before, "every other byte of keys.yaml is as it was")

        let again = try site.forge(["keys", "revoke", id])
        #expect(again.status == 0 && again.stdout == "\(id) is revoked already (\(keyFile):2:1); nothing changed.\n")
        #expect(try site.files.read(keyFile) == fileBefore + "status: revoked\n")

        let (keys, _) = try site.manifest()
        #expect(!keys.contains { $0["sha256"] as? String == hash } && keys.isEmpty)
        #expect(try site.forge(["build", "--quiet"]).status == 0)
        let statuses = Dictionary(uniqueKeysWithValues: try site.siteKeys().map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(statuses[id] == "revoked" && statuses["key_backend"] == "revoked")
    }

    @Test func theManifestKeepsOnlyKeysUnexpiredAsOfItsDay() throws {
        let site = try newSite()
        let id = try createdID(try site.forge(["keys", "add", "One day", "--expires", "1d"]))
        let tomorrow = today.adding(days: 1)
        #expect(try site.manifest().keys.map { $0["id"] as? String } == [id], "today (the clock's day)")
        #expect(try site.manifest(["--as-of", tomorrow.description]).keys.isEmpty)
        let epoch = String(tomorrow.daysSinceEpoch * 86_400 + 3_600)
        #expect(try site.manifest(environment: ["SOURCE_DATE_EPOCH": epoch]).keys.isEmpty)
        // site.yaml's as_of dates the dashboard, not the gateway: it is not used.
        let yaml = try site.files.read("Content/site.yaml")
        try site.files.write(["Content/site.yaml": yaml + "as_of: \(tomorrow)\n"])
        #expect(try site.manifest().keys.count == 1)

        let written = try site.forge(["keys", "manifest", "--output", "../gateway-keys.json"])
        #expect(written.status == 0 && written.stdout == "Wrote 1 key (as of \(today)) to ../gateway-keys.json.\n", "\(written.stderr)")
        #expect(try site.folder.read("gateway-keys.json").contains(id))
        for refused in ["Content/gateway.json", "Output/gateway.json"] {
            try FileManager.default.createDirectory(at: site.url.appendingPathComponent("Output"), withIntermediateDirectories: true)
            let outcome = try site.forge(["keys", "manifest", "--output", refused])
            #expect(outcome.status == 3 && outcome.stdout.isEmpty, "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent(refused).path))
        }
    }

    /// 1 content errors, 2 a wrong argument, 3 nothing could be written (README's table).
    @Test func exitStatusesAndMessages() throws {
        let folder = try TemporaryDirectory()
        try folder.copyExampleSite()
        let example = Site(folder: folder, url: folder.url)
        var outcome = try example.forge(["keys", "add", "Bot", "--scopes", "chat,imags"])
        #expect(outcome.status == 2 && outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: --scopes: \"imags\" is not one of the scopes in site.yaml (chat, embeddings, images, audio); did you mean \"images\"?\n")
        outcome = try example.forge(["keys", "add", "production backend"])
        #expect(outcome.status == 2 && outcome.stderr == "error: NAME: a live key is already named \"Production backend\" (key_prod, Content/data/keys.yaml:4:5); choose another name\n")
        outcome = try example.forge(["keys", "add", "Bot", "--owner", "ops"])
        #expect(outcome.status == 2 && outcome.stderr.hasPrefix("Error: --owner: \"ops\" is not an email address such as ops@example.com\n"), "\(outcome.stderr)")
        outcome = try example.forge(["keys", "revoke", "key_prd"])
        #expect(outcome.status == 2 && outcome.stderr == "error: no key has the id \"key_prd\" (did you mean \"key_prod\"?); the site has 7 keys (forge build lists them on the dashboard)\n")
        #expect(try example.forge(["keys", "add", "Bot", "--scopes", "images,chat"]).status == 0)
        #expect(try example.forge(["build", "--quiet"]).status == 0)
        #expect(try example.siteKeys().contains { $0["name"] as? String == "Bot" && $0["scopes"] as? [String] == ["images", "chat"] })

        try example.files.write(["Content/data/keys/key_bad.yaml": "id: key_bad\nname: Bad\nstart: sk_Badd\nend: dddd\ncreated: 2026-01-01\nsha256: nope\n"])
        let before = example.files.snapshot("Content")
        for arguments in [["keys", "add", "Another"], ["keys", "revoke", "key_prod"], ["keys", "manifest"]] {
            outcome = try example.forge(arguments)
            #expect(outcome.status == 1 && outcome.stdout.isEmpty, "\(arguments)")
            #expect(outcome.stderr.hasPrefix("Content/data/keys/key_bad.yaml:6:9: error: sha256: \"nope\" is not a SHA-256"), "\(outcome.stderr)")
        }
        #expect(example.files.snapshot("Content") == before, "nothing was written")
        outcome = try ForgeProcess.run(["keys", "manifest"], in: folder.url.appendingPathComponent("Content"))
        #expect(outcome.status == 1 && outcome.stderr.hasPrefix("Content: error: there is no content folder here"), "\(outcome.stderr)")
    }

    @Test func everyKeysSubcommandFitsOneHelpLine() throws {
        let help = try ForgeProcess.run(["keys", "--help"], in: FileManager.default.temporaryDirectory)
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "SUBCOMMANDS:"))
        let commands = lines[(start + 1)...].prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  See ") }
        #expect(commands.map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["add", "revoke", "manifest"])
        #expect(commands.allSatisfy { !$0.hasPrefix("   ") }, "one line each: \(commands)")
    }
}

extension KeysEndToEndTests {
    /// The "done when": `keys add`, then `keys manifest`, and the README's ten-line
    /// gateway example, run as printed, knows the printed secret (and nothing else).
    @Test func theReadmesGatewayExampleVerifiesThePrintedSecret() throws {
        let site = try newSite()
        let add = try site.forge(["keys", "add", "Gateway test", "--scopes", "chat"])
        let secret = String(add.stdout.dropLast())
        let id = try createdID(add)
        let revoked = try site.forge(["keys", "add", "Revoked one", "--scopes", "chat"])
        #expect(try site.forge(["keys", "revoke", try createdID(revoked)]).status == 0)
        #expect(try site.forge(["keys", "manifest", "--output", "../gateway-keys.json"]).status == 0)

        let readme = try String(contentsOf: ForgeProcess.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try #require(readme.firstMatch(of: /```python\n([\s\S]*?)```/)?.1)
        #expect(example.split(separator: "\n").count <= 10, "ten lines")
        let script = String(example) + """
            import sys
            print(key_id(sys.argv[1], "chat"), key_id(sys.argv[1], "images"), key_id(sys.argv[2], "chat"), key_id(sys.argv[1] + "x", "chat"))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, secret, String(revoked.stdout.dropLast())]
        process.currentDirectoryURL = site.folder.url
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed == "\(id) None None None\n")
    }
}

extension KeysEndToEndTests {
    /// A key file exists only once its secret reached standard output: with nowhere to write it
    /// (a full disk, a closed pipe), no key is made.
    @Test func noKeyIsMadeWhenTheSecretCannotBePrinted() throws {
        let site = try newSite()
        let process = Process()
        process.executableURL = ForgeProcess.binary
        process.arguments = ["keys", "add", "Nowhere to go"]
        process.currentDirectoryURL = site.url
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(stderr == "error: cannot write the secret to standard output (No space left on device): no key was made, nothing was changed\n")
        let keys = site.url.appendingPathComponent("Content/data/keys").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: keys)) ?? []).isEmpty, "no key file, and no temporary file")
    }
}
