import Foundation
import Testing
@testable import ForgeKit

/// The forge binary run as a user runs it: exit codes, messages, and what happens to Output/.
@Suite(.serialized) struct EndToEndTests {
    @Test func buildsTheExampleSite() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("Built "))
        #expect(outcome.stdout.contains(" into Output in "))
        let files = site.snapshot("Output")
        #expect(files["index.html"] != nil)
        #expect(files["404.html"] != nil)
        #expect(files[".nojekyll"] != nil)
        #expect(files[OutputWriter.markerName] != nil)
        #expect(files["sitemap.xml"] == nil, "base_url is / so no sitemap")
        #expect(files.keys.contains { $0.hasPrefix("assets/css/base.") && $0.hasSuffix(".css") })
    }

    @Test func twoBuildsAreByteIdenticalWhateverTheTimeZoneAndLanguage() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let first = try ForgeProcess.run(["build", "--output", "A", "--quiet"], in: site.url, environment: ["TZ": "UTC", "LANG": "C"])
        let second = try ForgeProcess.run(["build", "--output", "B", "--quiet"], in: site.url,
                                          environment: ["TZ": "Pacific/Kiritimati", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(first.stdout.isEmpty, "--quiet prints nothing on success")
        let a = site.snapshot("A"), b = site.snapshot("B")
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a {
            #expect(b[path] == data, "\(path) differs between builds")
        }
    }

    /// Each bad input: a non-zero exit, a located message, and the previous output untouched.
    @Test(arguments: [
        BadInput(file: "Content/data/keys.yaml", replace: "    name: Staging backend\n", with: "    nmae: Staging backend\n",
                 expect: "Content/data/keys.yaml:14:5: error: keys[1]: unknown key \"nmae\" (did you mean \"name\"?)"),
        BadInput(file: "Content/data/keys.yaml", replace: "created: 2026-04-15", with: "created: 2026-04-31",
                 expect: "Content/data/keys.yaml:17:14: error: keys[1].created: \"2026-04-31\" is not a real UTC day in the form YYYY-MM-DD"),
        BadInput(file: "Content/data/keys.yaml", replace: "id: key_staging", with: "id: key_prod",
                 expect: "Content/data/keys.yaml:13:9: error: keys[1].id: duplicate id \"key_prod\" (first defined at Content/data/keys.yaml:4:9)"),
        BadInput(file: "Content/data/plans.yaml", replace: "monthly_limit: 500", with: "monthly_limit: five hundred",
                 expect: "Content/data/plans.yaml:10:20: error: plans[1].monthly_limit: expected a number, found \"five hundred\""),
        BadInput(file: "Content/site.yaml", replace: "plan: pro", with: "plan: enterprise",
                 expect: "Content/site.yaml:7:7: error: plan: no plan in data/plans.yaml has the id \"enterprise\" (known plans: starter, pro, scale)"),
        BadInput(file: "Content/site.yaml", replace: "title: NexusAI Forge", with: "title: [NexusAI Forge",
                 expect: "Content/site.yaml:3:13: error: YAML: did not find expected ',' or ']' (while parsing a flow sequence, which starts at line 2, column 8)"),
        BadInput(file: "Content/data/usage.yaml", replace: "    cost: ", with: "    cost: -", once: true,
                 expect: "Content/data/usage.yaml:8:11: error: usage[0].cost: must not be negative"),
    ])
    func badInputFailsLoudlyAndKeepsThePreviousOutput(_ bad: BadInput) throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        let before = site.snapshot("Output")

        let file = site.url.appendingPathComponent(bad.file)
        var text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: bad.replace), "fixture text not found in \(bad.file)")
        text.replaceSubrange(range, with: bad.with)
        if !bad.once { text = text.replacingOccurrences(of: bad.replace, with: bad.with) }
        try text.write(to: file, atomically: true, encoding: .utf8)

        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(bad.expect), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was written"))
        #expect(site.snapshot("Output") == before, "the previous Output/ must stay byte-identical")
    }

    @Test func invalidUTF8IsLocated() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        var bytes = Array("title: NexusAI Forge\norganization: Ex".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("mple\n".utf8)
        try site.write("Content/site.yaml", Data(bytes))
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.hasPrefix("Content/site.yaml:2:17: error: the file is not valid UTF-8\n"), "\(outcome.stderr)")
    }

    @Test func aLeakedKeyFailsTheBuildWithoutPrintingIt() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let body = "Zz9yXx8wVv7uTt6sRr5qPp4oNn3mLl2k"
        let secret = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
        try site.write(["Content/docs/leak.md": "# Oops\n\nUse `\(secret)` to test.\n"])
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Content/docs/leak.md:3:6: error: a complete API key (sk_Zz9y...\(secret.suffix(4)))"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains(secret))
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Output/index.html").path))
    }

    @Test func staleFilesGoAndCNAMEAndDotFilesStay() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        try site.write(["Output/CNAME": "forge.example.com\n", "Output/.git/HEAD": "ref: refs/heads/gh-pages\n",
                        "Output/old-page.html": "stale"])
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        let files = site.snapshot("Output")
        #expect(files["CNAME"] == Data("forge.example.com\n".utf8))
        #expect(files[".git/HEAD"] == Data("ref: refs/heads/gh-pages\n".utf8))
        #expect(files["old-page.html"] == nil)
        #expect(files["index.html"] != nil)
    }

    @Test func aRebuildReusesUnchangedFilesAndRewritesChangedOnes() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        func inode(_ path: String) throws -> UInt64 {
            let attributes = try FileManager.default.attributesOfItem(atPath: site.url.appendingPathComponent("Output/" + path).path)
            return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let errorsPage = try inode("docs/errors.html"), gettingStarted = try inode("docs/getting-started.html")
        var text = try site.read("Content/docs/errors.md")
        text += "\nOne more line.\n"
        try site.write(["Content/docs/errors.md": text])
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site.url).status == 0)
        #expect(try inode("docs/getting-started.html") == gettingStarted, "unchanged: hard-linked from the previous build")
        #expect(try inode("docs/errors.html") != errorsPage, "changed: written anew, the previous build's file untouched")
        #expect(try site.read("Output/docs/errors.html").contains("One more line."))
    }

    @Test func refusesDangerousOutputFoldersAndDeletesNothing() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write(["home/notes.txt": "mine", "mine/thesis.tex": "years of work"])
        let before = site.snapshot()
        let cases: [(String, String)] = [
            (".", "it is the current folder"),
            ("/", "it is the file system root"),
            ("home", "it is the home folder"),
            ("Content", "it overlaps the source folder Content/"),
            ("Content/data", "it overlaps the source folder Content/"),
            ("Themes", "it overlaps the source folder Themes/"),
            ("..", "it contains the current folder"),
            ("mine", "the folder is not empty and was not made by Forge"),
        ]
        for (output, reason) in cases {
            let outcome = try ForgeProcess.run(["build", "--output", output], in: site.url, environment: ["HOME": site.url.appendingPathComponent("home").path])
            #expect(outcome.status != 0, "--output \(output)")
            #expect(outcome.stderr.contains("error: refusing to write the site here: \(reason)"), "--output \(output): \(outcome.stderr)")
        }
        #expect(site.snapshot() == before)
    }

    @Test func printsGitHubAnnotations() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write(["Content/site.yaml": "title: X\ncolour: blue\n"])
        let outcome = try ForgeProcess.run(["build", "--format", "github"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr == "::error file=Content/site.yaml,line=2,col=1::unknown key \"colour\"\n")
    }

    @Test func checkWritesNothing() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let outcome = try ForgeProcess.run(["check"], in: site.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("nothing written"))
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("Output").path))
    }
}

struct BadInput: Sendable, CustomTestStringConvertible {
    var file: String
    var replace: String
    var with: String
    var once = false
    var expect: String

    var testDescription: String { "\(file): \(with.trimmingCharacters(in: .whitespacesAndNewlines))" }
}
