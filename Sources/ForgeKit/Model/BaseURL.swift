/// Where the site is published: `/`, `/repo/` or `https://org.github.io/repo/`.
///
/// Links in the output are always relative (they must work from `file://` too); the base URL
/// is used only where an absolute address is required: the sitemap and canonical links.
public struct BaseURL: Hashable, Sendable, CustomStringConvertible {
    /// Normalised to end with `/`.
    public let value: String

    public static let root = BaseURL(validated: "/")

    private init(validated: String) {
        self.value = validated
    }

    /// nil when `text` is neither an absolute path nor an http(s) URL.
    public init?(_ text: String) {
        var text = text.trimmingCharacters(in: .whitespaces)
        if !text.hasSuffix("/") { text += "/" }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            let rest = text.drop(while: { $0 != ":" }).dropFirst(3)
            guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty else { return nil }
        } else if !text.hasPrefix("/") || text.hasPrefix("//") {
            return nil
        }
        guard !text.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" }) else { return nil }
        self.value = text
    }

    /// True for `https://…` bases, the only ones a sitemap can be written for.
    public var isAbsolute: Bool {
        value.lowercased().hasPrefix("https://") || value.lowercased().hasPrefix("http://")
    }

    /// The absolute URL of an output path such as `docs/errors.html`, when the base is absolute.
    public func absoluteURL(for outputPath: String) -> String? {
        isAbsolute ? value + outputPath : nil
    }

    public var description: String { value }
}

import Foundation
