import Foundation
import Testing
@testable import ForgeKit

/// Fixture sites under `Fixtures/<case>/` (Content/ and a small Themes/ of their own, so the
/// expected output stays small enough to review) are built into a temporary folder and compared
/// file by file with `Fixtures/<case>/expected/`.
///
/// A missing baseline is recorded when `RECORD_SNAPSHOTS=1` and the test still fails, so a new
/// baseline is always looked at before it is committed.
@Suite struct GoldenSiteTests {
    static let fixtures = ForgeProcess.repository.appendingPathComponent("Tests/ForgeKitTests/Fixtures")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0.hasPrefix("golden-") }
            .sorted()
    }

    @Test(arguments: GoldenSiteTests.cases)
    func buildsExactlyTheExpectedFiles(_ name: String) throws {
        let fixture = GoldenSiteTests.fixtures.appendingPathComponent(name)
        let scratch = try TemporaryDirectory()
        let options = BuildOptions(content: fixture.appendingPathComponent("Content").path,
                                   themes: fixture.appendingPathComponent("Themes").path,
                                   output: scratch.url.appendingPathComponent("Output").path,
                                   workingDirectory: scratch.url)
        _ = try SiteBuilder(options: options).build()
        let built = scratch.snapshot("Output")

        let expectedFolder = fixture.appendingPathComponent("expected")
        if !FileManager.default.fileExists(atPath: expectedFolder.path) {
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                for (path, data) in built {
                    let file = expectedFolder.appendingPathComponent(path)
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: file)
                }
                Issue.record("recorded a baseline in \(expectedFolder.path): review it, then commit it")
            } else {
                Issue.record("no baseline for \(name): run with RECORD_SNAPSHOTS=1, review Fixtures/\(name)/expected, commit it")
            }
            return
        }
        let expected = try TemporaryDirectory.snapshot(of: expectedFolder)
        #expect(built.keys.sorted() == expected.keys.sorted(), "the set of files differs")
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = built[path] else { continue }
            if actual != data {
                Issue.record("\(path) differs from the baseline:\n\(Self.firstDifference(String(decoding: data, as: UTF8.self), String(decoding: actual, as: UTF8.self)))")
            }
        }
    }

    /// The first differing line, with its neighbours, for a readable failure.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) where index >= a.count || index >= b.count || a[index] != b[index] {
            let wanted = index < a.count ? String(a[index]) : "<end of file>"
            let got = index < b.count ? String(b[index]) : "<end of file>"
            return "line \(index + 1)\n  expected: \(wanted)\n  actual:   \(got)"
        }
        return "(only trailing bytes differ)"
    }
}
