import Testing
@testable import ForgeKit

@Suite struct PlansLoaderTests {
    let path = "Content/data/plans.yaml"

    @Test func readsPlans() {
        let yaml = """
        plans:
          - id: pro
            name: Pro
            monthly_limit: 500
            price: 49.99
            features: [Priority support]
            upgrade_url: https://example.com/upgrade/pro
        """
        let (plans, diagnostics) = loadYAML(yaml, path: path, PlansLoader.read)
        expectMessages(diagnostics, [])
        #expect(plans == [Plan(id: "pro", name: "Pro", monthlyLimit: Money(parsing: "500")!, price: Money(parsing: "49.99")!,
                               features: ["Priority support"], upgradeURL: "https://example.com/upgrade/pro")])
    }

    @Test func wrapsWrongTypesWithTheFieldPath() {
        let yaml = """
        plans:
          - id: starter
            name: Starter
            monthly_limit: 100
            price: 0
          - id: pro
            name: Pro
            monthly_limit: ten
            price: -5
            upgrade_url: javascript:alert(1)
        """
        let (plans, diagnostics) = loadYAML(yaml, path: path, PlansLoader.read)
        #expect(plans?.map(\.id) == ["starter"])
        expectMessages(diagnostics, [
            """
            Content/data/plans.yaml:8:20: error: plans[1].monthly_limit: expected a number, found "ten"
                monthly_limit: ten
                               ^
            """,
            """
            Content/data/plans.yaml:9:12: error: plans[1].price: must not be negative, found -5
                price: -5
                       ^
            """,
            """
            Content/data/plans.yaml:10:18: error: plans[1].upgrade_url: "javascript:alert(1)" must be an http:// or https:// URL
                upgrade_url: javascript:alert(1)
                             ^
            """,
        ])
    }

    @Test func aQuotedNumberIsAString() {
        let yaml = "plans:\n  - id: a\n    name: A\n    monthly_limit: \"100\"\n    price: 1\n"
        let (_, diagnostics) = loadYAML(yaml, path: path, PlansLoader.read)
        expectMessages(diagnostics, [
            """
            Content/data/plans.yaml:4:20: error: plans[0].monthly_limit: expected a number, found "100"
                monthly_limit: "100"
                               ^
            """,
        ])
    }

    /// Issue 7, item 7: removing the unknown-key check passed every test.
    @Test func reportsAnUnknownKeyInsideAPlan() {
        let yaml = "plans:\n  - id: pro\n    name: Pro\n    monthly_limit: 5\n    price: 1\n    featurs: [A]\n"
        let (plans, diagnostics) = loadYAML(yaml, path: path, PlansLoader.read)
        #expect(plans == [])
        expectMessages(diagnostics, [
            """
            Content/data/plans.yaml:6:5: error: plans[0]: unknown key "featurs" (did you mean "features"?)
                featurs: [A]
                ^
            """,
        ])
    }

    @Test func reportsAnUnknownKeyAtTheTopOfTheFile() {
        let (_, diagnostics) = loadYAML("plans: []\nplan: []\n", path: path, PlansLoader.read)
        #expect(messages(diagnostics).first?.hasPrefix("Content/data/plans.yaml:2:1: error: unknown key \"plan\" (did you mean \"plans\"?)") == true)
    }
}
