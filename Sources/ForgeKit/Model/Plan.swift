/// A plan from `plans.yaml`: what a billing period may cost, and what it costs.
public struct Plan: Sendable, Hashable {
    public var id: String
    public var name: String
    /// Spend cap per billing period, in the site currency.
    public var monthlyLimit: Money
    /// Price per month.
    public var price: Money
    public var features: [String]
    /// Where to go to switch to this plan (http or https only).
    public var upgradeURL: String?

    public init(id: String, name: String, monthlyLimit: Money, price: Money, features: [String] = [], upgradeURL: String? = nil) {
        self.id = id
        self.name = name
        self.monthlyLimit = monthlyLimit
        self.price = price
        self.features = features
        self.upgradeURL = upgradeURL
    }
}
