import Foundation

/// Fails the build when a complete API key sits anywhere in `Content/`: everything there gets
/// published, and a key on GitHub Pages is a leaked key.
///
/// Two kinds of key are recognised (PRODUCT.md §2), by `KeyFinder`: a body and its valid
/// CRC-32 checksum (the key format of §6) anywhere in a run of characters, whatever its prefix
/// or what is glued to it; and a provisioned key's `start` followed by its `end`.
/// Each file is read twice: as it is, and as the languages that will read it decode it
/// (`MarkupDecoder` for HTML in Markdown, `EscapeDecoder` for YAML, JSON and URL escapes), so
/// `sk_\x4B…`, `&#75;…` and `HALF1<!-- -->HALF2` are found at their line too. File and folder
/// names are scanned as well. What the build finally writes is scanned again by
/// `OutputSecretScan`: no encoding a later stage undoes hides a key from both.
///
/// Lookalikes that fail the checksum (`sk_createNullaryContinuationJob`) pass: a scanner that
/// cries wolf gets switched off. Messages never print the secret, nor its encoding, only its
/// masked form, because build logs are often public.
public struct SecretScanner: Sendable {
    let provisioned: ProvisionedKeys
    /// The provisioned keys' visible parts, which decide what this scanner finds: a file
    /// scanned clean stays clean while these stay the same (`forge serve`'s cache).
    let keysFingerprint: [String]

    public init(keys: [APIKey]) {
        provisioned = keys.isEmpty ? .none : ProvisionedKeys(keys)
        keysFingerprint = keys.map { $0.start + "\u{0}" + $0.end }.sorted()
    }

    /// Scans every regular file under `directory` (dot-folders such as `.git` excluded), names
    /// and contents, on every core, reporting in path order.
    public func scan(directory: URL, displayDirectory: String, diagnostics: inout Diagnostics) {
        let found = FileTree.regularFiles(under: directory).concurrentMap { file -> (names: [NameFinding], contents: Diagnostics) in
            let name = Array(file.path.utf8)
            let nameFindings = findings(inName: name)
            let maskedPath = SecretScanner.masking(name, nameFindings, in: 0..<name.count)
            var contents = Diagnostics()
            // Read, not mapped: the bytes are copied out either way, and unmapping a thousand
            // small files from two threads cost more than reading them.
            if case .success(let bytes) = SafePath.read(file.url.path) {
                scan(bytes: bytes, displayPath: displayDirectory + "/" + maskedPath, diagnostics: &contents)
            }
            // The file or folder whose name holds the key: reported once, however many files it has.
            let names = nameFindings.map { finding in
                let end = name[finding.range.upperBound...].firstIndex(of: UInt8(ascii: "/")) ?? name.count
                return NameFinding(path: displayDirectory + "/" + SecretScanner.masking(name, nameFindings, in: 0..<end),
                    masked: finding.masked)
            }
            return (names, contents)
        }
        var reported: Set<NameFinding> = []
        for (names, contents) in found {
            for finding in names where reported.insert(finding).inserted {
                diagnostics.report(.secret("the name of this file or folder holds a complete API key (\(finding.masked)), and it would " +
                    "be published: rename it, then revoke the key and create a new one"),
                                   at: SourceLocation(path: finding.path))
            }
            diagnostics.merge(contents)
        }
    }

    /// A key in a file or folder name: the name's path, masked, and the key as shown.
    private struct NameFinding: Hashable, Sendable {
        var path: String
        var masked: String
    }

    /// Reports every complete key in `bytes`, at its line and column.
    public func scan(bytes: [UInt8], displayPath: String, diagnostics: inout Diagnostics) {
        let found = findings(in: bytes)
        guard !found.isEmpty else { return }
        var line = 1
        var column = 1
        var lineStart = 0
        var cursor = 0
        for (index, finding) in found.enumerated() {
            while cursor < finding.range.lowerBound {
                if bytes[cursor] == 0x0A {
                    line += 1
                    column = 1
                    lineStart = cursor + 1
                } else if bytes[cursor] & 0xC0 != 0x80 {
                    column += 1
                }
                cursor += 1
            }
            // Quoted like `SourceBytes` quotes a line: not past a thousand bytes, and only while
            // the problems are still kept.
            var sourceLine: String?
            if diagnostics.items.count < Diagnostics.limit {
                let limit = min(bytes.count, lineStart + SourceBytes.maximumExcerptBytes + 2)
                var lineEnd = bytes[lineStart..<limit].firstIndex(of: 0x0A) ?? limit
                if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd - lineStart <= SourceBytes.maximumExcerptBytes {
                    sourceLine = SecretScanner.masking(bytes, found[SecretScanner.firstOverlapping(lineStart, in: found, before: index)...],
                                                       in: lineStart..<lineEnd)
                }
            }
            diagnostics.report(.secret("a complete API key (\(finding.masked)) is in the content, and everything in Content/ gets " +
                "published: remove it, then revoke the key and create a new one"),
                               at: SourceLocation(path: displayPath, line: line, column: column),
                               sourceLine: sourceLine)
        }
    }

    /// The first of `findings` (sorted) that ends after `offset`, looking back from `index`.
    static func firstOverlapping(_ offset: Int, in findings: [Finding], before index: Int) -> Int {
        var first = index
        while first > 0, findings[first - 1].range.upperBound > offset { first -= 1 }
        return first
    }

    /// `text` with every key in it masked: for messages that quote content.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let found = findings(in: bytes)
        return found.isEmpty ? text : SecretScanner.masking(bytes, found, in: 0..<bytes.count)
    }

    // MARK: - Views

    typealias Finding = KeyFinder.Finding

    var finder: KeyFinder { KeyFinder(provisioned: provisioned) }

    /// The keys of a source file: as written, and as YAML, JSON, Markdown and HTML decode it.
    func findings(in bytes: [UInt8]) -> [Finding] {
        var shown = MarkupDecoder(text: SecretView(capacity: bytes.count), attributes: SecretDrain(), isMarkdown: true)
        shown.decode(bytes)
        var unescaped = EscapeDecoder(SecretView(capacity: shown.text.bytes.count))
        unescaped.decode(shown.text.bytes)
        return SecretScanner.merge([finder.findings(in: bytes), findings(in: shown.text),
                                    findings(in: unescaped.next, through: [shown.text])])
    }

    /// The keys of a path: as written and percent-decoded.
    func findings(inName bytes: [UInt8]) -> [Finding] {
        var decoded = EscapeDecoder(SecretView(capacity: bytes.count))
        decoded.decode(bytes)
        return SecretScanner.merge([finder.findings(in: bytes), findings(in: decoded.next)])
    }

    /// The keys of a view, at the spans of its input they came from (through `outer` views,
    /// innermost first, when the view's input was itself a view). Only the runs a view joined
    /// are read: the rest lie whole in its input, which must be scanned too.
    func findings(in view: SecretView, through outer: [SecretView] = []) -> [Finding] {
        finder.findings(in: view.bytes, joinedAt: view.joins).map { finding in
            var range = view.inputSpan(of: finding.range)
            for base in outer { range = base.inputSpan(of: range) }
            return Finding(range: range, masked: finding.masked)
        }
    }

    /// The findings of several views in input order, each key once (the first view's, where two
    /// views found one key).
    static func merge(_ views: [[Finding]]) -> [Finding] {
        let all = views.joined().sorted {
            $0.range.lowerBound == $1.range.lowerBound
                ? $0.range.upperBound > $1.range.upperBound : $0.range.lowerBound < $1.range.lowerBound
        }
        var kept: [Finding] = []
        for finding in all where kept.last.map({ finding.range.lowerBound >= $0.range.upperBound }) ?? true {
            kept.append(finding)
        }
        return kept
    }

    /// The text of `range`, every finding that overlaps it replaced by its masked form (or by
    /// `…` where a finding began before the range): a secret is never shown, not even in part.
    static func masking(_ bytes: [UInt8], _ findings: some Collection<Finding>, in range: Range<Int>) -> String {
        var text = ""
        var cursor = range.lowerBound
        for finding in findings where finding.range.upperBound > range.lowerBound {
            if finding.range.lowerBound >= range.upperBound { break }
            if finding.range.lowerBound > cursor { text += String(decoding: bytes[cursor..<finding.range.lowerBound], as: UTF8.self) }
            text += finding.range.lowerBound >= range.lowerBound ? finding.masked : "…"
            cursor = max(cursor, min(finding.range.upperBound, range.upperBound))
        }
        if cursor < range.upperBound { text += String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self) }
        return text
    }
}
