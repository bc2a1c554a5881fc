import Foundation
import Testing
@testable import ForgeKit

/// The Usage dialog and summary cards as rendered from the default theme, in every empty state
/// and at every bar state; and the money formatting shared with format.js.
@Suite struct UsagePresenterTests {
    typealias T = UsageTestData

    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    /// The two partials rendered with the presenter's context, as the home page renders them.
    func render(_ presenter: UsagePresenter, keyCount: Int = 3) throws -> String {
        let theme = try Theme.load(themesDirectory: UsagePresenterTests.themes, displayDirectory: "Themes", name: "default")
        let assets = AssetCatalog(theme: theme)
        let context = UsagePartialsContext(asset: assets.templateValue, usage: presenter.templateContext, keyCount: keyCount)
        let html = try theme.render("_partials/summary-cards", context: context) + theme.render("_partials/usage-dialog", context: context)
        #expect(!html.contains("{{") && !html.contains("}}"), "no Mustache left over")
        #expect(!html.contains("style="), "the CSP forbids style attributes")
        return html
    }

    func presenter(_ rows: [UsageTestData.Row], asOf: String?, plan: String? = "pro", plans: [Plan]? = T.plans) throws -> UsagePresenter {
        try UsagePresenter(table: try T.table(rows), config: SiteConfig(title: "T", plan: plan), asOf: try asOf.map { try T.day($0) },
                           plans: plans, keys: [])
    }

    @Test func noAsOfAtAllIsTheNoDataState() throws {
        let usage = try presenter([], asOf: nil)
        let html = try render(usage)
        #expect(html.contains("No usage has been recorded yet."))
        #expect(html.contains("Starts with the first usage record"))
        #expect(!html.contains("usage-progress"))
        #expect(usage.dataFiles.isEmpty)
        let json = try JSONScript.encode(usage.pageData)
        #expect(json.contains("\"period\":null") && json.contains("\"asOf\":null") && json.contains("\"count\":0"))
    }

    @Test func aPeriodWithoutUsageShowsZeroesAndEmptySections() throws {
        let html = try render(try presenter([], asOf: "2026-11-25"))
        #expect(html.contains("<span class=\"usage-amount__value\">$0.00</span> <span class=\"usage-amount__of\">of $500.00</span> <span class=\"usage-amount__percent\">0%</span>"))
        #expect(html.contains("value=\"0\""))
        #expect(html.contains("No usage in this period yet."))
        #expect(html.contains("No usage records up to 2026-11-25."))
        #expect(html.contains("5 days left"))
        #expect(html.contains("Within limit"))
    }

    @Test func usageOnlyAfterAsOfIsSaidNotCounted() throws {
        let html = try render(try presenter([("2026-11-26", "Chat", nil, 1, nil, "9"), ("2026-12-01", "Chat", nil, 1, nil, "9")], asOf: "2026-11-25"))
        #expect(html.contains("2 records dated after 2026-11-25 (the dashboard&#39;s date) are not counted.")
                || html.contains("2 records dated after 2026-11-25 (the dashboard's date) are not counted."))
        #expect(html.contains("$0.00"))
    }

    @Test func withoutAPlanThereIsNoBarAndPlansAreOffered() throws {
        let plans = T.plans.map { plan in
            var plan = plan
            plan.upgradeURL = "https://example.com/\(plan.id)"
            return plan
        }
        let html = try render(try presenter([("2026-11-02", "Chat", nil, 1, nil, "9")], asOf: "2026-11-25", plan: nil, plans: plans))
        #expect(html.contains("No plan is selected, so no monthly limit applies."))
        #expect(!html.contains("<progress"))
        #expect(html.contains(">Choose Pro</a>"))
        #expect(html.contains("No monthly limit"))
    }

    @Test func withoutAPlansFileNothingIsOffered() throws {
        let html = try render(try presenter([("2026-11-02", "Chat", nil, 1, nil, "9")], asOf: "2026-11-25", plan: "pro", plans: nil))
        #expect(html.contains("No plans are defined, so no monthly limit applies."))
        #expect(html.contains("No plans are available."))
    }

    @Test func theBarSaysItsStateInWords() throws {
        let ok = try render(try presenter([("2026-11-02", "Chat", nil, 1, nil, "100")], asOf: "2026-11-10"))
        #expect(ok.contains("class=\"usage-progress usage-progress--ok\" max=\"100\" value=\"20\""))
        #expect(ok.contains("badge--success\">Within limit</span>"))

        let warning = try render(try presenter([("2026-11-02", "Chat", nil, 1, nil, "412.34")], asOf: "2026-11-10"))
        #expect(warning.contains("usage-progress--warning\" max=\"100\" value=\"82.4\""))
        #expect(warning.contains("Warning: 80% of the limit reached"))
        #expect(warning.contains("82.4%"))

        let over = try render(try presenter([("2026-11-02", "Chat", nil, 1, nil, "612.5")], asOf: "2026-11-10"))
        #expect(over.contains("usage-progress--exceeded\" max=\"100\" value=\"100\""))
        #expect(over.contains("Over the limit by $112.50"))
        #expect(over.contains("122.5%"))
        #expect(over.contains("aria-current=\"true\""))
        #expect(over.contains("Fits your projection"))
        #expect(over.contains("href=\"https://example.com/scale\"") == false)  // test plans have no URLs
    }

    @Test func planLinksAndTheCurrentPlan() throws {
        let plans = [
            Plan(id: "starter", name: "Starter", monthlyLimit: Money(micros: 100_000_000), price: .zero, features: ["A & B"], upgradeURL: "https://example.com/s?a=1&b=2"),
            Plan(id: "pro", name: "Pro", monthlyLimit: Money(micros: 500_000_000), price: Money(micros: 49_000_000), upgradeURL: "https://example.com/pro"),
            Plan(id: "scale", name: "Scale", monthlyLimit: Money(micros: 5_000_000_000), price: Money(micros: 399_000_000), upgradeURL: "https://example.com/scale"),
        ]
        let html = try render(try presenter([], asOf: "2026-11-25", plans: plans))
        #expect(html.contains("href=\"https://example.com/s?a=1&amp;b=2\" rel=\"noopener\">Switch to Starter</a>"))
        #expect(html.contains("href=\"https://example.com/scale\" rel=\"noopener\">Upgrade to Scale</a>"))
        #expect(!html.contains("https://example.com/pro"), "the current plan links nowhere")
        #expect(html.contains("<li>A &amp; B</li>"))
        #expect(html.contains("Free"))
    }

    @Test func theFirstHistoryPageIsInTheHTMLNewestFirst() throws {
        var rows: [UsageTestData.Row] = []
        for day in 1...30 { rows.append(("2026-11-\(day < 10 ? "0" : "")\(day)", "Chat <b>", day % 2 == 0 ? "key_a" : nil, Int64(day), nil, "0.000125")) }
        let usage = try presenter(rows, asOf: "2026-11-28")
        let html = try render(usage)
        // One precision per column: cents, with the exact amount as the cell's title.
        #expect(html.contains("<tr><td>2026-11-28</td><td>Chat &lt;b&gt;</td><td>key_a</td><td>28</td><td>—</td><td title=\"$0.000125\">$0.00</td></tr>"))
        #expect(html.contains("The newest 5 of 28 records, newest first."))
        #expect(html.contains("All 28 records"))
        #expect(html.contains("title=\"$0.0035\">$0.00</td>"))  // 28 × 0.000125: shown to the cent, exact on hover
        #expect(html.contains("<option value=\"-1\">No key</option>"))
        let body = try #require(html.components(separatedBy: "<tbody data-usage-rows>").last?.components(separatedBy: "</tbody>").first)
        #expect(body.components(separatedBy: "<tr>").count - 1 == UsagePresenter.staticRows)
        // Records after as_of are in no row (the daily chart still names the period's later days).
        #expect(!body.contains("2026-11-29"))
        #expect(html.contains("<title>2026-11-29: not yet</title>"))
    }

    /// format.js must write money exactly as MoneyFormat does; both suites read the same vectors,
    /// and the locale rules the page carries are FormatLocale as Swift encodes it.
    @Test func formatVectorsMatchSwift() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("js/format-vectors.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let locales = try #require(json["locales"] as? [String: [String: Any]])
        #expect(Set(locales.keys) == Set(FormatLocale.supported.map(\.id)), "every supported locale is in the vectors")
        for (id, spec) in locales {
            let locale = try #require(FormatLocale.named(id))
            let encoded = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(locale)) as? [String: Any])
            #expect(NSDictionary(dictionary: encoded) == NSDictionary(dictionary: spec), "\(id)")
        }
        let format = { (locale: String, code: String) throws -> MoneyFormat in
            MoneyFormat(currency: Currency(code: code), locale: try #require(FormatLocale.named(locale)))
        }
        for (code, spec) in try #require(json["currencies"] as? [String: [String: Any]]) {
            #expect(Currency(code: code).exponent == spec["exponent"] as? Int, "\(code)")
        }
        for (locale, table) in try #require(json["symbols"] as? [String: [String: String]]) {
            for (code, symbol) in table { #expect(try format(locale, code).symbol == symbol, "\(locale) \(code)") }
        }
        for vector in try #require(json["money"] as? [[String: String]]) {
            let money = try format(vector["locale"] ?? "", vector["code"] ?? "")
            let amount = Money(micros: try #require(Int64(vector["micros"] ?? "")))
            #expect(money.money(amount) == vector["format"], "\(vector)")
            #expect(money.exact(amount) == vector["exact"], "\(vector)")
            if let plain = vector["plain"] { #expect(amount.plainDecimal == plain, "\(vector)") }
            if vector["locale"] == "en-US" { #expect(Currency(code: vector["code"] ?? "").format(amount) == vector["format"]) }
        }
        for vector in try #require(json["integers"] as? [[String: String]]) {
            #expect(try format(vector["locale"] ?? "", "USD").integer(try #require(Int64(vector["value"] ?? ""))) == vector["text"], "\(vector)")
        }
        for vector in try #require(json["percents"] as? [[String: Any]]) {
            let text = try format(vector["locale"] as? String ?? "", "USD").percent(tenths: vector["tenths"] as? Int ?? 0, fixed: vector["fixed"] as? Bool ?? false)
            #expect(text == vector["text"] as? String, "\(vector)")
        }
    }
}
