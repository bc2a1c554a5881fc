/// The home page's `usage`: the context of `_partials/usage-dialog.mustache` and of the
/// summary cards, made by `UsagePresenter.templateContext`.
///
/// The current period by service (`view`) also has its keys at this level, where the summary
/// cards read them (`usage.spend`, `usage.period`). Without usage there is no view: `period` is
/// then null and `hasProjection` false, the two keys the cards test before `hasData`.
struct UsageDialogContext: Encodable {
    var current: UsageViewContext?
    var parts: Parts

    struct Parts: Encodable {
        var hasData: Bool
        var currency: String?
        var view: UsageViewContext?
        var controls: Controls?
        var periodsTable: PeriodsTable?
        var history: History
        var plans: Plans
    }

    private struct NoPeriod: Encodable {
        var period: UsageViewContext.Period?
        var hasProjection = false
    }

    func encode(to encoder: Encoder) throws {
        if let current { try current.encode(to: encoder) } else { try NoPeriod().encode(to: encoder) }
        try parts.encode(to: encoder)
    }

    /// The choice of period and grouping.
    struct Controls: Encodable {
        var periods: [Choice]
        var groupings: [Grouping]
        var hasChoice: Bool

        struct Choice: Encodable {
            var value: String
            var label: String
            var isCurrent: Bool
        }

        struct Grouping: Encodable {
            var value: String
            var title: String
            var isDefault: Bool
        }
    }

    /// One row per period, newest first; the limit's columns are nil without a limit.
    struct PeriodsTable: Encodable {
        var rows: [Row]
        var hasLimit: Bool
        var count: String

        struct Row: Encodable {
            var start: String
            var label: String
            var isCurrent: Bool
            var through: String
            var total: String
            var exact: String?
            var records: String
            var limit: String?
            var percent: String?
            var overrun: String?
            var isOver: Bool?
            var status: String?
        }
    }

    /// The history's first rows (the rest comes from data files) and its filters.
    struct History: Encodable {
        var hasRows: Bool
        var rows: [Row]
        var count: Int
        var countText: String
        var status: String
        var pageText: String
        var isPaged: Bool
        var total: String
        var totalExact: String?
        var requests: String
        var tokens: String
        var services: [Option]
        var keys: [Option]
        var models: [Option]
        var hasModels: Bool
        var hasNoKey: Bool
        var hasNoModel: Bool
        var newest: String
        var oldest: String

        struct Row: Encodable {
            var date: String
            var service: String
            var model: String
            var key: String
            var isNoKey: Bool
            var requests: String
            var tokens: String
            var cost: String
            var exact: String?
        }

        /// A filter's option: the number the history data uses, and the name shown.
        struct Option: Encodable {
            var value: Int
            var name: String
        }
    }

    /// The plans of plans.yaml; `list` and `hasCurrent` are nil without plans.
    struct Plans: Encodable {
        var hasPlans: Bool
        var list: [Plan]?
        var hasCurrent: Bool?

        struct Plan: Encodable {
            var id: String
            var name: String
            var limit: String
            var price: String
            var isFree: Bool
            var features: [String]
            var hasFeatures: Bool
            var isCurrent: Bool
            var isRecommended: Bool
            /// `Upgrade to Pro`
            var action: String
            var hasURL: Bool
            var url: String?
        }
    }
}
