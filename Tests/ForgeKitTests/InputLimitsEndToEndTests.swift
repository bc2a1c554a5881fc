import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, items 4 and 5, through the real binary: bounded input and located, honest errors
/// for the data files. Each case fails the build at a location, prints no raw control
/// character, and leaves the previous `Output/` as it was.
@Suite(.serialized) struct InputLimitsEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        var expect: String
        var testDescription: String { name }

        init(_ name: String, _ file: String, _ text: String, expect: String) {
            self.init(name, file, Array(text.utf8), expect: expect)
        }

        init(_ name: String, _ file: String, _ bytes: [UInt8], expect: String) {
            self.name = name
            self.file = file
            self.bytes = bytes
            self.expect = expect
        }
    }

    static let site = "title: NexusAI Forge\norganization: Ex"
    static let plans = "plans:\n  - id: pro\n    name: Pro\n    monthly_limit: 500\n    price: 49\n"
    static let keys = "keys:\n  - id: key_prod\n    name: Prod\n    start: sk_Pr0d\n    end: Wx89\n    created: 2026-03-02\n"

    @Test(arguments: [
        Case("alias bomb in plans.yaml", "Content/data/plans.yaml", YAMLLimitsTests.aliasBomb(),
             expect: "Content/data/plans.yaml:12:9: error: YAML: the aliases of this file repeat more than 1,000,000 values and characters in all"),
        Case("NUL in site.yaml", "Content/site.yaml", Array(site.utf8) + [0x00] + Array("ample Labs\n".utf8),
             expect: "Content/site.yaml:2:17: error: YAML: the file holds the control character U+0000 (NUL) here; remove it"),
        Case("BEL in keys.yaml", "Content/data/keys.yaml", Array(keys.utf8) + Array("    owner: ops".utf8) + [0x07] + Array("@example.com\n".utf8),
             expect: "Content/data/keys.yaml:7:15: error: YAML: the file holds the control character U+0007 (BEL) here; remove it"),
        Case("NUL in plans.yaml", "Content/data/plans.yaml", Array(plans.utf8) + Array("    features: [A".utf8) + [0x00] + Array("]\n".utf8),
             expect: "Content/data/plans.yaml:6:17: error: YAML: the file holds the control character U+0000 (NUL) here; remove it"),
        Case("escaped BEL and NUL", "Content/site.yaml", "title: NexusAI Forge\norganization: \"Ex\\x07Labs\\u0000\"\n",
             expect: "Content/site.yaml:2:15: error: YAML: a value holds the control character U+0007 (BEL); control characters are not allowed, typed or escaped"),
        Case("!!str tag", "Content/data/plans.yaml", plans.replacingOccurrences(of: "price: 49", with: "price: !!str 49"),
             expect: "Content/data/plans.yaml:5:12: error: YAML: explicit tags such as !!str are not supported"),
        Case("python object tag", "Content/site.yaml", "title: !!python/object/apply:os.system [\"id\"]\n",
             expect: "Content/site.yaml:1:8: error: YAML: explicit tags such as !!python/object/apply:os.system are not supported"),
        Case("NUL in a CSV field", "Content/data/usage/nul.csv",
             Array("date,service,key,requests,tokens,cost\n2026-11-03,Ch".utf8) + [0x00] + Array("at,,1,,1\n".utf8),
             expect: "Content/data/usage/nul.csv:2:14: error: row 2.service: holds the control character U+0000 (NUL); control characters are not allowed"),
        Case("requests past Int64", "Content/data/usage/big.csv",
             "date,service,key,requests,tokens,cost\n2026-11-03,Chat,,9223372036854775807,,1\n",
             expect: "Content/data/usage/big.csv:2:1: error: row 2.requests: 9223372036854775807 makes the requests of all usage records add up to more than Forge can sum exactly"),
        Case("base_url with %2e%2e", "Content/site.yaml", "title: T\nbase_url: https://e.com/%2e%2e/\n",
             expect: "Content/site.yaml:2:11: error: base_url: \"https://e.com/%2e%2e/\" must not percent-encode \".\" (%2E)"),
        Case("base_url with CR LF", "Content/site.yaml", "title: T\nbase_url: /a%0d%0ab/\n",
             expect: "Content/site.yaml:2:11: error: base_url: \"/a%0d%0ab/\" must not percent-encode control characters (%0D)"),
        Case("base_url with a query", "Content/site.yaml", "title: T\nbase_url: http://e.com/a?b=1#f\n",
             expect: "Content/site.yaml:2:11: error: base_url: \"http://e.com/a?b=1#f\" must not have a query (?) or a fragment (#)"),
    ])
    func badInputFailsAtItsLocation(_ bad: Case) throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        let before = site.snapshot("Output")
        try site.write(bad.file, Data(bad.bytes))

        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        let elapsed = clock.now - started
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(bad.expect), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"))
        #expect(!outcome.stderr.contains("there is no data/plans.yaml with plans"), "a follow-on error that blames the wrong thing")
        #expect(!outcome.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F },
                "a control character reached the terminal")
        let untouched = site.snapshot("Output") == before
        #expect(untouched, "the previous Output/ must stay byte-identical")
        // Not a performance goal (see Benchmarks/README.md): a hang guard, 70 s before the fix.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }

    @Test(arguments: [
        ("https://e.com/%2e%2e/", "must not percent-encode \".\" (%2E)"),
        ("/a%0d%0ab/", "must not percent-encode control characters (%0D)"),
        ("http://e.com/a?b=1#f", "must not have a query (?) or a fragment (#)"),
        ("https://me@e.com/", "must not hold a user name or password"),
        ("/a\u{07}b/", "must not hold control characters"),
    ])
    func aBadBaseURLOptionIsAnArgumentError(_ value: String, _ problem: String) throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let outcome = try ForgeProcess.run(["build", "--base-url", value], in: site.url)
        #expect(outcome.status == 2, "a usage error (exit 2, README), as for any bad argument: \(outcome.stderr)")
        #expect(outcome.stderr.contains("Error: --base-url \"\(TerminalText.visible(value))\" \(problem)"), "\(outcome.stderr)")
        #expect(!outcome.stderr.unicodeScalars.contains { $0.value == 0x07 })
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Output").path))
    }

    @Test func aSmallAliasIsFine() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write(["Content/data/plans.yaml": Self.plans + "    features: &f [A, B]\n  - id: scale\n    name: Scale\n    monthly_limit: 900\n    price: 99\n    features: *f\n"])
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }
}
