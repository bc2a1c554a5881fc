/// What `doc.mustache` (one doc) and `docs-index.mustache` (a generated listing) add to the page
/// frame, made by `DocsRenderer`. Every URL is relative to the page.
struct DocContext: Encodable {
    var docs: DocsValues
    var doc: DocValues

    /// What every docs page has: the search index and the folder's navigation.
    struct DocsValues: Encodable {
        /// The search manifest's path from the site root (`_partials/docs-search`).
        var searchIndex: String
        /// `_partials/docs-nav`, rendered once per folder, the page's own link marked
        /// `aria-current` (HTML, unescaped on purpose); "" until the page is rendered.
        var navHTML: String
    }

    struct DocValues: Encodable {
        var title: String
        var isDraft: Bool
        /// HTML rendered from the Markdown, unescaped on purpose.
        var content: String
        var description: String?
        /// The Markdown's own leading h1 (with its markup and id): the page's heading; else the title.
        var titleHTML: String?
        var titleID: String?
        var hasToc: Bool
        var toc: [TocEntry]
        var hasBreadcrumbs: Bool
        var breadcrumbs: [Link]
        var prev: Link?
        var next: Link?
        var hasPager: Bool
        /// A folder's own page (index.md) lists the folder's entries.
        var hasListing: Bool
        var listing: [ListingItem]
    }

    /// A level 2 heading with the level 3 headings under it (`_partials/toc`).
    struct TocEntry: Encodable {
        var id: String
        var text: String
        var children: [TocEntry]
        var hasChildren: Bool
    }

    struct Link: Encodable {
        var title: String
        var url: String
    }

    /// A doc or a section in a listing. `description` is "" when there is none: Mustache looks a
    /// missing one up in the enclosing contexts.
    struct ListingItem: Encodable {
        var title: String
        var url: String
        var isSection: Bool
        var description: String
        var hasDescription: Bool
    }
}

/// What `docs-index.mustache` (a folder without `index.md`) adds to the page frame.
struct DocListingContext: Encodable {
    var docs: DocContext.DocsValues
    var listing: ListingValues

    struct ListingValues: Encodable {
        var title: String
        var count: Int
        var isSingular: Bool
        var groups: [Group]
        var hasBreadcrumbs: Bool
        var breadcrumbs: [DocContext.Link]
    }

    /// The folder's own docs (no heading), then each subfolder's under its heading.
    struct Group: Encodable {
        var heading: DocContext.Link?
        var hasPages: Bool
        var pages: [DocContext.ListingItem]
    }
}

/// The context of `_partials/docs-nav`, made by `DocsNavigation` once per folder and block.
struct DocsNavContext: TemplateContext {
    var root: String
    var docs: Values

    struct Values: Encodable {
        var home: String
        var homeTitle: String
        /// The API reference; nil without one.
        var api: DocContext.Link?
        /// The top level; nil on nested pages when it has more than one block of entries.
        var top: List?
        /// The current folder's entries; nil at the top.
        var section: List?
    }

    /// One block of a list of entries, with how many come before and after it.
    struct List: Encodable {
        /// The section's title and page (nil for the top level).
        var title: String?
        var url: String?
        var items: [Item]
        /// The full listing, for the "N more" links.
        var moreURL: String
        var hiddenBefore: Int?
        var hiddenAfter: Int?
    }

    struct Item: Encodable {
        var title: String
        var url: String
        var isSection: Bool
        /// The entry is a section that holds the page.
        var open: Bool
    }
}
