/// The YAML block at the top of a Markdown doc, between two `---` lines:
///
///     ---
///     title: Authentication        # else (or when empty) the first heading, else the file name
///     description: Create, store and rotate API keys.
///     weight: 20                   # ordering among its siblings (lower first)
///     draft: true                  # skipped unless --drafts
///     ---
///
/// Any other key is an error, reported at its line and column in the `.md` file.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var weight: Int?
    public var draft: Bool

    public init(title: String? = nil, description: String? = nil, weight: Int? = nil, draft: Bool = false) {
        self.title = title
        self.description = description
        self.weight = weight
        self.draft = draft
    }

    /// A doc split into front matter and Markdown body.
    public struct Split: Sendable {
        public var frontMatter: FrontMatter
        /// The Markdown after the closing `---` (the whole text when there is no front matter).
        public var body: Substring
        /// The file's line number of the body's first line, to report body positions in the file.
        public var bodyFirstLine: Int
    }

    static let keys = ["title", "description", "weight", "draft"]
    static let weightRange = -1_000_000...1_000_000

    /// Splits `source` and reads its front matter, reporting every problem in `diagnostics`.
    /// A file that does not start with a `---` line has no front matter.
    public static func split(_ source: SourceText, diagnostics: inout Diagnostics) -> Split {
        let text = source.text
        let utf8 = text.utf8
        guard let opening = delimiterLine(in: utf8, from: utf8.startIndex, marker: UInt8(ascii: "-")) else {
            return Split(frontMatter: FrontMatter(), body: text[...], bodyFirstLine: 1)
        }
        // Find the closing `---` (or YAML's `...`) line.
        var lineStart = opening
        var line = 2
        var closing: (start: String.Index, next: String.Index)?
        while lineStart < utf8.endIndex {
            if let end = delimiterLine(in: utf8, from: lineStart, marker: UInt8(ascii: "-"))
                ?? delimiterLine(in: utf8, from: lineStart, marker: UInt8(ascii: ".")) {
                closing = (lineStart, end)
                break
            }
            lineStart = utf8[lineStart...].firstIndex(of: 0x0A).map { utf8.index(after: $0) } ?? utf8.endIndex
            line += 1
        }
        guard let closing else {
            diagnostics.report(source.error(
                .syntax("the front matter opened by \"---\" on line 1 is never closed: end it with a line \"---\""),
                line: 1, column: 1))
            return Split(frontMatter: FrontMatter(), body: text[text.endIndex...], bodyFirstLine: line)
        }
        // The opening line becomes an empty line, so YAML's line numbers are the file's.
        let yaml = SourceText(displayPath: source.displayPath, text: "\n" + text[opening..<closing.start])
        let frontMatter = read(yaml, diagnostics: &diagnostics)
        return Split(frontMatter: frontMatter, body: text[closing.next...], bodyFirstLine: line + 1)
    }

    static func read(_ yaml: SourceText, diagnostics: inout Diagnostics) -> FrontMatter {
        guard let root = YAMLDocument.parse(yaml, diagnostics: &diagnostics)?.root else { return FrontMatter() }
        return NodeReader.read(root, field: "", source: yaml, diagnostics: &diagnostics) { reader, diagnostics in
            var frontMatter = FrontMatter()
            frontMatter.title = reader.string("title", diagnostics: &diagnostics)
            // `title: ""` (scaffolds write it) means no title: the first heading or file name.
            if let title = frontMatter.title, title.allSatisfy(\.isWhitespace) { frontMatter.title = nil }
            frontMatter.description = reader.string("description", diagnostics: &diagnostics)
            frontMatter.weight = reader.int("weight", in: weightRange, diagnostics: &diagnostics)
            frontMatter.draft = reader.bool("draft", diagnostics: &diagnostics) ?? false
            return frontMatter
        } ?? FrontMatter()
    }

    /// When the line at `start` is three `marker`s and optional trailing blanks, the index after
    /// its line break.
    private static func delimiterLine(in utf8: String.UTF8View, from start: String.Index, marker: UInt8) -> String.Index? {
        var index = start
        for _ in 0..<3 {
            guard index < utf8.endIndex, utf8[index] == marker else { return nil }
            index = utf8.index(after: index)
        }
        while index < utf8.endIndex {
            switch utf8[index] {
            case 0x20, 0x09, 0x0D:
                index = utf8.index(after: index)
            case 0x0A:
                return utf8.index(after: index)
            default:
                return nil
            }
        }
        return index
    }
}
