import Foundation

/// Reads one usage file into a `UsageTable`, reporting every problem with its line and column.
///
/// Usage files grow to a million records, so readers stream: they never build a tree or a
/// `String` of the whole file, and they fetch a source line only when they report an error.
/// A record with any problem is reported and left out; the build fails on any error anyway.
public protocol UsageReader: Sendable {
    /// Reads the file's bytes (a UTF-8 byte order mark is skipped).
    func read(_ data: Data, displayPath: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable
}

extension UsageReader {
    /// Reads `url`, mapped into memory rather than copied, so a large file costs little RSS.
    public func read(_ url: URL, displayPath: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            let why = (error as NSError).localizedFailureReason ?? error.localizedDescription
            diagnostics.report(.unreadable(why), at: SourceLocation(path: displayPath))
            return UsageTable()
        }
        return read(data, displayPath: displayPath, context: context, diagnostics: &diagnostics)
    }

    /// Runs `body` over the bytes after any UTF-8 byte order mark, as `SourceText` reads text,
    /// so that columns on the first line match what an editor shows.
    func withContentBytes<Result>(of data: Data, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        data.withUnsafeBytes { raw in
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            return body(raw.starts(with: bom) ? UnsafeRawBufferPointer(rebasing: raw[3...]) : raw)
        }
    }
}
