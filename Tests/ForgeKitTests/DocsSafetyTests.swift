import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, items 4 and 5 (docs): bounded work on hostile docs, and every problem with a doc's
/// name, folder or links reported at the doc's own path, with the forge binary.
@Suite(.serialized) struct DocsSafetyEndToEndTests {
    /// 8,000 broken links on one 50 KB line took 49 s (quadratic) and printed the whole line
    /// under each of 200 warnings. The timeout only guards against a hang; times are measured
    /// by hand (see the report), not asserted.
    @Test func oneLineOfThousandsOfBrokenLinksIsReportedBriefly() throws {
        let site = try BuiltSite()
        let line = (0..<8_000).map { "[l](errors.md#nope\($0))" }.joined(separator: " ")
        try site.folder.write(["Content/docs/many.md": "# Many\n\n" + line + "\n"])
        let outcome = try site.build(timeout: 60)
        #expect(outcome.status == 0, "broken anchors are warnings")
        #expect(outcome.stdout.contains("with 8000 warnings"), "\(outcome.stdout)")
        let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 130 }, "an echoed line is clipped around the caret")
        #expect(outcome.stderr.contains("Content/docs/many.md:3:5: warning: broken link to \"errors.md#nope0\": errors.md has no heading with the id \"nope0\"\n[l](errors.md#nope0) [l](errors.md#nope1)"))
        // The 100th link: the caret still points at its destination inside the clipped excerpt.
        let column = 1 + (0..<99).map { "[l](errors.md#nope\($0)) ".count }.reduce(0, +) + "[l](".count
        let header = "Content/docs/many.md:3:\(column): warning: broken link to \"errors.md#nope99\""
        let entry = try #require(outcome.stderr.components(separatedBy: header + ": errors.md has no heading with the id \"nope99\"\n").dropFirst().first)
        let excerpt = entry.split(separator: "\n", maxSplits: 2).map(String.init)
        #expect(excerpt[0].hasPrefix("…") && excerpt[0].hasSuffix("…"))
        let caret = try #require(excerpt[1].firstIndex(of: "^"))
        let caretColumn = excerpt[1].distance(from: excerpt[1].startIndex, to: caret)
        #expect(excerpt[0].dropFirst(caretColumn).hasPrefix("errors.md#nope99)"), "\(excerpt[0])\n\(excerpt[1])")
    }

    @Test func aTableTooWideForTheMarkdownParserIsALocatedError() throws {
        let site = try BuiltSite()
        let header = "|" + (0..<8_000).map { "c\($0)" }.joined(separator: "|") + "|"
        let rule = "|" + String(repeating: "-|", count: 8_000)
        try site.folder.write(["Content/docs/wide.md": "# Wide\n\nText.\n\n" + header + "\n" + rule + "\n"])
        let outcome = try site.build(timeout: 60)
        site.expectRefused(outcome, ["Content/docs/wide.md:6:1: error: this table row has 8000 cells; Forge renders tables of at most 256 columns (split the table)"])
    }

    @Test func aDocLargerThanTheLimitIsALocatedError() throws {
        let site = try BuiltSite()
        let paragraph = String(repeating: "word ", count: 20) + "\n\n"
        try site.folder.write(["Content/docs/huge.md": "# Huge\n\n" + String(repeating: paragraph, count: 4 * 1024 * 1024 / paragraph.utf8.count + 1)])
        site.expectRefused(try site.build(timeout: 60), ["Content/docs/huge.md: error: the doc is 4.0 MB; Forge renders docs of at most 4 MB (split it into several pages)"])
    }

    @Test func aNameTooLongForTheOutputIsReportedAtTheDoc() throws {
        let site = try BuiltSite()
        let name = String(repeating: "n", count: 252) + ".md"
        try site.folder.write(["Content/docs/" + name: "# Long\n"])
        let outcome = try site.build()
        site.expectRefused(outcome, ["Content/docs/\(name): error: the page's file name would be 257 bytes (\(name.dropLast(3)).html), more than the 255 a file name may have: shorten it"])
        #expect(!outcome.stderr.contains("forge-new"))
    }

    /// An unreadable doc is one error; links to it are not also "drafts".
    @Test func anUnreadableDocIsOneErrorNotFourDraftWarnings() throws {
        let site = try BuiltSite()
        try site.folder.write("Content/docs/broken.md", Data([0x23, 0x20, 0xC3, 0x28, 0x0A]))
        try site.folder.write(["Content/docs/to-broken.md": "# To\n\n[a](broken.md) [b](broken.md) [c](broken.md#x) [d](broken.md)\n"])
        let outcome = try site.build()
        site.expectRefused(outcome, ["Content/docs/broken.md:1:3: error: the file is not valid UTF-8"])
        #expect(!outcome.stderr.contains("draft"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("failed with 1 error"), "\(outcome.stderr)")
    }

    /// `chmod 000` on a doc: one error at the doc, not "is a draft" warnings at its links.
    @Test func aDocWithoutReadPermissionIsOneError() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/to-locked.md": "# To\n\n[a](locked.md) [b](locked.md#x) [c](locked.md)\n", "Content/docs/locked.md": "# Locked\n"])
        #expect(chmod(site.path("Content/docs/locked.md"), 0) == 0)
        let outcome = try site.buildAsAUser()
        site.expectRefused(outcome, ["Content/docs/locked.md: error: cannot read the file: Permission denied"])
        #expect(!outcome.stderr.contains("draft"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("failed with 1 error"), "\(outcome.stderr)")
    }

    /// `chmod 000` on a docs folder was silently left out, even with --strict. Root reads
    /// everything, so forge runs as `nobody` when the tests run as root (`buildAsAUser`).
    @Test func anUnreadableDocsFolderIsAnErrorEvenWithoutStrict() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/private/secret.md": "# Secret\n", "Content/docs/private/more.md": "# More\n"])
        #expect(chmod(site.path("Content/docs/private"), 0) == 0)
        defer { chmod(site.path("Content/docs/private"), 0o755) }
        let outcome = try site.buildAsAUser()
        site.expectRefused(outcome, ["Content/docs/private: error: cannot read the folder: Permission denied"])
    }

    @Test func aDocsFolderThatIsAFileIsAnError() throws {
        let site = try BuiltSite()
        try FileManager.default.removeItem(atPath: site.path("Content/docs"))
        try site.folder.write(["Content/docs": "not a folder\n"])
        site.expectRefused(try site.build(), ["Content/docs: error: expected a folder, found a file"])
    }

    @Test(arguments: ["a#b.md", "why?.md", "back\\slash.md", "100%.md", "c:d.md", "tab\there.md", "pipe|.md", "q\"uote.md"])
    func aNameThatWouldBreakItsURLIsRefusedAtItsPath(_ name: String) throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/guides/" + name: "# Odd\n"])
        let bad = name.unicodeScalars.first { "#?\\%:\"<>|*".unicodeScalars.contains($0) || $0.value < 0x20 }!
        let shown = bad.value < 0x20 ? "a control character" : "\"\(bad)\""
        site.expectRefused(try site.build(), [
            "Content/docs/guides/\(name): error: the name has \(shown), which breaks links and Windows checkouts: rename it (# ? % \\ : \" < > | * and control characters are not allowed in docs/)",
        ])
    }

    @Test func aFolderNameIsCheckedToo() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/v1#old/a.md": "# A\n"])
        site.expectRefused(try site.build(), ["Content/docs/v1#old: error: the name has \"#\""])
    }

    @Test func linksThatLeaveTheDocsAreBrokenLinks() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/guides/out.md": """
            # Out

            [config](../../site.yaml) and [passwd](../../../../etc/passwd).
            [dashboard](../../index.html) and [an operation](../../api/nexus/operations/createKey.html) are fine.
            [no such operation](../../api/nexus/operations/nope.html)
            """])
        let outcome = try site.build(["--strict"])
        site.expectRefused(outcome, [
            "Content/docs/guides/out.md:3:10: error: broken link to \"../../site.yaml\": it leads out of the docs to site.yaml, which the site does not publish (outside docs/ there are only the dashboard, index.html, and the API reference's pages under api/)",
            "Content/docs/guides/out.md:3:40: error: broken link to \"../../../../etc/passwd\": it leads out of the site",
            "Content/docs/guides/out.md:5:21: error: broken link to \"../../api/nexus/operations/nope.html\": it leads out of the docs to api/nexus/operations/nope.html, which the site does not publish (outside docs/ there are only the dashboard, index.html, and the API reference's pages under api/)",
        ])
        #expect(!outcome.stderr.contains("index.html\"") && !outcome.stderr.contains("createKey"), "\(outcome.stderr)")
        let plain = try site.build()
        #expect(plain.status == 0 && plain.stderr.contains("Content/docs/guides/out.md:3:10: warning: broken link"), "\(plain.stderr)")
    }

    @Test func twoSpellingsOfOneNameAreAnErrorNamingBoth() throws {
        let site = try BuiltSite()
        try site.folder.write(["Content/docs/Errors.md": "# Upper\n"])
        try site.folder.write(["Content/docs/caf\u{E9}.md": "# NFC\n"])
        try site.folder.write(Data("# NFD\n".utf8), to: "Content/docs/cafe\u{301}.md")
        let outcome = try site.build()
        site.expectRefused(outcome, [
            "Content/docs/errors.md: error: Content/docs/Errors.md and Content/docs/errors.md differ only in case or Unicode normalization: on a case-insensitive checkout one overwrites the other (rename one)",
            "and Content/docs/caf",
        ])
    }
}

extension TemporaryDirectory {
    /// Writes `data` at `path` byte for byte (a `String` key would compare NFC and NFD equal).
    func write(_ data: Data, to path: String) throws {
        let file = url.path + "/" + path
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: file, contents: data))
    }
}

/// The echoed source line is clipped around the caret, for every kind of problem.
@Suite struct DiagnosticExcerptTests {
    @Test func shortLinesAreShownWhole() {
        let error = ContentError(.brokenLink(target: "x.md"), at: SourceLocation(path: "a.md", line: 1, column: 5), sourceLine: "\tab [x](x.md)")
        #expect(error.description == "a.md:1:5: error: broken link to \"x.md\"\n\tab [x](x.md)\n\t   ^")
    }

    @Test func longLinesAreClippedAroundTheCaret() {
        let line = String(repeating: "a", count: 1_000) + "HERE" + String(repeating: "b", count: 1_000)
        let error = ContentError(.other("x"), at: SourceLocation(path: "a.md", line: 2, column: 1_001), sourceLine: line)
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "…" + String(repeating: "a", count: 60) + "HERE" + String(repeating: "b", count: 56) + "…")
        #expect(lines[2] == String(repeating: " ", count: 61) + "^", "60 characters before the caret, after the ellipsis")
    }

    @Test func theStartAndTheEndOfALongLineKeepOneEllipsis() {
        let line = String(repeating: "é", count: 500)
        let start = ContentError(.other("x"), at: SourceLocation(path: "a", line: 1, column: 2), sourceLine: line).description
        #expect(start.split(separator: "\n")[1] == Substring(String(repeating: "é", count: 120) + "…"))
        #expect(start.split(separator: "\n")[2] == " ^")
        let end = ContentError(.other("x"), at: SourceLocation(path: "a", line: 1, column: 500), sourceLine: line).description
        #expect(end.split(separator: "\n")[1] == Substring("…" + String(repeating: "é", count: 120)))
        #expect(end.split(separator: "\n")[2] == Substring(String(repeating: " ", count: 120) + "^"))
    }

    @Test func aLongLineWithoutAColumnShowsItsStart() {
        let line = String(repeating: "x", count: 300)
        let text = ContentError(.other("x"), at: SourceLocation(path: "a", line: 1), sourceLine: line).description
        #expect(text.split(separator: "\n")[1] == Substring(String(repeating: "x", count: 120) + "…"))
    }
}
