import Foundation
@testable import ForgeKit

/// The `cmark-gfm` command-line program (Debian's package of the same library), when installed:
/// the reference our renderer must agree with, apart from the heading anchors we add.
enum ReferenceRenderer {
    static let path = "/usr/bin/cmark-gfm"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The CLI's HTML for `markdown` with the extensions and options `MarkdownRenderer` uses.
    static func html(_ markdown: String) throws -> String {
        // A file, not a pipe: a program that quits early must not kill the tests with SIGPIPE.
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("forge-reference-\(UUID().uuidString).md")
        try Data(markdown.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = (["footnotes"] + MarkdownRenderer.extensionNames).flatMap { ["-e", $0] } + [input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Our HTML with what `HTMLPostProcessor` adds taken out again: then it must be cmark's.
    static func undoingPostProcessing(_ html: String) -> String {
        var text = html
            .replacingOccurrences(of: "<div class=\"table-scroll\"><table>", with: "<table>")
            .replacingOccurrences(of: "</table></div>", with: "</table>")
            .replacingOccurrences(of: " class=\"align-", with: " align=\"")
            .replacingOccurrences(of: " aria-label=\"Completed\"", with: "")
            .replacingOccurrences(of: "\n<h2 class=\"visually-hidden\">Footnotes</h2>", with: "")
        text = text.replacingOccurrences(of: ##"<a class="heading-anchor" href="#[^"]*" aria-label="[^"]*">#</a></h"##, with: "</h", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
        return text
    }
}
