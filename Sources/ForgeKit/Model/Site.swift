import Crypto
import Foundation

/// Everything Forge read from `Content/`'s data files, validated and cross-checked.
public struct Site: Sendable {
    public var config: SiteConfig
    public var keys: [APIKey]
    public var plans: [Plan]
    public var usage: UsageTable
    /// "Today" for the dashboard: `--as-of`, else `as_of:`, else `SOURCE_DATE_EPOCH`, else the
    /// latest usage day. Never the wall clock, so builds are reproducible. nil when none is known.
    public var asOf: Day?

    public init(config: SiteConfig, keys: [APIKey] = [], plans: [Plan] = [], usage: UsageTable = UsageTable(), asOf: Day? = nil) {
        self.config = config
        self.keys = keys
        self.plans = plans
        self.usage = usage
        self.asOf = asOf
    }

    /// The plan whose limit applies, when `plan:` names one.
    public var currentPlan: Plan? {
        config.plan.flatMap { id in plans.first { $0.id == id } }
    }

    /// A stable id for this site, used to namespace browser storage: every `file://` page shares
    /// one localStorage, and so do all project pages of one GitHub user.
    public var id: String {
        let seed = ["forge-site", config.baseURL.value, config.title, config.organization ?? ""].joined(separator: "\u{0}")
        return SHA256.hash(data: Data(seed.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }
}
