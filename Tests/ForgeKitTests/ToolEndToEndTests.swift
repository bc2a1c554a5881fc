import ForgeEmbedded
import Foundation
import Testing
@testable import ForgeKit

/// forge as a tool a team adopts (issue 8), run as a user runs it, from folders outside the
/// repository: `new`, themes that extend the built-in one, template errors, the command line.
@Suite(.serialized) struct ToolEndToEndTests {
    /// A `forge new` site in a fresh temporary folder.
    func newSite(_ name: String = "console") throws -> (TemporaryDirectory, URL) {
        let folder = try TemporaryDirectory()
        let outcome = try ForgeProcess.run(["new", name, "--action", "acme/forge@v1.2.3"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return (folder, folder.url.appendingPathComponent(name))
    }

    @Test func newMakesASiteThatBuildsWithNothingElse() throws {
        let (folder, site) = try newSite()
        let files = TemporaryDirectory.snapshot(of: site)
        #expect(files.keys.sorted() == ForgeEmbedded.starterSite.map(\.path).sorted())
        for path in ["Content/site.yaml", "Content/data/keys.yaml", "Content/data/plans.yaml", "README.md", ".gitignore", ".github/workflows/pages.yml"] {
            #expect(files[path] != nil, "\(path) is missing")
        }
        #expect(files.keys.contains { $0.hasPrefix("Content/data/usage") } && files.keys.contains { $0.hasPrefix("Content/docs/") })
        let workflow = String(decoding: files[".github/workflows/pages.yml"] ?? Data(), as: UTF8.self)
        #expect(workflow.contains("uses: acme/forge@v1.2.3") && !workflow.contains("__FORGE"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Themes").path))

        let build = try ForgeProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.isEmpty, "a new site builds without a warning: \(build.stderr)")
        let output = TemporaryDirectory.snapshot(of: site.appendingPathComponent("Output"))
        #expect(output["index.html"] != nil && output["docs/index.html"] != nil && output["docs/guides/publishing.html"] != nil)
        #expect(String(decoding: output["index.html"] ?? Data(), as: UTF8.self).contains("<h1>Acme Console</h1>"))
        // The strict build the Pages workflow runs, under a project page's address.
        let strict = try ForgeProcess.run(["build", "--strict", "--base-url", "https://acme.github.io/console", "--output", "Pages"], in: site)
        #expect(strict.status == 0, "\(strict.stderr)")
        _ = folder
    }

    @Test func newRefusesAFolderThatHoldsAnything() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["taken/notes.txt": "mine"])
        let outcome = try ForgeProcess.run(["new", "taken"], in: folder.url)
        #expect(outcome.status == 3)
        #expect(outcome.stderr == "taken: error: refusing to create the site here: the folder is not empty (it holds notes.txt); choose a new or empty folder\n")
        #expect(folder.snapshot("taken").keys.sorted() == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"], "no staging folder left behind")

        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try ForgeProcess.run(["new", "empty", "--action", "acme/forge@v1"], in: folder.url).status == 0)
        #expect(try ForgeProcess.run(["new", "x", "--action", "acme/forge@v1\nrun: evil"], in: folder.url).status == 2)
    }

    /// A theme of one partial and a custom.css: the partial replaces the built-in one, the
    /// stylesheet loads after every other on every page kind, the rest comes from forge.
    @Test func aThemeWithOnePartialAndACustomStylesheet() throws {
        let (folder, site) = try newSite()
        let themes = TemporaryDirectory.at(site)
        try themes.write([
            "Themes/acme/layouts/_partials/site-footer.mustache": "<footer class=\"site-footer\"><p>Acme · {{site.title}}</p></footer>\n",
            "Themes/acme/assets/css/custom.css": ":root { --color-accent: #0b6e4f; --radius: 4px; }\n",
        ])
        let site_yaml = try themes.read("Content/site.yaml")
        try themes.write(["Content/site.yaml": site_yaml.replacingOccurrences(of: "currency: USD", with: "theme: acme\ncurrency: USD")])
        let build = try ForgeProcess.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let output = themes.snapshot("Output")
        let custom = try #require(output.keys.first { $0.hasPrefix("assets/css/custom.") })
        #expect(String(decoding: output[custom] ?? Data(), as: UTF8.self).contains("--color-accent: #0b6e4f"))
        for page in ["index.html", "docs/index.html", "docs/getting-started.html", "docs/guides/index.html", "404.html"] {
            let html = String(decoding: output[page] ?? Data(), as: UTF8.self)
            let sheets = html.components(separatedBy: "<link rel=\"stylesheet\" href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(sheets.count >= 2, "\(page) links its stylesheets")
            #expect(sheets.last?.hasSuffix(custom) == true, "\(page): custom.css comes last, after \(sheets.dropLast())")
            #expect(html.contains("<p>Acme · Acme Console</p>"), "\(page) uses the site's footer")
            #expect(html.contains("Manage Keys") || !page.hasPrefix("index"), "the rest is the built-in theme")
        }
        _ = folder
    }

    /// `theme: NAME` with no such folder points at site.yaml's line, and says where it looked.
    @Test func aMissingThemeIsReportedAtSiteYAML() throws {
        let (folder, site) = try newSite()
        let files = TemporaryDirectory.at(site)
        try files.write(["Themes/acme/assets/css/custom.css": "a{}"])
        let yaml = try files.read("Content/site.yaml")
        try files.write(["Content/site.yaml": yaml.replacingOccurrences(of: "currency: USD", with: "theme: acne\ncurrency: USD")])
        let outcome = try ForgeProcess.run(["build"], in: site)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("currency:") }.map { $0 + 1 } ?? 0
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            Content/site.yaml:\(line):8: error: theme "acne" not found: there is no folder Themes/acne/ (\(site.path)/Themes/acne/) (did you mean "acme"?) (the built-in theme is "default")
            theme: acne
                   ^

            """)
        _ = folder
    }

    /// `theme eject` copies the built-in theme; building with the copy changes nothing.
    @Test func themeEjectCopiesTheBuiltInThemeAndRefusesToOverwrite() throws {
        let (folder, site) = try newSite()
        #expect(try ForgeProcess.run(["build", "--output", "Before", "--quiet"], in: site).status == 0)
        let eject = try ForgeProcess.run(["theme", "eject"], in: site)
        #expect(eject.status == 0, "\(eject.stderr)")
        let copy = TemporaryDirectory.snapshot(of: site.appendingPathComponent("Themes/default"))
        #expect(copy == Dictionary(uniqueKeysWithValues: ForgeEmbedded.defaultTheme.map { ($0.path, Data($0.bytes)) }))
        #expect(try ForgeProcess.run(["build", "--output", "After", "--quiet"], in: site).status == 0)
        let before = TemporaryDirectory.snapshot(of: site.appendingPathComponent("Before"))
        #expect(before == TemporaryDirectory.snapshot(of: site.appendingPathComponent("After")))

        let again = try ForgeProcess.run(["theme", "eject"], in: site)
        #expect(again.status == 3)
        #expect(again.stderr.hasPrefix("Themes/default: error: refusing to create the theme here: the folder is not empty (it holds assets, layouts)"))
        let named = try ForgeProcess.run(["theme", "eject", "brand"], in: site)
        #expect(named.status == 0 && named.stdout.contains("theme: brand"))
        #expect(try ForgeProcess.run(["theme", "eject", "../up"], in: site).status == 2)
        _ = folder
    }

    /// The two template errors of the issue, exactly, and the previous output left alone.
    @Test func templateErrorsNameTheTemplateLineAndValue() throws {
        let (folder, site) = try newSite()
        #expect(try ForgeProcess.run(["build", "--quiet"], in: site).status == 0)
        let before = TemporaryDirectory.snapshot(of: site.appendingPathComponent("Output"))
        let files = TemporaryDirectory.at(site)

        try files.write(["Themes/default/layouts/_partials/site-footer.mustache": "<footer>\n<p>{{site.titel}}</p>\n</footer>\n"])
        var outcome = try ForgeProcess.run(["build"], in: site)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            Themes/default/layouts/_partials/site-footer.mustache:2:4: error: {{site.titel}} names a value the page does not have: "site" has no "titel" (did you mean "site.title"?)
            <p>{{site.titel}}</p>
               ^

            """)

        try files.write(["Themes/default/layouts/_partials/site-footer.mustache": "<footer>\n{{#site.organization}}\n<p>{{site.organization}}</p>\n</footer>\n"])
        outcome = try ForgeProcess.run(["build"], in: site)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            Themes/default/layouts/_partials/site-footer.mustache:2:1: error: the section {{#site.organization}} opened at line 2 is never closed (expected {{/site.organization}} before the end of the file)
            {{#site.organization}}
            ^

            """)

        // A hard-coded asset path with a typo: the message names the template line that wrote it.
        try files.write(["Themes/default/layouts/_partials/site-footer.mustache": "<footer>\n<img src=\"{{root}}assets/img/logo.svg\" alt=\"\">\n</footer>\n"])
        outcome = try ForgeProcess.run(["build"], in: site)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            Themes/default/layouts/_partials/site-footer.mustache:2:19: error: src="assets/img/logo.svg" on index.html points at assets/img/logo.svg, which the build does not produce
            <img src="{{root}}assets/img/logo.svg" alt="">
                              ^
            Themes/default/layouts/_partials/site-footer.mustache:2:19: error: src="/assets/img/logo.svg" on 404.html points at assets/img/logo.svg, which the build does not produce
            <img src="{{root}}assets/img/logo.svg" alt="">
                              ^
            error: the build failed with 2 errors; nothing was written

            """)
        #expect(TemporaryDirectory.snapshot(of: site.appendingPathComponent("Output")) == before)
        _ = folder
    }

    @Test func versionNamesTheReleaseAndTheRevision() throws {
        let outcome = try ForgeProcess.run(["--version"], in: FileManager.default.temporaryDirectory)
        #expect(outcome.status == 0)
        let version = try String(contentsOf: ForgeProcess.repository.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let line = outcome.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("forge \(version) ("))
        let revision = line.dropFirst("forge \(version) (".count).dropLast()
        #expect(line.hasSuffix(")"))
        if FileManager.default.fileExists(atPath: ForgeProcess.repository.appendingPathComponent(".git").path) {
            #expect(revision.count == 12 && revision.allSatisfy(\.isHexDigit), "built from a checkout: \(line)")
        } else {
            #expect(revision == "unknown revision")
        }
    }

    /// Built from a tarball (no .git), the revision is unknown, not some enclosing checkout's.
    @Test func aBuildWithoutGitHasAnUnknownRevision() throws {
        let folder = try TemporaryDirectory()
        try folder.write(["VERSION": "9.8.7\n"])
        let script = ForgeProcess.repository.appendingPathComponent("Plugins/EmbedForgeFiles/embed.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script, "info", folder.url.appendingPathComponent("BuildInfo.swift").path, folder.path]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "FORGE_REVISION")
        environment["FORGE_REPOSITORY"] = "acme/forge"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try folder.read("BuildInfo.swift") == """
            // Generated by Plugins/EmbedForgeFiles/embed.sh from VERSION and git. Do not edit.
            enum BuildInfo {
                static let version = "9.8.7"
                static let revision: String? = nil
                static let repository: String? = "acme/forge"
            }

            """)
    }

    /// Every subcommand on one line of `--help`; an unknown one is named, with that help.
    @Test func helpListsEveryCommandAndAnUnknownOneIsReported() throws {
        let help = try ForgeProcess.run(["--help"], in: FileManager.default.temporaryDirectory)
        #expect(help.status == 0)
        let lines = help.stdout.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else {
            Issue.record("no SUBCOMMANDS in \(help.stdout)")
            return
        }
        let commands = lines[(start + 1)...].prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  See ") }
        let names = commands.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        for name in ["build", "check", "serve", "new", "theme"] { #expect(names.contains(name), "\(name) is listed") }
        #expect(commands.allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }, "one line each, no wrapped abstract: \(commands)")

        let unknown = try ForgeProcess.run(["init"], in: FileManager.default.temporaryDirectory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("error: unknown command \"init\"\n\nOVERVIEW:"))
        #expect(unknown.stderr.contains("SUBCOMMANDS:") && !unknown.stderr.contains("Usage: forge build"))
    }

    /// `--quiet` prints errors only: no warning, no summary.
    @Test func quietPrintsErrorsOnly() throws {
        let (folder, site) = try newSite()
        let files = TemporaryDirectory.at(site)
        try files.write(["Content/docs/broken.md": "# Broken\n\nSee [nowhere](nowhere.md).\n"])
        let loud = try ForgeProcess.run(["build"], in: site)
        #expect(loud.status == 0 && loud.stderr.contains("warning: broken link"), "\(loud.stderr)")
        let quiet = try ForgeProcess.run(["build", "--quiet"], in: site)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
        #expect(try ForgeProcess.run(["build", "-q", "--format", "github"], in: site).stderr.isEmpty)

        try files.write(["Content/data/plans.yaml": "plans:\n  - id: team\n    name: Team\n    monthly_limit: lots\n    price: 1\n"])
        let failing = try ForgeProcess.run(["build", "--quiet"], in: site)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("Content/data/plans.yaml:4:20: error:") && !failing.stderr.contains("warning"), "\(failing.stderr)")
        _ = folder
    }

    struct ExitCase: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var prepare: String = ""
        var testDescription: String { "forge \(arguments.joined(separator: " ")) → \(status)" }
    }

    /// 0 success, 1 content or theme errors, 2 usage errors, 3 output refused (README).
    @Test(arguments: [
        ExitCase(arguments: ["build", "--quiet"], status: 0),
        ExitCase(arguments: [], status: 0),
        ExitCase(arguments: ["check"], status: 0),
        ExitCase(arguments: ["build"], status: 1, prepare: "Content/site.yaml"),
        ExitCase(arguments: ["build", "--bogus"], status: 2),
        ExitCase(arguments: ["build", "--as-of", "2026-02-30"], status: 2),
        ExitCase(arguments: ["build", "--base-url", "ftp://x"], status: 2),
        ExitCase(arguments: ["build", "--theme", "missing"], status: 2),
        ExitCase(arguments: ["serve-me"], status: 2),
        ExitCase(arguments: ["build", "--output", "Content"], status: 3),
        ExitCase(arguments: ["build", "--output", "Occupied"], status: 3, prepare: "Occupied/keep.txt"),
        ExitCase(arguments: ["new", "Content"], status: 3),
    ])
    func exitStatuses(_ exit: ExitCase) throws {
        let (folder, site) = try newSite()
        let files = TemporaryDirectory.at(site)
        if exit.prepare == "Content/site.yaml" { try files.write(["Content/site.yaml": "title: [unclosed\n"]) }
        if exit.prepare == "Occupied/keep.txt" { try files.write(["Occupied/keep.txt": "mine"]) }
        let outcome = try ForgeProcess.run(exit.arguments, in: site)
        #expect(outcome.status == exit.status, "\(outcome.stdout)\(outcome.stderr)")
        _ = folder
    }
}
