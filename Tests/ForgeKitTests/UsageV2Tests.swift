import Foundation
import Testing
@testable import ForgeKit

/// The v2 content of PRODUCT.md §2 around usage: `locale` and `lang`, key budgets, the "today"
/// guard; and the parts of the page they make: period files, the view tree, `forge-keys` budgets.
@Suite struct UsageV2Tests {
    typealias T = UsageTestData

    // MARK: - site.yaml: locale and lang

    @Test func localeAndLangAreReadAndLangDefaultsToTheLocalesLanguage() {
        let (config, diagnostics) = loadYAML("title: T\nlocale: de-DE\n", path: "Content/site.yaml", SiteConfigLoader.read)
        expectMessages(diagnostics, [])
        #expect(config?.locale.id == "de-DE")
        #expect(config?.language == "de")
        #expect(config?.moneyFormat.money(Money(micros: 1_234_560_000)) == "1.234,56\u{00A0}US$")
        let (both, _) = loadYAML("title: T\nlocale: fr-FR\nlang: fr-CA\n", path: "Content/site.yaml", SiteConfigLoader.read)
        #expect(both?.language == "fr-CA")
        let (none, _) = loadYAML("title: T\n", path: "Content/site.yaml", SiteConfigLoader.read)
        #expect(none?.locale.id == "en-US" && none?.language == "en")
    }

    @Test func anUnsupportedLocaleSaysWhichAreAndSuggestsOne() {
        let supported = FormatLocale.supported.map(\.id).joined(separator: ", ")
        for (written, hint) in [("de_DE", "de-DE"), ("DE-de", "de-DE"), ("fr", "fr-FR"), ("en-UK", "en-GB")] {
            let (config, diagnostics) = loadYAML("title: T\nlocale: \(written)\n", path: "Content/site.yaml", SiteConfigLoader.read)
            #expect(config == nil)
            expectMessages(diagnostics, ["""
                Content/site.yaml:2:9: error: locale: "\(written)" is not a supported locale (did you mean "\(hint)"?); supported: \(supported)
                locale: \(written)
                        ^
                """])
        }
        let (_, klingon) = loadYAML("title: T\nlocale: tlh-QO\n", path: "Content/site.yaml", SiteConfigLoader.read)
        #expect(messages(klingon).first?.contains("\"tlh-QO\" is not a supported locale; supported: en-US") == true)
    }

    @Test func langMustBeALanguageTag() {
        for good in ["en", "de-CH", "zh-Hant-TW", "pt-BR"] { #expect(SiteConfigLoader.isLanguageTag(good), "\(good)") }
        for bad in ["", "e", "english", "en-", "en_US", "en-US-", "\"><script>", "en-abcdefghi"] { #expect(!SiteConfigLoader.isLanguageTag(bad), "\(bad)") }
        let (_, diagnostics) = loadYAML("title: T\nlang: en_US\n", path: "Content/site.yaml", SiteConfigLoader.read)
        expectMessages(diagnostics, ["""
            Content/site.yaml:2:7: error: lang: "en_US" must be a language tag such as en, de or pt-BR
            lang: en_US
                  ^
            """])
    }

    // MARK: - keys.yaml: monthly_limit

    @Test func keysTakeAMonthlyLimit() {
        let yaml = """
        keys:
          - {id: a, name: A, start: sk_ab12, end: wx89, created: 2026-03-02, monthly_limit: 200.5}
          - {id: b, name: B, start: sk_cd34, end: yz12, created: 2026-03-02}
          - {id: c, name: C, start: sk_ef56, end: ab34, created: 2026-03-02, monthly_limit: -1}
        """
        let (result, diagnostics) = loadYAML(yaml, path: "Content/data/keys.yaml", KeysLoader.read)
        #expect(result?.keys.map(\.monthlyLimit) == [Money(micros: 200_500_000), nil])
        #expect(messages(diagnostics).map { $0.components(separatedBy: "\n")[0] } == [
            "Content/data/keys.yaml:4:85: error: keys[2].monthly_limit: must not be negative, found -1",
        ])
    }

    @Test func budgetsReachTheUsageByKeyAndTheKeysList() throws {
        let table = try T.table([
            ("2026-11-02", "Chat", "key_a", 1, nil, "170"),   // 85 % of 200: warning
            ("2026-11-03", "Chat", "key_b", 1, nil, "62.5"),  // 125 % of 50: 12.50 over
            ("2026-11-03", "Chat", "key_c", 1, nil, "10"),    // 10 % of 100
        ])
        let created = try T.day("2026-01-01")
        let keys = [("key_a", 200_000_000), ("key_b", 50_000_000), ("key_c", 100_000_000)].map {
            APIKey(id: $0.0, name: $0.0.uppercased(), start: "sk_ab12", end: "wx89", created: created,
                   monthlyLimit: Money(micros: Int64($0.1)), location: SourceLocation(path: "k"))
        } + [APIKey(id: "key_d", name: "D", start: "sk_ab12", end: "wx89", created: created, location: SourceLocation(path: "k"))]
        let presenter = try UsagePresenter(table: table, config: SiteConfig(title: "T"), asOf: try T.day("2026-11-25"), plans: nil, keys: keys)
        let rows = try #require(presenter.templateContext.current?.keys.rows)
        let budgets = rows.map(\.budget)
        #expect(budgets.map { $0?.status } == ["warning", "exceeded", "ok"])
        #expect(budgets.map { $0?.text } == ["85% of $200.00, past 80%", "$12.50 over $50.00", "10% of $100.00"])
        #expect(budgets.map { $0?.value } == ["85", "100", "10"])

        let site = Site(config: SiteConfig(title: "T"), keys: keys, usage: table, asOf: try T.day("2026-11-25"))
        let json = try JSONScript.encode(KeysPageData(site: site, spendByKey: presenter.spendByKey, usage: presenter))
        #expect(json.contains(#""budgetMicros":200000000,"budgetPercent":850,"budgetStatus":"warning","budgetText":"$30.00 left of $200.00""#))
        #expect(json.contains(#""budgetMicros":50000000,"budgetPercent":1250,"budgetStatus":"exceeded","budgetText":"$12.50 over $50.00""#))
        #expect(json.contains(#""budgetMicros":null,"budgetPercent":null,"budgetStatus":null,"budgetText":null,"created":"2026-01-01","end":"wx89","expires":null,"id":"key_d""#))
    }

    // MARK: - The "today" guard

    func load(_ files: [String: String], today: String = "2026-12-01", options: (inout ContentLoader.Options) -> Void = { _ in }) throws -> (Site?, [String]) {
        let folder = try TemporaryDirectory()
        for (path, text) in files { try folder.write(text, to: path) }
        var loaderOptions = ContentLoader.Options(contentDirectory: folder.url, displayDirectory: "Content", today: try T.day(today))
        options(&loaderOptions)
        var diagnostics = Diagnostics()
        let site = ContentLoader.load(loaderOptions, diagnostics: &diagnostics)
        return (site, diagnostics.sorted.map(\.description))
    }

    static let weekly = (1...20).map { "  - {date: 2026-11-\($0 < 10 ? "0" : "")\($0), service: Chat, requests: 1, cost: 1}\n" }.joined()

    @Test func aRecordFarPastTheRestWarnsAtItsLine() throws {
        let csv = "date,service,requests,cost\n2026-11-21,Chat,1,1\n2027-11-21,Chat,1,1\n2026-11-22,Chat,1,1\n"
        let (site, messages) = try load(["site.yaml": "title: T\n", "data/usage.yaml": "usage:\n" + UsageV2Tests.weekly, "data/usage/late.csv": csv])
        #expect(site?.asOf?.description == "2027-11-21", "the output still takes the data's word; only the build warns")
        #expect(messages == [#"""
            Content/data/usage/late.csv:3:1: warning: this record is dated 2027-11-21, 364 days after every other record (the next is 2026-11-22) and after today (2026-12-01 UTC on this machine); the dashboard's date ("Figures as of") and billing period would move to 2027-11-21. Fix the date, or say which day it is with as_of: in site.yaml, --as-of or SOURCE_DATE_EPOCH
            2027-11-21,Chat,1,1
            ^
            """#])
        let files = ["site.yaml": "title: T\n", "data/usage.yaml": "usage:\n" + UsageV2Tests.weekly, "data/usage/late.csv": csv]
        let later = try load(files, today: "2030-01-01").1
        #expect(later.count == 1 && later[0].contains("2027-11-21, 364 days after every other record (the next is 2026-11-22); the dashboard's"))
    }

    @Test func aRecordAfterTheMachinesClockWarnsEvenWhenItIsNotFarFromTheRest() throws {
        let (_, messages) = try load(["site.yaml": "title: T\n", "data/usage.yaml": "usage:\n" + UsageV2Tests.weekly], today: "2026-11-18")
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("Content/data/usage.yaml:21:5: warning: this record is dated 2026-11-20, after today (2026-11-18 UTC on this machine)") == true)
    }

    @Test func noWarningWhenTheDatesAreCloseOrTodayIsGiven() throws {
        let files = ["site.yaml": "title: T\n", "data/usage.yaml": "usage:\n" + UsageV2Tests.weekly + "  - {date: 2026-11-27, service: Chat, requests: 1, cost: 1}\n"]
        #expect(try load(files).1 == [], "a week after the rest is a weekly export")
        var far = files
        far["data/usage.yaml"] = "usage:\n" + UsageV2Tests.weekly + "  - {date: 2027-06-01, service: Chat, requests: 1, cost: 1}\n"
        #expect(try load(far, options: { $0.asOf = Day(parsing: "2026-11-25") }).1 == [], "--as-of says which day it is")
        #expect(try load(far, options: { $0.sourceDateEpoch = "1764028800" }).1 == [])
        var config = far
        config["site.yaml"] = "title: T\nas_of: 2026-11-25\n"
        #expect(try load(config).1 == [])
        #expect(try load(far).1.count == 1)
    }

    // MARK: - Period files and the view tree

    static let themes = UsagePresenterTests.themes

    func presenter(_ rows: [T.Row], asOf: String, models: [String?] = []) throws -> UsagePresenter {
        var table = UsageTable()
        for (index, row) in rows.enumerated() {
            table.append(day: try T.day(row.date), service: row.service, keyID: row.key, requests: row.requests, tokens: row.tokens,
                         cost: try T.money(row.cost), model: index < models.count ? models[index] : nil)
        }
        return try UsagePresenter(table: table, config: SiteConfig(title: "T", plan: "pro"), asOf: try T.day(asOf), plans: T.plans, keys: [])
    }

    @Test func everyPeriodHasAFileWithEveryGroupingAndTheCurrentViewIsThePageOwn() throws {
        let theme = try Theme.load(themesDirectory: UsageV2Tests.themes, displayDirectory: "Themes", name: "default")
        var usage = try presenter([("2026-09-03", "Chat", nil, 1, nil, "1"), ("2026-11-03", "Chat <b>", "key_a", 2, nil, "2.5"),
                                   ("2026-11-04", "Embeddings", nil, 2, nil, "0.125")], asOf: "2026-11-25", models: ["m1", nil, "m2"])
        let files = try usage.renderPeriodFiles(with: theme)
        // The current period and September (October has no records).
        #expect(files.map(\.path).map { String($0.prefix(29)) } == ["data/usage-period-2026-11-01.", "data/usage-period-2026-09-01."])
        let json = try JSONScript.encode(usage.pageData)
        for file in files { #expect(json.contains("\"file\":\"\(file.path.dropFirst(18).dropLast(3))\"")) }
        let text = String(decoding: try #require(files.first).bytes, as: UTF8.self)
        let prefix = "(window.ForgeUsageViews=window.ForgeUsageViews||[]).push("
        #expect(text.hasPrefix(prefix) && text.hasSuffix(");\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).dropLast(3).utf8)) as? [String: Any])
        #expect(object["period"] as? String == "2026-11-01")
        let views = try #require(object["views"] as? [String: Any])
        #expect(Set(views.keys) == ["service", "model", "key"])
        #expect(!text.contains("<"), "markup is data, never HTML: < is escaped")

        // The page's own view (current, by service) is the file's, node for node.
        let page = try theme.render("_partials/usage-dialog",
                                    context: UsagePartialsContext(asset: AssetCatalog(theme: theme).templateValue, usage: usage.templateContext))
        let inline = try #require(page.components(separatedBy: "data-usage-view data-root=\"\">\n").last?.components(separatedBy: "\n</div>\n\n<section class=\"dialog__section\" aria-labelledby=\"usage-periods-title\"").first)
        let tree = try UsageViewTree.json(fromHTML: inline)
        let service = try JSONSerialization.data(withJSONObject: try #require(views["service"]), options: [.sortedKeys])
        let own = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(tree.utf8)), options: [.sortedKeys])
        #expect(service == own)
    }

    @Test func theViewTreeKeepsTextAndAttributesAndRefusesWhatCouldRun() throws {
        #expect(try UsageViewTree.json(fromHTML: #"<p class="a">x &amp; &lt;y&gt; &#39;z&#39; &#x263A;</p><br><svg viewBox="0 0 1 1"><rect width="1"/></svg>"#)
                == #"[["p",{"class":"a"},"x \u0026 \u003cy\u003e 'z' ☺"],["br",{}],["svg",{"viewBox":"0 0 1 1"},["rect",{"width":"1"}]]]"#)
        #expect(try UsageViewTree.json(fromHTML: "<p>\n  two\n\n words </p>") == #"[["p",{}," two words "]]"#)
        let refused = [
            ("<script>alert(1)</script>", "<script> is not allowed"),
            (#"<p onclick="x()">a</p>"#, "the attribute onclick is not allowed"),
            (#"<svg><a href="javascript:x">a</a></svg>"#, "the attribute href is not allowed"),
            (#"<p style="color:red">a</p>"#, "the attribute style is not allowed"),
            ("<p>a", "<p> is never closed"),
            ("<p>a</div>", "</div> closes nothing open (<p> is open)"),
            ("<p>a & b</p>", "a bare & in text"),
            ("<p title=x>a</p>", "the value of title must be quoted"),
            ("<iframe></iframe>", "<iframe> is not allowed"),
        ]
        for (html, message) in refused {
            #expect(throws: UsageViewTree.Failure.self, "\(html)") { try UsageViewTree.json(fromHTML: html) }
            do {
                _ = try UsageViewTree.json(fromHTML: html)
            } catch {
                #expect(error.message.hasPrefix(message), "\(html): \(error.message)")
            }
        }
    }

    @Test func aThemeWhosePeriodViewIsNotATreeFailsTheBuildNamingIt() throws {
        let folder = try TemporaryDirectory()
        try folder.write("<section><p>Spent {{spend}}<script>1</script></p></section>", to: "Themes/odd/layouts/_partials/usage-period.mustache")
        try folder.write("title: T\ntheme: odd\n", to: "Content/site.yaml")
        try folder.write("usage:\n  - {date: 2026-11-03, service: Chat, requests: 1, cost: 1}\n", to: "Content/data/usage.yaml")
        let theme = try Theme.load(themesDirectory: folder.url.appendingPathComponent("Themes"), displayDirectory: "Themes", name: "odd")
        var usage = try presenter([("2026-11-03", "Chat", nil, 1, nil, "1")], asOf: "2026-11-25")
        #expect(throws: TemplateError.self) { try usage.renderPeriodFiles(with: theme) }
        do {
            _ = try usage.renderPeriodFiles(with: theme)
        } catch {
            #expect(error.description.hasPrefix("layouts/_partials/usage-period.mustache: error: the period view must be well-formed HTML of charts and tables: <script> is not allowed in a period view"))
        }
    }
}

/// The v2 usage rules as a user meets them from a terminal: the real `forge` binary.
@Suite struct UsageV2EndToEndTests {
    /// A site whose as_of comes from the data, with one record a year ahead of the rest.
    func siteWithAStrayRecord() throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let config = try String(contentsOf: site.url.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write([
            "Content/site.yaml": config.components(separatedBy: "\n").filter { !$0.hasPrefix("as_of:") }.joined(separator: "\n"),
            "Content/data/usage/late.csv": "date,service,requests,cost\n2027-11-26,Chat Completions,1,0.5\n",
        ])
        return site
    }

    @Test func aStrayRecordWarnsAtItsLineAndFailsTheStrictBuildKeepingTheOutput() throws {
        let site = try siteWithAStrayRecord()
        let warned = try ForgeProcess.run(["build"], in: site.url)
        #expect(warned.status == 0)
        #expect(warned.stderr.hasPrefix("Content/data/usage/late.csv:2:1: warning: this record is dated 2027-11-26, 366 days after every other record (the next is 2026-11-25)"))
        let before = site.snapshot()
        let strict = try ForgeProcess.run(["build", "--strict"], in: site.url)
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("Content/data/usage/late.csv:2:1: error: this record is dated 2027-11-26"))
        #expect(site.snapshot() == before, "the previous Output/ is left as it was")
        // Saying which day it is settles it, and the output does not depend on the clock.
        let dated = try ForgeProcess.run(["build", "--strict", "--as-of", "2026-11-25"], in: site.url)
        #expect(dated.status == 0, "\(dated.stderr)")
    }

    @Test func emptyUsageFilesAndUnknownColumnsFailTheBuild() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        try site.write(["Content/data/usage/2026-12.csv": "", "Content/data/usage/2027-01.csv": "date,service,requests,cost\n",
                        "Content/data/usage/2027-02.csv": "date,service,requests,cost,region\n2026-11-01,Chat,1,1,eu\n"])
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("Content/data/usage/2026-12.csv: error: this usage file is empty"))
        #expect(outcome.stderr.contains("Content/data/usage/2027-01.csv:1:1: error: this usage file has a header but no rows"))
        #expect(outcome.stderr.contains("Content/data/usage/2027-02.csv:1:28: error: header: unknown column \"region\""))
    }

    @Test func aGermanSiteIsWrittenInGermanAndInEveryPeriodFile() throws {
        let site = try TemporaryDirectory()
        try site.copyExampleSite()
        let config = try String(contentsOf: site.url.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try site.write(["Content/site.yaml": config.replacingOccurrences(of: "currency: USD", with: "currency: EUR\nlocale: de-DE")])
        let outcome = try ForgeProcess.run(["build"], in: site.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let html = try String(contentsOf: site.url.appendingPathComponent("Output/index.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains("<span class=\"usage-amount__value\" title=\"425,0617\u{00A0}€\">425,06\u{00A0}€</span>"))
        let data = try FileManager.default.contentsOfDirectory(atPath: site.url.appendingPathComponent("Output/data").path)
        #expect(data.filter { $0.hasPrefix("usage-period-") }.count == 4)
    }
}
