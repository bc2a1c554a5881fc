import Foundation
import Testing
@testable import ForgeKit

/// Parses `yaml` as the file `path` and hands the root node to `read`, collecting diagnostics.
func loadYAML<T>(_ yaml: String, path: String, _ read: (YAMLNode, SourceText, inout Diagnostics) -> T?) -> (T?, Diagnostics) {
    var diagnostics = Diagnostics()
    let source = SourceText(displayPath: path, text: yaml)
    guard let root = YAMLDocument.parse(source, diagnostics: &diagnostics)?.root else { return (nil, diagnostics) }
    return (read(root, source, &diagnostics), diagnostics)
}

/// The printed form of every problem, in order: what a user sees.
func messages(_ diagnostics: Diagnostics) -> [String] {
    diagnostics.sorted.map(\.description)
}

/// Expects exactly these printed problems.
func expectMessages(_ diagnostics: Diagnostics, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(messages(diagnostics) == expected, sourceLocation: sourceLocation)
}
