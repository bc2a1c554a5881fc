import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, item 3: each way a complete key was published with exit 0, run through the real
/// binary. Every one must fail the build at a location, print no part of the secret, and leave
/// the previous `Output/` as it was.
@Suite(.serialized) struct SecretScanEndToEndTests {
    static let body = "Zz9yXx8wVv7uTt6sRr5qPp4oNn3mLl2k"
    static let key = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
    static let masked = "sk_Zz9y..." + key.suffix(4)

    struct Leak: Sendable, CustomTestStringConvertible {
        var name: String
        /// Files to write (relative to the site), `KEY` standing for the key.
        var files: [String: String]
        /// Text the first message must start with.
        var expect: String
        var testDescription: String { name }
    }

    static let half1 = "sk_" + body.prefix(16)
    static let half2 = body.dropFirst(16) + key.suffix(6)
    static func hex(_ index: Int) -> String { String(Array(body.utf8)[index], radix: 16, uppercase: true) }

    @Test(arguments: [
        Leak(name: "_KEY_ (emphasis)", files: ["Content/docs/leak.md": "# Leak\n\nUse _KEY_ now.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (_sk_Zz9y..."),
        Leak(name: "__KEY__ (strong)", files: ["Content/docs/leak.md": "---\ndescription: Use __KEY__ now\n---\n# Leak\n"],
             expect: "Content/docs/leak.md:2:18: error: a complete API key (__sk_Zz9y..."),
        Leak(name: "KEY_", files: ["Content/docs/leak.md": "# Leak\n\nexport TOKEN=KEY_\n"],
             expect: "Content/docs/leak.md:3:14: error: a complete API key (\(masked))"),
        Leak(name: "KEY-prod", files: ["Content/docs/leak.md": "# Leak\n\nUse KEY-prod in production.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (\(masked))"),
        Leak(name: "xKEYy", files: ["Content/docs/leak.md": "# Leak\n\nUse xKEYy.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (xsk_Zz9y..."),
        Leak(name: "YAML \\x escape", files: ["Content/site.yaml": "title: NexusAI Forge\norganization: \"sk_\\x\(hex(0))\(body.dropFirst())\(key.suffix(6))\"\n"],
             expect: "Content/site.yaml:2:16: error: a complete API key (\(masked))"),
        Leak(name: "YAML \\u escape", files: ["Content/data/plans.yaml": "plans:\n  - id: pro\n    name: Pro\n    monthly_limit: 5\n    price: 1\n    features: [\"sk_\\u00\(hex(0))\(body.dropFirst())\(key.suffix(6))\"]\n"],
             expect: "Content/data/plans.yaml:6:17: error: a complete API key (\(masked))"),
        Leak(name: "YAML line continuation", files: ["Content/site.yaml": "title: NexusAI Forge\norganization: \"\(half1)\\\n  \(half2)\"\n"],
             expect: "Content/site.yaml:2:16: error: a complete API key (\(masked))"),
        Leak(name: "&#NN; entity", files: ["Content/docs/leak.md": "# Leak\n\nUse sk_&#\(Array(body.utf8)[0]);\(body.dropFirst())\(key.suffix(6)) now.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (\(masked))"),
        Leak(name: "halves around a comment", files: ["Content/docs/leak.md": "# Leak\n\nUse \(half1)<!-- -->\(half2) now.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (\(masked))"),
        Leak(name: "file name", files: ["Content/docs/KEY.md": "# Fine\n"],
             expect: "Content/docs/\(masked).md: error: the name of this file or folder holds a complete API key (\(masked))"),
        Leak(name: "folder name", files: ["Content/docs/KEY/guide.md": "# Fine\n"],
             expect: "Content/docs/\(masked): error: the name of this file or folder holds a complete API key (\(masked))"),
        // Only the output shows these: Markdown joins the halves, or the theme holds the key.
        Leak(name: "halves joined by emphasis", files: ["Content/docs/leak.md": "# Leak\n\nUse \(half1)**\(half2)** now.\n"],
             expect: "Content/docs/leak.md:3:5: error: a complete API key (\(masked))"),
        Leak(name: "halves joined by a link", files: ["Content/docs/leak.md": "# Leak\n\nUse \(half1)[\(half2)](https://example.com) now.\n"],
             expect: "Output/docs/leak.html:"),
        Leak(name: "a theme file", files: ["Themes/default/layouts/_partials/site-footer.mustache": "<footer class=\"site-footer\">\(half1){{! split }}\(half2)</footer>\n"],
             expect: "Output/404.html:"),
    ])
    func aLeakedKeyFailsTheBuild(_ leak: Leak) throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        let before = site.snapshot("Output")
        for (path, text) in leak.files {
            try site.write(path.replacingOccurrences(of: "KEY", with: Self.key), Data(text.replacingOccurrences(of: "KEY", with: Self.key).utf8))
        }

        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(leak.expect), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("error: the build failed"), "\(outcome.stderr)")
        SecretScannerTests.expectNoSecret(outcome.stderr, key: Self.key)
        let untouched = site.snapshot("Output") == before
        #expect(untouched, "the previous Output/ must stay byte-identical")
    }

    @Test func aKeyOnlyTheOutputShowsNamesItsSource() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        // The line also has a broken link, whose warning would quote it: not any more.
        try site.write(["Content/docs/leak.md": "# Leak\n\nUse \(Self.half1)[\(Self.half2)](https://example.com) [x](nowhere.md).\n"])
        let json = try ForgeProcess.run(["build", "--format", "json"], in: site.url)
        #expect(json.status != 0)
        #expect(json.stderr.contains("\"file\" : \"Output/docs/leak.html\""), "\(json.stderr)")
        #expect(json.stderr.contains("would be published in this file (from Content/docs/leak.md)"), "\(json.stderr)")
        let text = try ForgeProcess.run(["build"], in: site.url)
        #expect(text.stderr.contains("Content/docs/leak.md:3:"), "\(text.stderr)")
        #expect(text.stderr.contains("warning: broken link to \"nowhere.md\""), "\(text.stderr)")
        for outcome in [json, text] { SecretScannerTests.expectNoSecret(outcome.stderr, key: Self.key) }
    }

    /// A doc whose name is a key gets other messages too (a broken link): none prints the key.
    @Test func noMessagePrintsAKeyFromAPath() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write(["Content/docs/\(Self.key).md": "# Leak\n\nSee [nowhere](nowhere.md) and `\(Self.key)`.\n"])
        for format in ["text", "github", "json"] {
            let outcome = try ForgeProcess.run(["build", "--format", format], in: site.url)
            #expect(outcome.status != 0)
            SecretScannerTests.expectNoSecret(outcome.stderr, key: Self.key)
        }
    }

    @Test func theExampleSiteHasNoFalseAlarm() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("API key"), "\(outcome.stderr)")
    }
}
