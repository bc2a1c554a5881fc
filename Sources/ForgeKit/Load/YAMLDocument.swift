import Yams

/// One YAML (or JSON) file parsed by Yams into a node tree that remembers line and column.
struct YAMLDocument {
    let source: SourceText
    /// nil for an empty file.
    let root: Node?

    /// Parses `source`; a syntax error becomes a located `ContentError` with Yams' own words.
    static func parse(_ source: SourceText) -> Result<YAMLDocument, ContentError> {
        do {
            let root = try Yams.compose(yaml: source.text)
            return .success(YAMLDocument(source: source, root: root))
        } catch let error as YamlError {
            return .failure(contentError(from: error, in: source))
        } catch {
            return .failure(source.error(.syntax("\(error)"), line: nil, column: nil))
        }
    }

    static func contentError(from error: YamlError, in source: SourceText) -> ContentError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var text = problem
            if let context {
                text += " (\(context.text), which starts at line \(context.mark.line), column \(context.mark.column))"
            }
            return source.error(.syntax("YAML: " + text), line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return source.error(.syntax("YAML: duplicate key \(names) in one mapping"),
                                line: context.mark.line, column: context.mark.column)
        case let .reader(problem, _, _, _):
            return source.error(.syntax("YAML: " + problem), line: nil, column: nil)
        default:
            return source.error(.syntax("YAML: \(error)"), line: nil, column: nil)
        }
    }
}
