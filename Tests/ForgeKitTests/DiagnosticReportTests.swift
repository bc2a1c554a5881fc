import Foundation
import Testing
@testable import ForgeKit

/// What `--format text|json|github` prints: the lines a person, a tool and GitHub's annotations
/// read, sorted, with keys masked and terminal controls made visible in every format.
@Suite struct DiagnosticReportTests {
    /// A key of the standard format (body and valid checksum) that no keys.yaml names.
    static let key: String = {
        let body = String(repeating: "A1b2", count: 8)
        return "sk_live_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
    }()

    static func sample() -> Diagnostics {
        var diagnostics = Diagnostics()
        diagnostics.warn(.other("a warning, found 50%, then\na second line"), at: SourceLocation(path: "Content/b.yaml", line: 3, column: 1))
        diagnostics.report(.other("holds \(key) and \u{1B}[31m"), at: SourceLocation(path: "Content/a, b:c.yaml", line: 7, column: 11),
                           sourceLine: "  name: x")
        return diagnostics
    }

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func textIsSortedByPlaceWithTheLineAndTheCount() {
        let text = Self.text(DiagnosticReport(format: .text).render(Self.sample()))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("Content/a, b:c.yaml:7:11: error: holds sk_live_") == true)
        #expect(text.contains("Content/b.yaml:3:1: warning: a warning, found 50%, then"))
        #expect(text.hasSuffix("error: the build failed with 1 error; nothing was written\n"))
        #expect(text.contains("  name: x"))
    }

    @Test func noFormatPrintsTheKeyOrATerminalControl() {
        for format in DiagnosticFormat.allCases {
            let text = Self.text(DiagnosticReport(format: format).render(Self.sample()))
            #expect(!text.contains(Self.key), "\(format)")
            #expect(!text.contains("\u{1B}"), "\(format)")
            #expect(text.contains("sk_live_A1b2"), "\(format): the masked key keeps its visible start")
        }
    }

    @Test func jsonIsOneObjectWithEveryFieldAndTheSuppressedCount() throws {
        let data = DiagnosticReport(format: .json).render(Self.sample())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["suppressed"] as? Int == 0)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["file"] as? String == "Content/a, b:c.yaml")
        #expect(items[0]["line"] as? Int == 7 && items[0]["column"] as? Int == 11)
        #expect(items[0]["severity"] as? String == "error")
        #expect(items[1]["severity"] as? String == "warning")
        #expect(items[1]["message"] as? String == "a warning, found 50%, then\na second line")
    }

    @Test func githubAnnotationsEscapeTheirPropertiesAndMessages() {
        let text = Self.text(DiagnosticReport(format: .github).render(Self.sample()))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=Content/a%2C b%3Ac.yaml,line=7,col=11::holds sk_live_"))
        #expect(lines[1] == "::warning file=Content/b.yaml,line=3,col=1::a warning, found 50%25, then%0Aa second line")
    }

    @Test func aTemplateOrOutputFailureIsOneItemInEachFormat() throws {
        let template = BuildFailure.template(TemplateError(.syntax("unclosed section"), at: SourceLocation(path: "Themes/x/home.mustache", line: 2, column: 5)))
        let output = BuildFailure.output(OutputError(.notEmpty, path: "Output"))
        let github = Self.text(DiagnosticReport(format: .github).render(template))
        #expect(github.hasPrefix("::error file=Themes/x/home.mustache,line=2,col=5::"))
        #expect(github.contains("unclosed section"))
        let text = Self.text(DiagnosticReport(format: .text).render(output))
        #expect(text.hasPrefix("Output: error: refusing to write the site here"))
        let json = try #require(try JSONSerialization.jsonObject(with: DiagnosticReport(format: .json).render(output)) as? [String: Any])
        let items = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(items.count == 1 && items[0]["file"] as? String == "Output" && items[0]["line"] == nil)
    }

    @Test func problemsBeyondTheLimitAreCounted() {
        var diagnostics = Diagnostics()
        for line in 1...(Diagnostics.limit + 3) {
            diagnostics.report(.other("bad"), at: SourceLocation(path: "Content/x.yaml", line: line))
        }
        let text = Self.text(DiagnosticReport(format: .text).render(diagnostics))
        #expect(text.contains("… and 3 more problems not shown\n"))
        #expect(text.contains("the build failed with \(Diagnostics.limit + 3) errors"))
    }
}
