/// Every problem found during one build, so the user fixes them all in one go.
public struct Diagnostics: Sendable {
    /// A file of a million bad rows must not print a million lines.
    public static let limit = 200

    public private(set) var items: [ContentError] = []
    /// Problems found beyond `limit`, counted but not kept.
    public var suppressed: Int { suppressedErrors + suppressedWarnings }
    public private(set) var suppressedErrors = 0
    public private(set) var suppressedWarnings = 0
    /// Masks provisioned keys as well as checksummed ones when the problems are printed; set
    /// once `keys.yaml` is read.
    public var secretRedactor: SecretScanner?

    public init() {}

    public var errorCount: Int { items.filter { $0.severity == .error }.count + suppressedErrors }
    public var warningCount: Int { items.filter { $0.severity == .warning }.count + suppressedWarnings }
    public var hasErrors: Bool { errorCount > 0 }

    public mutating func report(_ error: ContentError) {
        if items.count >= Diagnostics.limit {
            // Errors are what the user must fix: one takes the place of a kept warning.
            if error.severity == .error, let warning = items.lastIndex(where: { $0.severity == .warning }) {
                items.remove(at: warning)
                items.append(error)
                suppressedWarnings += 1
            } else if error.severity == .error {
                suppressedErrors += 1
            } else {
                suppressedWarnings += 1
            }
        } else {
            items.append(error)
        }
    }

    public mutating func report(_ reason: ContentError.Reason, at location: SourceLocation, sourceLine: String? = nil) {
        report(ContentError(reason, at: location, sourceLine: sourceLine))
    }

    public mutating func warn(_ reason: ContentError.Reason, at location: SourceLocation, sourceLine: String? = nil) {
        report(ContentError(reason, at: location, severity: .warning, sourceLine: sourceLine))
    }

    public mutating func merge(_ other: Diagnostics) {
        for item in other.items { report(item) }
        suppressedErrors += other.suppressedErrors
        suppressedWarnings += other.suppressedWarnings
    }

    /// The errors alone, for `--quiet`.
    public var errorsOnly: Diagnostics {
        var copy = self
        copy.items = items.filter { $0.severity == .error }
        copy.suppressedWarnings = 0
        return copy
    }

    /// Stops quoting the lines of `path`: a key was found in what it renders to, in a form its
    /// own scan did not see, so any of its lines may hold the key in that form.
    public mutating func removeSourceLines(in path: String) {
        for index in items.indices where items[index].location.path == path {
            items[index].sourceLine = nil
        }
    }

    /// Treat warnings as errors (`--strict`).
    public mutating func promoteWarnings() {
        items = items.map { item in
            var item = item
            item.severity = .error
            return item
        }
        suppressedErrors += suppressedWarnings
        suppressedWarnings = 0
    }

    /// Items in a stable order (by file, line, column), whatever order files were read in.
    public var sorted: [ContentError] {
        items.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}
