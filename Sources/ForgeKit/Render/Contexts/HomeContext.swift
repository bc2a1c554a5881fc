/// What `home.mustache` (the dashboard) adds to the page frame.
struct HomeContext: Encodable {
    /// The docs' top level for the Documentation cards (at most `HomePage.maximumDocLinks`).
    var docs: [DocLink]
    /// The API reference's entry page; nil without one.
    var api: Link?
    var keyCount: Int
    var activeKeyCount: Int
    /// "Today"; nil when the site has none (Mustache treats "" as true: "as of (UTC)").
    var asOf: String?
    var usage: UsageDialogContext
    /// The JSON blocks, `<` written as `\u003c`, inlined unescaped.
    var data: PageData

    struct DocLink: Encodable {
        var title: String
        var url: String
        /// nil when empty: Mustache treats "" as true and would write an empty `<p>`.
        var description: String?
    }

    struct Link: Encodable {
        var title: String
        var url: String
    }

    /// `forge-site`, `forge-keys` and `forge-usage`.
    struct PageData: Encodable {
        var site: String
        var keys: String
        var usage: String
    }
}
