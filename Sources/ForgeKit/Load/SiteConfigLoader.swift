import Foundation

/// Reads `Content/site.yaml` (required).
enum SiteConfigLoader {
    static func load(contentDirectory: URL, displayDirectory: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let file = DataFile.find("site", in: contentDirectory, displayDirectory: displayDirectory, diagnostics: &diagnostics) else {
            diagnostics.report(.missingFile("site.yaml is missing: every site needs one with at least `title:`"),
                               at: SourceLocation(path: "\(displayDirectory)/site.yaml"))
            return nil
        }
        guard let document = DataFile.parse(file.url, displayPath: file.displayPath, diagnostics: &diagnostics) else { return nil }
        guard let root = document.root else {
            diagnostics.report(.missingKey(field: "", key: "title"), at: SourceLocation(path: file.displayPath, line: 1, column: 1))
            return nil
        }
        return read(root, source: document.source, diagnostics: &diagnostics)
    }

    static func read(_ root: YAMLNode, source: SourceText, diagnostics: inout Diagnostics) -> SiteConfig? {
        let errorsBefore = diagnostics.errorCount
        let config = NodeReader.read(root, field: "", source: source, diagnostics: &diagnostics) { reader, diagnostics -> SiteConfig? in
            read(&reader, source: source, diagnostics: &diagnostics)
        }
        guard let config, diagnostics.errorCount == errorsBefore else { return nil }
        return config
    }

    private static func read(_ reader: inout NodeReader, source: SourceText, diagnostics: inout Diagnostics) -> SiteConfig? {
        let title = reader.string("title", required: true, diagnostics: &diagnostics)
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty, let node = reader.value("title") {
            diagnostics.report(NodeReader.valueError(field: "title", problem: "must not be empty", node: node, source: source))
        }
        let organization = reader.string("organization", diagnostics: &diagnostics)

        var baseURL = BaseURL.root
        if let text = reader.string("base_url", diagnostics: &diagnostics), let node = reader.value("base_url") {
            switch BaseURL.parse(text) {
            case .success(let url): baseURL = url
            case .failure(let problem):
                diagnostics.report(NodeReader.valueError(field: "base_url", problem: "\"\(text)\" \(problem.description)", node: node,
                    source: source))
            }
        }

        var theme = "default"
        if let text = reader.string("theme", diagnostics: &diagnostics), let node = reader.value("theme") {
            if isSafeName(text) {
                theme = text
            } else {
                diagnostics.report(NodeReader.valueError(field: "theme",
                    problem: "\"\(text)\" must be a folder name under Themes/ (letters, digits, - and _)", node: node, source: source))
            }
        }

        let themeLocation = reader.value("theme").map { source.location(line: $0.line, column: $0.column) }

        var currency = Currency(code: "USD")
        if let code = reader.string("currency", diagnostics: &diagnostics), let node = reader.value("currency") {
            if Currency.isValidCode(code) {
                currency = Currency(code: code)
            } else {
                diagnostics.report(NodeReader.valueError(field: "currency",
                    problem: "\"\(code)\" is not an ISO 4217 code such as USD or EUR", node: node, source: source))
            }
        }

        let plan = reader.string("plan", diagnostics: &diagnostics)
        let planLocation = reader.value("plan").map { source.location(line: $0.line, column: $0.column) }
        let cycleDay = reader.int("billing_cycle_day", in: 1...28, diagnostics: &diagnostics) ?? 1

        var keyPrefix = "sk_"
        if let prefix = reader.string("key_prefix", diagnostics: &diagnostics), let node = reader.value("key_prefix") {
            if SiteConfig.isValidKeyPrefix(prefix) {
                keyPrefix = prefix
            } else {
                diagnostics.report(NodeReader.valueError(field: "key_prefix",
                    problem: "\"\(prefix)\" must be 1-16 characters of A-Z, a-z, 0-9 and _", node: node, source: source))
            }
        }
        let asOf = reader.day("as_of", diagnostics: &diagnostics)
        let repository = readRepositorySettings(&reader, source: source, diagnostics: &diagnostics)
        let (locale, lang) = readLocale(&reader, source: source, diagnostics: &diagnostics)

        guard let title else { return nil }
        var config = SiteConfig(title: title, organization: organization, baseURL: baseURL, theme: theme, currency: currency,
                                plan: plan, planLocation: planLocation, billingCycleDay: cycleDay, keyPrefix: keyPrefix, asOf: asOf)
        (config.repository, config.branch, config.scopes) = (repository.repository, repository.branch, repository.scopes)
        config.themeLocation = themeLocation
        config.locale = locale
        config.lang = lang
        return config
    }

    /// `locale:` (one of `FormatLocale.supported`, with a did-you-mean) and `lang:` (a BCP 47 tag).
    static func readLocale(_ reader: inout NodeReader, source: SourceText, diagnostics: inout Diagnostics) -> (FormatLocale, String?) {
        var locale = FormatLocale.enUS
        if let id = reader.string("locale", diagnostics: &diagnostics), let node = reader.value("locale") {
            if let known = FormatLocale.named(id) {
                locale = known
            } else {
                let ids = FormatLocale.supported.map(\.id)
                let folded = id.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: "-uk", with: "-gb")
                let hint = ids.first { $0.lowercased() == folded } ?? NodeReader.closest(to: id, in: ids)
                    ?? FormatLocale.supported.first { $0.language == folded }?.id
                diagnostics.report(NodeReader.valueError(field: "locale", problem: "\"\(id)\" is not a supported locale"
                    + (hint.map { " (did you mean \"\($0)\"?)" } ?? "") + "; supported: " + ids.joined(separator: ", "), node: node,
                        source: source))
            }
        }
        var lang: String?
        if let text = reader.string("lang", diagnostics: &diagnostics), let node = reader.value("lang") {
            if isLanguageTag(text) {
                lang = text
            } else {
                diagnostics.report(NodeReader.valueError(field: "lang",
                    problem: "\"\(text)\" must be a language tag such as en, de or pt-BR", node: node, source: source))
            }
        }
        return (locale, lang)
    }

    /// A BCP 47 tag as `<html lang>` takes it: a 2-3 letter language, then subtags of 1-8 letters
    /// or digits (`en`, `de-CH`, `zh-Hant-TW`).
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
              first.utf8.allSatisfy({ ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.utf8.count) && part.utf8.allSatisfy { KeyFormat.isBase62($0) }
        }
    }

    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            KeyFormat.isBase62($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}
