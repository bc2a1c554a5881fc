import Foundation
import Testing
@testable import ForgeKit

/// A site folder for the key file tests: `Content/site.yaml` plus the files given, loaded as the
/// `forge keys` commands load it.
struct KeysSite {
    let folder: TemporaryDirectory

    init(_ files: [String: String], site: String = "title: T\n") throws {
        folder = try TemporaryDirectory()
        try folder.write(files.merging(["Content/site.yaml": site]) { mine, _ in mine })
    }

    var content: URL { folder.url.appendingPathComponent("Content") }

    func load() -> (SiteKeys?, Diagnostics) {
        var diagnostics = Diagnostics()
        let site = SiteKeys.load(contentDirectory: content, displayDirectory: "Content", diagnostics: &diagnostics)
        return (site, diagnostics)
    }

    /// The site, or a failed test naming its problems.
    func loaded(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> SiteKeys {
        let (site, diagnostics) = load()
        #expect(messages(diagnostics) == [], sourceLocation: sourceLocation)
        return try #require(site, sourceLocation: sourceLocation)
    }

    func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.url.appendingPathComponent(path)))
    }

    /// A key file's text: the required fields, then `extra` lines.
    static func keyFile(_ id: String, start: String = "sk_Bbbb", end: String = "bbbb", _ extra: String = "") -> String {
        "id: \(id)\nname: Key \(id)\nstart: \(start)\nend: \(end)\ncreated: 2026-01-02\n" + extra
    }
}
