import Foundation

/// Reads `usage.yaml` (or `.yml`, or `.json`: libyaml parses JSON too) from libyaml's events.
///
/// Yams' `Node` tree and `Decodable` are far too slow for a usage export (measured: 3.4 s per
/// 100k records, against 0.18 s for libyaml's events alone), so this reader walks the events and
/// checks each value as it passes, with the same messages as `NodeReader`. See `YAMLUsageWalker`.
public struct YAMLUsageReader: UsageReader {
    public init() {}

    public func read(_ data: Data, displayPath: String, context: UsageReadContext, diagnostics: inout Diagnostics) -> UsageTable {
        withContentBytes(of: data) { bytes in
            var walker = YAMLUsageWalker(bytes: bytes, displayPath: displayPath, context: context)
            return walker.read(diagnostics: &diagnostics)
        }
    }
}
