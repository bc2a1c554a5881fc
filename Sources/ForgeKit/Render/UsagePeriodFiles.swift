import Crypto

/// Every billing period's views as classic-script data files, loaded by the Usage dialog when a
/// period or grouping is chosen: the page itself carries only the current period by service, so
/// it stays light however many months of data there are.
///
/// `fetch()` is blocked on `file://`, so each file registers itself:
///
///     (window.ForgeUsageViews=window.ForgeUsageViews||[]).push({"period":"2026-10-01","views":{
///     "service":[…],"model":[…],"key":[…]}});
///
/// Each view is `_partials/usage-period.mustache` rendered with that period and grouping, as a
/// `UsageViewTree`. Files are named `data/usage-period-2026-10-01.<10 hex of SHA-256>.js`, so a
/// rebuild with other data never serves a stale file from a cache.
enum UsagePeriodFiles {
    /// Files are `prefix + name + ".js"`.
    static let prefix = "data/usage-period-"
    static let template = "_partials/usage-period"
}

extension UsagePresenter {
    /// Renders every period's views with `theme`, remembers their names (for `pageData`) and
    /// returns the files.
    public mutating func renderPeriodFiles(with theme: Theme) throws(TemplateError) -> [OutputFile] {
        guard theme.hasLayout(UsagePeriodFiles.template) else { return [] }
        // Each period on its own core (a year of them is most of a dashboard's rendering).
        let presenter = self
        let rendered = summary.periods.concurrentMap { period -> Result<(start: String, bytes: [UInt8]), TemplateError> in
            do throws(TemplateError) {
                return .success(try presenter.periodFile(period, theme: theme))
            } catch {
                return .failure(error)
            }
        }
        var files: [OutputFile] = []
        var names: [String: String] = [:]
        for file in try DocsRenderer.collect(rendered) {
            let hash = SHA256.hash(data: file.bytes).prefix(5).map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
            }.joined()
            let name = "\(file.start).\(hash)"
            names[file.start] = name
            files.append(OutputFile(path: UsagePeriodFiles.prefix + name + ".js", bytes: file.bytes))
        }
        periodFileNames = names
        return files
    }

    /// One period's views, as the file's bytes.
    private func periodFile(_ period: UsagePeriod, theme: Theme) throws(TemplateError) -> (start: String, bytes: [UInt8]) {
        let start = period.period.start.description
        var text = "(window.ForgeUsageViews=window.ForgeUsageViews||[]).push({\"period\":\"\(start)\",\"views\":{"
        for (index, grouping) in groupings.enumerated() {
            let html = try theme.render(UsagePeriodFiles.template, context: viewContext(period, grouping: grouping))
            let tree: String
            do {
                tree = try UsageViewTree.json(fromHTML: html)
            } catch {
                let excerpt = String(decoding: Array(html.utf8).dropFirst(max(0, error.offset - 40)).prefix(80), as: UTF8.self)
                throw TemplateError(.syntax("the period view must be well-formed HTML of charts and tables: \(error.message), near " +
                    "\"\(excerpt)\""),
                                    at: SourceLocation(path: "layouts/\(UsagePeriodFiles.template).mustache"))
            }
            text += (index == 0 ? "\n" : ",\n") + "\"\(grouping.rawValue)\":" + tree
        }
        text += "}});\n"
        return (start, Array(text.utf8))
    }
}
