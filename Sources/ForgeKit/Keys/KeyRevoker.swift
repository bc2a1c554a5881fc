import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `forge keys revoke ID`: marks a key revoked in the file that holds it — `keys.yaml` or its
/// key file — by editing only its `status` line (`StatusLineEdit`).
///
/// Before the file is replaced, the edited text is read back as the loader reads it: it must
/// give the same keys with only this one revoked, or nothing is written. The new file is
/// written beside the old, flushed, and renamed over it (with the old file's permissions), so a
/// reader sees the old file or the new one; a file that changed since it was read is not replaced.
public struct KeyRevoker: Sendable {
    public enum Outcome: Sendable, Hashable {
        /// Where the `status` line now is.
        case revoked(SourceLocation)
        /// Nothing changed: the key was revoked at the source already (where it is defined).
        case alreadyRevoked(SourceLocation)
    }

    let site: SiteKeys

    public init(site: SiteKeys) {
        self.site = site
    }

    public func revoke(id: String) throws(KeysError) -> Outcome {
        guard let key = site.keys.first(where: { $0.id == id }) else {
            let ids = site.keys.map(\.id).sorted()
            throw KeysError(.unknownKey(id: id, suggestion: NodeReader.closest(to: id, in: ids), known: ids.count))
        }
        if key.status == .revoked { return .alreadyRevoked(key.location) }
        let display = key.location.path
        guard let url = site.url(ofDisplayPath: display), let path = SafePath.real(url.path),
              SafePath.isInside(path, SafePath.boundary(site.contentDirectory)) else {
            throw KeysError(.io("it is not a file inside \(site.displayDirectory)/"), path: display)
        }
        let original = try read(path, display: display)
        let isList = site.isKeysList(display)
        guard let parsed = parse(original, display: display, isList: isList),
              let mapping = mapping(of: id, in: parsed.root, isList: isList) else {
            throw KeysError(.io("it changed since it was read (its key \(id) is not where it was)"), path: display)
        }
        let edit = try StatusLineEdit.make(bytes: original, mapping: mapping, display: display)
        let edited = edit.applied(to: original)
        var expected = parsed.keys
        for index in expected.indices where expected[index].id == id { expected[index].status = .revoked }
        guard let reread = parse(edited, display: display, isList: isList), reread.clean,
              reread.keys.map(KeyRevoker.withoutLocation) == expected.map(KeyRevoker.withoutLocation) else {
            throw KeysError(.cannotEdit("\(display):\(mapping.line):\(mapping.column): the key's entry is written in a form that forge "
                + "keys revoke cannot edit without changing something else; add status: revoked to it by hand"))
        }
        try replace(path, original: original, with: edited, display: display)
        return .revoked(SourceLocation(path: display, line: edit.line, column: edit.column))
    }

    /// The keys of a file's bytes, as the loader reads them (`clean`: without any error).
    private func parse(_ bytes: [UInt8], display: String, isList: Bool) -> (root: YAMLNode, keys: [APIKey], clean: Bool)? {
        var diagnostics = Diagnostics()
        guard case .success(let source) = SourceText.decode(bytes, displayPath: display),
              let root = YAMLDocument.parse(source, diagnostics: &diagnostics)?.root else { return nil }
        var context = KeysLoader.Context(siteScopes: site.config.scopes)
        let keys: [APIKey]
        if isList {
            keys = KeysLoader.read(root, source: source, context: &context, diagnostics: &diagnostics)
        } else {
            let name = (display as NSString).lastPathComponent
            keys = KeyFilesLoader.read(root, source: source, fileName: name, context: &context,
                diagnostics: &diagnostics).map { [$0] } ?? []
        }
        return (root, keys, !diagnostics.hasErrors)
    }

    /// The mapping of the key `id`: the file's top level, or the item of `keys:` whose `id` it is.
    private func mapping(of id: String, in root: YAMLNode, isList: Bool) -> YAMLNode? {
        guard isList else { return root }
        guard case .mapping(let top) = root.content, let list = top.first(where: { $0.key.string == "keys" })?.value,
              case .sequence(let items) = list.content else { return nil }
        return items.first { item in
            guard case .mapping(let pairs) = item.content else { return false }
            return pairs.contains { $0.key.string == "id" && $0.value.string == id }
        }
    }

    private static func withoutLocation(_ key: APIKey) -> APIKey {
        var key = key
        key.location = SourceLocation(path: "")
        return key
    }

    private func read(_ path: String, display: String) throws(KeysError) -> [UInt8] {
        switch SafePath.read(path, limit: YAMLLimits.maximumFileBytes) {
        case .success(let bytes): return bytes
        case .failure(let failure): throw KeysError(.io(ContentError(failure.reason, at: SourceLocation(path: display)).message),
            path: display)
        }
    }

    /// Writes `edited` beside `path` and renames it over, unless the file changed meanwhile.
    private func replace(_ path: String, original: [UInt8], with edited: [UInt8], display: String) throws(KeysError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = folder + "/.\(name).forge-edit-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let mode = SafePath.status(path, followingLinks: true).map { $0.st_mode & 0o7777 } ?? 0o644
        if let why = KeyFileWriter.writeNew(temporary, bytes: edited, mode: mode) {
            unlink(temporary)
            throw KeysError(.io(why), path: display)
        }
        chmod(temporary, mode)  // the umask may have narrowed it
        guard case .success(let now) = SafePath.read(path, limit: YAMLLimits.maximumFileBytes), now == original else {
            unlink(temporary)
            throw KeysError(.io("it changed while forge was editing it; run forge keys revoke again"), path: display)
        }
        guard rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw KeysError(.io(why), path: display)
        }
    }
}
