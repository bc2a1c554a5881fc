import Testing

/// Compares two texts line by line, so a failure names the first line that differs instead of
/// printing two walls of HTML. Forwards the caller's location (Plot's test helpers do the same).
func expectText(_ actual: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let a = index < actualLines.count ? String(actualLines[index]) : "<missing>"
        let e = index < expectedLines.count ? String(expectedLines[index]) : "<missing>"
        if a != e {
            Issue.record("line \(index + 1) differs\n  actual:   \(a)\n  expected: \(e)\n--- whole actual text ---\n\(actual)", sourceLocation: sourceLocation)
            return
        }
    }
}
