/// Why a build wrote nothing. The previous output is intact in every case.
public enum BuildFailure: Error, Sendable {
    /// Problems in `Content/`, all of them.
    case content(Diagnostics)
    case template(TemplateError)
    case output(OutputError)
}
