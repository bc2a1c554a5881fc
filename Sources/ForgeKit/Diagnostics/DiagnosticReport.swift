import Foundation

/// Renders problems for stderr in one of the `DiagnosticFormat`s.
public struct DiagnosticReport: Sendable {
    public let format: DiagnosticFormat

    public init(format: DiagnosticFormat) {
        self.format = format
    }

    public func render(_ diagnostics: Diagnostics) -> Data {
        // Nothing printed holds a complete key (a path, a message or a quoted line can quote
        // content) or a control character that would act on the terminal.
        let redactor = diagnostics.secretRedactor ?? DiagnosticReport.checksumRedactor
        let clean = { (text: String) in TerminalText.visible(redactor.redact(text)) }
        let items = diagnostics.sorted
        switch format {
        case .text:
            var text = items.map { clean($0.description) }.joined(separator: "\n") + "\n"
            if diagnostics.suppressed > 0 {
                text += "… and \(diagnostics.suppressed) more problems not shown\n"
            }
            if diagnostics.hasErrors {
                let count = diagnostics.errorCount
                text += "error: the build failed with \(count) error\(count == 1 ? "" : "s"); nothing was written\n"
            }
            return Data(text.utf8)
        case .github:
            return Data(items.map { githubLine($0, clean: clean) }.joined().utf8)
        case .json:
            return json(items.map { item in
                JSONItem(file: clean(item.location.path), line: item.location.line, column: item.location.column,
                         severity: item.severity.rawValue, message: clean(item.message))
            }, suppressed: diagnostics.suppressed)
        }
    }

    public func render(_ failure: Error) -> Data {
        switch failure {
        case BuildFailure.content(let diagnostics):
            return render(diagnostics)
        case BuildFailure.template(let error):
            return single(path: error.location.path, line: error.location.line, column: error.location.column, text: error.description,
                message: error.message)
        case BuildFailure.output(let error):
            return single(path: error.path, line: nil, column: nil, text: error.description, message: error.description)
        default:
            return single(path: "forge", line: nil, column: nil, text: "error: \(failure)", message: "\(failure)")
        }
    }

    private func single(path: String, line: Int?, column: Int?, text: String, message: String) -> Data {
        let clean = { (text: String) in TerminalText.visible(DiagnosticReport.checksumRedactor.redact(text)) }
        let (path, text, message) = (clean(path), clean(text), clean(message))
        switch format {
        case .text:
            return Data((text + "\n").utf8)
        case .github:
            var item = ContentError(.other(message), at: SourceLocation(path: path, line: line, column: column))
            item.sourceLine = nil
            return Data(githubLine(item, clean: { $0 }).utf8)
        case .json:
            return json([JSONItem(file: path, line: line, column: column, severity: "error", message: message)], suppressed: 0)
        }
    }

    /// Finds keys of the standard format, where no `keys.yaml` was read.
    static let checksumRedactor = SecretScanner(keys: [])

    private struct JSONItem: Encodable {
        let file: String
        let line: Int?
        let column: Int?
        let severity: String
        let message: String
    }

    private struct JSONReport: Encodable {
        let diagnostics: [JSONItem]
        let suppressed: Int
    }

    private func json(_ items: [JSONItem], suppressed: Int) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(diagnostics: items, suppressed: suppressed))) ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }

    /// `::error file=…,line=…,col=…::message` (https://docs.github.com/actions/reference/workflow-commands-for-github-actions)
    private func githubLine(_ item: ContentError, clean: (String) -> String) -> String {
        var properties = ["file=\(escapeProperty(clean(item.location.path)))"]
        if let line = item.location.line { properties.append("line=\(line)") }
        if let column = item.location.column { properties.append("col=\(column)") }
        return "::\(item.severity.rawValue) \(properties.joined(separator: ","))::\(escapeData(clean(item.message)))\n"
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
