/// The context of `_partials/usage-period.mustache`: one billing period grouped one way, made
/// by `UsagePresenter.viewContext`. Money is text already rounded and written in the site's
/// locale; `…Exact` is the exact amount, for a `title`, when rounding changed it.
struct UsageViewContext: TemplateContext {
    /// The period's start, `2026-11-01`.
    var id: String
    /// `service`, `model` or `key`, and how the page names it.
    var grouping: String
    var groupTitle: String
    var groupName: String
    var isCurrent: Bool
    var period: Period
    var spend: String
    var spendExact: String?
    var requests: String
    var tokens: String
    var records: String
    var hasUsage: Bool
    var change: Change
    var hasPlans: Bool
    var hundredPercent: String

    // The plan's limit against the spend; the figures are nil without a limit.
    var hasPlan: Bool
    var planName: String?
    var hasLimit: Bool
    var limit: String?
    /// `ok`, `warning` or `exceeded`, and one flag per state for the templates.
    var status: String?
    var statusOK: Bool?
    var statusWarning: Bool?
    var statusExceeded: Bool?
    var hasPercent: Bool?
    var percent: String?
    /// The `<progress>` value, 0-100 (it clamps at its max; `statusText` says how far over).
    var progressValue: String?
    var statusText: String?
    var remaining: String?
    var thresholds: String?

    // The current period's projection (nil figures otherwise).
    var hasProjection: Bool
    var projection: String?
    var dailyRate: String?
    var projectionOverLimit: Bool?
    var limitReachedDay: String?

    /// Records dated after "today", which no period counts (current period only).
    var hasLaterRecords: Bool
    var laterRecords: String?
    /// The dashboard's date.
    var asOf: String?

    var breakdown: Breakdown
    var daily: Daily
    var keys: Keys

    struct Period: Encodable {
        var start: String
        var lastDay: String
        /// The day the next period starts.
        var end: String
        var through: String
        var label: String
        var length: Int
        var lengthText: String
        // The current period only.
        var daysElapsed: Int?
        var daysLeft: Int?
        var daysLeftText: String?
        var dayOfPeriod: String?
    }

    /// Against the period before, like for like.
    struct Change: Encodable {
        var headline: String
        var detail: String
        /// `up`, `down`, `same` or `none`.
        var direction: String
    }

    /// The donut and its table.
    struct Breakdown: Encodable {
        var hasRows: Bool
        var rows: [Row]
        var total: String
        var totalExact: String?
        var totalRequests: String
        /// SVG, inlined unescaped: made by `UsageCharts`.
        var chart: String
        var patterns: String
        var hasOther: Bool
        var otherCount: String
        var range: String

        struct Row: Encodable {
            var name: String
            /// The line of records without a model or key.
            var isNone: Bool
            var spend: String
            var exact: String?
            var share: String
            var requests: String
            /// SVG, inlined unescaped.
            var swatch: String
        }
    }

    /// The stacked daily bars and their table.
    struct Daily: Encodable {
        var hasChart: Bool
        var chart: String
        var axis: [AxisLabel]
        var axisTitle: String
        var summary: String
        var first: String
        var last: String
        var rows: [Row]
        var total: String
        var totalExact: String?
        var highest: String?
        var hasPace: Bool
        /// The even pace for the limit, per day.
        var pace: String?

        struct AxisLabel: Encodable {
            var label: String
        }

        struct Row: Encodable {
            var day: String
            var spend: String
            var exact: String?
        }
    }

    /// Spend by key, with each key's own budget.
    struct Keys: Encodable {
        var hasRows: Bool
        var rows: [Row]
        var hasBudgets: Bool
        var title: String
        var total: String
        var totalRequests: String

        struct Row: Encodable {
            var name: String
            var isNoKey: Bool
            var spend: String
            var exact: String?
            var share: String
            var requests: String
            var budget: Budget?
        }
    }

    /// A key's `monthly_limit` against its spend: the bar and its words.
    struct Budget: Encodable {
        var limit: String
        var status: String
        var value: String
        var text: String
        var label: String
    }
}
