import Foundation

/// The "today" guard (PRODUCT.md §7): when nothing but the data says what day it is, one record
/// dated a year ahead would silently move "Figures as of" — and the billing period, and every
/// figure — to that day. So when the newest record lies more than `maximumGap` days past every
/// other record, or after the building machine's clock, the build warns at that record (an
/// error with `--strict`).
///
/// The clock is read for this warning only, never for output: the site stays the same bytes
/// whatever day it is built on.
enum UsageDateGuard {
    /// Days the newest record may lie past the rest: a weekly export is normal.
    static let maximumGap = 7

    /// - Parameters:
    ///   - today: the building machine's UTC day.
    ///   - dataDirectory: the folder `displayDirectory` names, to quote the record's line.
    static func check(_ table: UsageTable, today: Day, dataDirectory: URL, displayDirectory: String,
                      diagnostics: inout Diagnostics) {
        guard let newest = table.newest else { return }
        var reasons: [String] = []
        if let runnerUp = table.runnerUp, runnerUp.distance(to: newest.day) > maximumGap {
            reasons.append("\(runnerUp.distance(to: newest.day)) days after every other record (the next is \(runnerUp))")
        }
        if newest.day > today { reasons.append("after today (\(today) UTC on this machine)") }
        guard !reasons.isEmpty else { return }
        let advice = "this record is dated \(newest.day), " + reasons.joined(separator: " and ") + "; the dashboard's date (\"Figures as " +
            "of\") and billing period would move to \(newest.day). "
            + "Fix the date, or say which day it is with as_of: in site.yaml, --as-of or SOURCE_DATE_EPOCH"
        diagnostics.warn(.usageAfterToday(advice), at: newest.location,
            sourceLine: line(of: newest.location, dataDirectory: dataDirectory, displayDirectory: displayDirectory))
    }

    /// The record's line, read again from its file (once per build, only when warning).
    private static func line(of location: SourceLocation, dataDirectory: URL, displayDirectory: String) -> String? {
        guard let number = location.line, location.path.hasPrefix(displayDirectory + "/") else { return nil }
        let relative = String(location.path.dropFirst(displayDirectory.count + 1))
        guard let data = try? Data(contentsOf: dataDirectory.appendingPathComponent(relative), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> String? in
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let bytes = raw.starts(with: bom) ? UnsafeRawBufferPointer(rebasing: raw[3...]) : raw
            var source = SourceBytes(displayPath: location.path, bytes: bytes)
            return source.text(ofLine: number)
        }
    }
}
