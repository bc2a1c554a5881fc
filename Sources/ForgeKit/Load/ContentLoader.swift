import Foundation

/// Reads `Content/`'s data files into a `Site`, collecting every problem on the way.
public enum ContentLoader {
    public struct Options: Sendable {
        public var contentDirectory: URL
        /// How the content folder is named in messages (`Content`).
        public var displayDirectory: String
        /// `--as-of`, which wins over everything.
        public var asOf: Day?
        /// `SOURCE_DATE_EPOCH` as found in the environment, if any.
        public var sourceDateEpoch: String?
        /// The building machine's UTC day, for the "today" guard only (`UsageDateGuard`); nil reads
        /// the clock. Never used for output.
        public var today: Day?

        public init(contentDirectory: URL, displayDirectory: String, asOf: Day? = nil, sourceDateEpoch: String? = nil, today: Day? = nil) {
            self.contentDirectory = contentDirectory
            self.displayDirectory = displayDirectory
            self.asOf = asOf
            self.sourceDateEpoch = sourceDateEpoch
            self.today = today
        }
    }

    /// The site, or nil when `site.yaml` itself is unusable. Problems are in `diagnostics`.
    /// `configRead` is called once site.yaml is read, before the data (a caller may start on
    /// what the config names while the data loads).
    public static func load(_ options: Options, diagnostics: inout Diagnostics,
                            configRead: (SiteConfig) -> Void = { _ in }) -> Site? {
        let root = options.displayDirectory
        guard FileManager.default.fileExists(atPath: options.contentDirectory.path) else {
            diagnostics.report(.missingFile("the content folder does not exist"), at: SourceLocation(path: root))
            return nil
        }
        // Links out of Content/ and FIFOs among the data files: stop before reading any of them.
        let unsafe = SafePath.dataFileProblems(contentDirectory: options.contentDirectory, displayDirectory: root)
        for problem in unsafe { diagnostics.report(problem.reason, at: SourceLocation(path: problem.displayPath)) }
        guard unsafe.isEmpty else { return nil }
        let config = SiteConfigLoader.load(contentDirectory: options.contentDirectory, displayDirectory: root, diagnostics: &diagnostics)
        if let config { configRead(config) }

        let data = options.contentDirectory.appendingPathComponent("data")
        let (keys, keyIDs) = KeysLoader.load(dataDirectory: data, displayDirectory: root + "/data", siteScopes: config?.scopes ?? [],
                                             diagnostics: &diagnostics)
        let scanner = SecretScanner(keys: keys)
        diagnostics.secretRedactor = scanner

        // The secret scan reads every file of Content/ again: run it beside the usage loader,
        // which is the other long read, and merge its findings after.
        let scan = BackgroundTask { () -> Diagnostics in
            var found = Diagnostics()
            scanner.scan(directory: options.contentDirectory, displayDirectory: root, diagnostics: &found)
            return found
        }
        let errorsBeforePlans = diagnostics.errorCount
        let plans = PlansLoader.load(dataDirectory: data, displayDirectory: root + "/data", diagnostics: &diagnostics)
        // A plans file that could not be read is the news; "no plan has that id" would not be.
        let plansAreKnown = diagnostics.errorCount == errorsBeforePlans
        let usage = UsageLoader.load(dataDirectory: data, displayDirectory: root + "/data",
                                     context: UsageReadContext(knownKeyIDs: keyIDs), diagnostics: &diagnostics)
        diagnostics.merge(scan.value)

        guard let config else { return nil }
        if let planID = config.plan, plansAreKnown, !plans.contains(where: { $0.id == planID }) {
            let known = plans.map(\.id)
            let hint = known.isEmpty ? "there is no data/plans.yaml with plans" : "known plans: " + known.joined(separator: ", ")
            diagnostics.report(.invalidValue(field: "plan", problem: "no plan in data/plans.yaml has the id \"\(planID)\" (\(hint))"),
                               at: config.planLocation ?? SourceLocation(path: root + "/site.yaml"))
        }

        var asOf = options.asOf ?? config.asOf
        if asOf == nil, let epoch = options.sourceDateEpoch {
            if let seconds = Int(epoch.trimmingCharacters(in: .whitespaces)) {
                asOf = Day(unixSeconds: seconds)
            } else {
                diagnostics.report(.environment("SOURCE_DATE_EPOCH must be a number of seconds, found \"\(epoch)\""),
                    at: SourceLocation(path: "SOURCE_DATE_EPOCH"))
            }
        }
        if asOf == nil { asOf = usage.latestDay }
        if options.asOf == nil, config.asOf == nil, options.sourceDateEpoch == nil, usage.newest != nil {
            let today = options.today ?? Day(unixSeconds: Int(Date().timeIntervalSince1970))
            UsageDateGuard.check(usage, today: today, dataDirectory: data, displayDirectory: root + "/data", diagnostics: &diagnostics)
        }

        return Site(config: config, keys: keys, plans: plans, usage: usage, asOf: asOf)
    }
}
