/// One page of the documentation: a Markdown file below `Content/docs/`, rendered.
public struct Doc: Sendable {
    /// Below the docs folder, with `/`: `guides/intro.md`.
    public var sourcePath: String
    /// As messages name it: `Content/docs/guides/intro.md`.
    public var displayPath: String
    /// In the output: `docs/guides/intro.html` (`index.md` gives its folder's `index.html`).
    public var outputPath: String
    /// The front matter's title, else the first heading, else the file name.
    public var title: String
    public var description: String?
    public var weight: Int?
    public var isDraft: Bool
    public var content: RenderedMarkdown
    /// The folder below the docs folder: `guides`, or `""` at the top.
    public let folder: String
    /// `index.md` is its folder's own page.
    public let isIndex: Bool
    /// This doc's words for the search index, counted when it was loaded (from the fields
    /// above, which nothing changes after).
    var searchWords: SearchIndex.PageWords?

    public init(sourcePath: String, displayPath: String, title: String, description: String? = nil,
                weight: Int? = nil, isDraft: Bool = false, content: RenderedMarkdown) {
        self.sourcePath = sourcePath
        self.displayPath = displayPath
        self.outputPath = Doc.outputPath(for: sourcePath)
        self.title = title
        self.description = description
        self.weight = weight
        self.isDraft = isDraft
        self.content = content
        self.folder = DocPath.folder(of: sourcePath)
        self.isIndex = DocPath.fileName(of: sourcePath) == "index.md"
    }

    /// `guides/intro.md` → `docs/guides/intro.html`.
    public static func outputPath(for sourcePath: String) -> String {
        "docs/" + sourcePath.dropLast(3) + ".html"
    }

    /// The title from the front matter, else the first heading, else the file name.
    static func title(frontMatter: FrontMatter, content: RenderedMarkdown, sourcePath: String) -> String {
        if let title = frontMatter.title { return title }
        if let heading = content.firstHeading?.text.trimmingWhitespace(), !heading.isEmpty { return heading }
        let name = DocPath.fileName(of: sourcePath).dropLast(3)
        if name == "index" {
            let folder = DocPath.folder(of: sourcePath)
            return folder.isEmpty ? "Documentation" : DocPath.humanize(DocPath.fileName(of: folder))
        }
        return DocPath.humanize(String(name))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
