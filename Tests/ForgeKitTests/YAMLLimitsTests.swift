import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, items 4 and 5: what any YAML file of a site may hold (`YAMLLimits`), as read by
/// `YAMLDocument` for site, keys and plans files and front matter.
@Suite struct YAMLLimitsTests {
    func parse(_ yaml: String, path: String = "Content/data/plans.yaml") -> (YAMLDocument?, [String]) {
        var diagnostics = Diagnostics()
        let document = YAMLDocument.parse(SourceText(displayPath: path, text: yaml), diagnostics: &diagnostics)
        return (document, messages(diagnostics))
    }

    // MARK: - Aliases

    @Test func aliasesWithinTheBudgetAreRead() {
        let yaml = """
        plans:
          - id: pro
            name: Pro
            monthly_limit: 500
            price: 49
            features: &common [Priority support, 10 projects]
          - id: scale
            name: Scale
            monthly_limit: 5000
            price: 499
            features: *common
        """
        let (plans, diagnostics) = loadYAML(yaml, path: "Content/data/plans.yaml", PlansLoader.read)
        expectMessages(diagnostics, [])
        #expect(plans?.map(\.features) == [["Priority support", "10 projects"], ["Priority support", "10 projects"]])
    }

    /// The 212 KB plans.yaml of the issue: one 200,000-character string, aliased 3,000 times in
    /// `features`, took 70 s and 1.2 GB and wrote a 600 MB page. It stops at the fifth alias,
    /// the one that takes what the aliases add past 1,000,000.
    static func aliasBomb() -> String {
        "plans:\n  - id: pro\n    name: Pro\n    monthly_limit: 500\n    price: 49\n    features:\n      - &big \""
            + String(repeating: "A", count: 200_000) + "\"\n" + String(repeating: "      - *big\n", count: 3_000)
    }

    @Test func anAliasBombStopsAtTheAliasThatGoesPastTheBudget() {
        let yaml = Self.aliasBomb()
        #expect(yaml.utf8.count > 200_000 && yaml.utf8.count < 240_000)
        let (document, errors) = parse(yaml)
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors == [
            """
            Content/data/plans.yaml:12:9: error: YAML: the aliases of this file repeat more than 1,000,000 values and characters in all; this alias (*big) goes past that: write the values out, or repeat less
                  - *big
                    ^
            """,
        ])
    }

    @Test func nestedAliasesAreWeighedInFull() {
        // Each level repeats the one before ten times: 10^6 scalars by the sixth level, from
        // a file of a few hundred bytes.
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (level, name) in ["b", "c", "d", "e", "f", "g"].enumerated() {
            let previous = level == 0 ? "a" : ["b", "c", "d", "e", "f"][level - 1]
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let (document, errors) = parse(yaml, path: "Content/site.yaml")
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("Content/site.yaml:6:") == true, "\(errors)")
        #expect(errors.first?.contains("the aliases of this file repeat more than 1,000,000") == true, "\(errors)")
    }

    @Test func anUndefinedAliasIsLocated() {
        let (_, errors) = parse("title: *nowhere\n", path: "Content/site.yaml")
        #expect(errors.first?.hasPrefix("Content/site.yaml:1:8: error: YAML: found undefined alias \"nowhere\"") == true, "\(errors)")
    }

    // MARK: - Nesting and size

    @Test(arguments: [100, 10_000, 1_000_000])
    func deepNestingStopsAtTheLimit(_ depth: Int) {
        let yaml = "title: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let (document, errors) = parse(yaml, path: "Content/site.yaml")
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors.count == 1)
        // The root mapping is the first level, the 64th "[" the 65th. Past libyaml's own bound
        // of 1,000 levels, libyaml stops first, where it chooses.
        let (position, levels) = depth < 1_000 ? ("1:71", "64") : ("1:", "1,000")
        #expect(errors.first?.hasPrefix("Content/site.yaml:\(position)") == true, "\(errors)")
        #expect(errors.first?.contains(": error: YAML: lists and mappings are nested more than \(levels) levels deep here") == true, "\(errors)")
    }

    @Test func deepNestingInAUsageFileIsAnError() {
        let depth = 5_000
        let yaml = "usage: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let result = readUsage(yaml, with: YAMLUsageReader())
        #expect(result.errors.first?.contains("error: YAML: lists and mappings are nested more than 1,000 levels deep here") == true, "\(result.errors)")
    }

    @Test func aFileLargerThanTheLimitIsRefusedUnread() {
        let yaml = "title: x\n# " + String(repeating: "x", count: YAMLLimits.maximumFileBytes) + "\n"
        let (document, errors) = parse(yaml, path: "Content/site.yaml")
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors == ["Content/site.yaml: error: the file is larger than 16 MB, more than any site data needs; split it or check what it holds"])
    }

    // MARK: - Tags

    @Test(arguments: [
        ("cost: !!str 2\n", "1:7", "!!str"),
        ("x: !!python/object:os.system {}\n", "1:4", "!!python/object:os.system"),
        ("x: !!python/object/apply:os.system [\"echo hi\"]\n", "1:4", "!!python/object/apply:os.system"),
        ("x: !foo bar\n", "1:4", "!foo"),
        ("x: !<tag:example.com,2000:app/x> bar\n", "1:4", "!<tag:example.com,2000:app/x>"),
        ("x: !!map {a: 1}\n", "1:4", "!!map"),
        ("--- !!seq\n- a\n", "1:5", "!!seq"),
        ("x: ! bar\n", "1:4", "!"),
    ])
    func anExplicitTagIsAnErrorAtItsPosition(_ yaml: String, _ position: String, _ tag: String) {
        let (document, errors) = parse(yaml, path: "Content/site.yaml")
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors.first?.hasPrefix("Content/site.yaml:\(position): error: YAML: explicit tags such as \(tag) are not supported") == true, "\(errors)")
    }

    @Test func aTagInsideAPlanIsReportedWithTheOtherProblems() {
        let yaml = "plans:\n  - id: pro\n    name: !!str Pro\n    monthly_limit: !!int 5\n    price: 1\n"
        let (_, errors) = parse(yaml)
        #expect(errors.count == 2)
        #expect(errors.map { $0.prefix(33) } == ["Content/data/plans.yaml:3:11: err", "Content/data/plans.yaml:4:20: err"])
    }

    // MARK: - Control characters

    @Test(arguments: [
        ("organization: \"Ex\\x07Labs\"\n", "U+0007 (BEL)"),
        ("organization: \"Example\\u0000\"\n", "U+0000 (NUL)"),
        ("organization: \"Ex\\eLabs\"\n", "U+001B (ESC)"),
        ("organization: \"Ex\\x7FLabs\"\n", "U+007F (DEL)"),
        ("organization: \"Ex\\x85Labs\"\n", "U+0085"),
        ("organization: \"Ex\\rLabs\"\n", nil),
        ("organization: \"Ex\\tLabs\\nTwo\"\n", nil),
    ] as [(String, String?)])
    func aControlCharacterFromAnEscapeIsAnErrorAtItsValue(_ line: String, _ name: String?) {
        let (document, errors) = parse("title: T\n" + line, path: "Content/site.yaml")
        guard let name else {
            #expect(errors == [])
            return
        }
        #expect(document.map { _ in "a document" } == nil, "the file must not be read")
        #expect(errors == [
            "Content/site.yaml:2:15: error: YAML: a value holds the control character \(name); control characters are not allowed, typed or escaped\n"
                + line.dropLast() + "\n              ^",
        ])
    }

    @Test(arguments: [(UInt8(0x00), "U+0000 (NUL)"), (0x07, "U+0007 (BEL)"), (0x1B, "U+001B (ESC)"), (0x7F, "U+007F (DEL)")])
    func aControlCharacterInTheFileIsAnErrorAtItsPosition(_ byte: UInt8, _ name: String) {
        let text = "title: T\norganization: Ex" + String(decoding: [byte], as: UTF8.self) + "Labs\n"
        for path in ["Content/site.yaml", "Content/data/keys.yaml", "Content/data/plans.yaml"] {
            let (document, errors) = parse(text, path: path)
            #expect(document.map { _ in "a document" } == nil, "the file must not be read")
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("\(path):2:17: error: YAML: the file holds the control character \(name) here; remove it") == true, "\(errors)")
        }
    }

    @Test func aControlCharacterInAKeyIsAnError() {
        let (_, errors) = parse("\"ti\\atle\": T\n", path: "Content/site.yaml")
        #expect(errors.first?.hasPrefix("Content/site.yaml:1:1: error: YAML: a value holds the control character U+0007 (BEL)") == true, "\(errors)")
    }

    // MARK: - Documents

    @Test func aSecondDocumentIsAnError() {
        let (_, errors) = parse("title: A\n---\ntitle: B\n", path: "Content/site.yaml")
        #expect(errors.first?.hasPrefix("Content/site.yaml:2:1: error: YAML: expected a single document in the stream, but found another document") == true, "\(errors)")
    }

    @Test func aDuplicateKeyIsAnErrorAtTheSecondOne() {
        let (_, errors) = parse("title: A\norganization: B\ntitle: C\n", path: "Content/site.yaml")
        #expect(errors.first?.hasPrefix("Content/site.yaml:3:1: error: YAML: duplicate key \"title\" in one mapping") == true, "\(errors)")
    }
}
