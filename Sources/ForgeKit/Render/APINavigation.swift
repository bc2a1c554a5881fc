import Foundation

/// The navigation beside an API page: the APIs (when there are several), the current API's
/// tags, the current tag's operations (in blocks of `blockSize` around the page, like the docs
/// navigation, so a tag of 500 operations does not put 500 links on every page), and the
/// schema list. Never every schema: a spec may have thousands.
///
/// Rendered once per folder, tag and block (`Key`); each page then marks its own link.
struct APINavigation: Sendable {
    static let partial = "_partials/api-nav"
    static let blockSize = 50

    let references: [APIReference]
    let hasDocs: Bool

    struct Key: Hashable, Sendable {
        enum Folder: Hashable, Sendable { case api, overview, tags, operations, schemas }
        var reference: Int?
        var folder: Folder
        var tag: Int?
        var block: Int
    }

    func key(for page: APIReferenceRenderer.Page) -> Key {
        switch page {
        case .index: return Key(reference: nil, folder: .api, tag: nil, block: 0)
        case .overview(let r): return Key(reference: r, folder: .overview, tag: nil, block: 0)
        case .tag(let r, let t): return Key(reference: r, folder: .tags, tag: t, block: 0)
        case .operation(let r, let o):
            let operation = references[r].operations[o]
            let tag = operation.tags.first
            let position = tag.flatMap { references[r].tags[$0].operations.firstIndex(of: o) } ?? 0
            return Key(reference: r, folder: .operations, tag: tag, block: position / APINavigation.blockSize)
        case .schemas(let r), .schema(let r, _): return Key(reference: r, folder: .schemas, tag: nil, block: 0)
        }
    }

    /// The directory of the pages that show `key`'s navigation.
    func directory(of key: Key) -> String {
        guard let r = key.reference else { return "api" }
        let folder = references[r].folder
        switch key.folder {
        case .api: return "api"
        case .overview: return folder
        case .tags: return folder + "/tags"
        case .operations: return folder + "/operations"
        case .schemas: return folder + "/schemas"
        }
    }

    /// The context of `_partials/api-nav`; every URL relative to `directory(of: key)`.
    func context(for key: Key) -> APINavContext {
        let base = directory(of: key)
        func url(_ path: String) -> String { DocPath.relative(from: base, to: path) }
        let listsAPIs = references.count > 1 || key.reference == nil
        var nav = APINavContext.Navigation(
            home: url(APIReferenceRenderer.indexPath),
            homeTitle: APIReferenceRenderer.title,
            hasDocs: hasDocs,
            docs: url("docs/index.html"),
            hasAPIs: listsAPIs,
            apis: listsAPIs ? references.enumerated().map { index, reference in
                APINavContext.API(title: reference.spec.document.info.title, url: url(reference.overviewPath), open: index == key.reference)
            } : [])
        if let r = key.reference {
            let reference = references[r]
            let tags = reference.tags.enumerated().map { t, tag in
                var item = APINavContext.Tag(title: tag.name, url: url(reference.path(ofTag: t)), open: t == key.tag, operations: [],
                    hasOperations: false)
                if t == key.tag {
                    let start = min(key.block * APINavigation.blockSize, max(0, tag.operations.count - 1))
                    let end = min(tag.operations.count, start + APINavigation.blockSize)
                    item.operations = tag.operations[start..<end].map { o in
                        let operation = reference.operations[o]
                        return APIOperationLink(title: operation.title, method: operation.method,
                            methodClass: operation.method.lowercased(),
                                                url: url(reference.path(ofOperation: o)))
                    }
                    item.hasOperations = end > start
                    if start > 0 { item.hiddenBefore = start }
                    if end < tag.operations.count { item.hiddenAfter = tag.operations.count - end }
                }
                return item
            }
            nav.spec = APINavContext.Spec(title: reference.spec.document.info.title, url: url(reference.overviewPath), tags: tags,
                                          schemas: url(reference.schemasPath), schemaCount: reference.schemas.count,
                                          hasSchemas: !reference.schemas.isEmpty)
        }
        return APINavContext(api: nav)
    }
}
