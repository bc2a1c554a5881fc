/// Checks one usage file's YAML events against the schema of PRODUCT.md §2 as they stream by:
/// a mapping with a `usage` list of records, each record a mapping of the six `UsageField`s.
///
/// Every problem is reported at its own line and column, in `NodeReader`'s words, and the walk
/// goes on to the end of the file; only a syntax error (where libyaml must stop) ends it early.
/// Aliases (`*name`) and merge keys (`<<`) are reported, not resolved: an export never needs
/// them, and resolving them would mean keeping the anchored part of the file.
struct YAMLUsageWalker {
    typealias Event = YAMLEventStream.Event

    let stream: YAMLEventStream
    var source: SourceBytes
    let context: UsageReadContext
    var table = UsageTable()
    var totals: UsageTotals
    /// The last record's missing keys, held back until the next event parses: when libyaml
    /// closes a record only to fail on the next line, the syntax error alone is the news.
    var missingKeys: [(reason: ContentError.Reason, at: Event)] = []
    /// Items of the `usage` list, good or bad: a file without any is an error.
    var itemCount = 0

    init(bytes: UnsafeRawBufferPointer, displayPath: String, context: UsageReadContext, lineOffset: Int = 0) {
        stream = YAMLEventStream(bytes: bytes, lineOffset: lineOffset)
        source = SourceBytes(displayPath: displayPath, bytes: bytes)
        self.context = context
        totals = context.totals
    }

    mutating func read(diagnostics: inout Diagnostics) -> UsageTable {
        let errorsBefore = diagnostics.errorCount
        do {
            try readStream(&diagnostics)
        } catch {
            missingKeys = []
            report(error, &diagnostics)
        }
        // A file that says nothing else wrong but holds no record: a truncated export, most likely.
        if itemCount == 0, diagnostics.errorCount == errorsBefore {
            source.report(.noUsageRecords("this usage file holds no records: a truncated export must not publish a dashboard that "
                                 + "silently lacks its records; write the records under \"usage:\", or delete the file"),
                          line: nil, column: nil, diagnostics: &diagnostics)
        }
        return table
    }

    /// The next event; an explicit tag on it is reported (`YAMLLimits`), whatever reads it.
    mutating func next(_ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) -> Event {
        let event = try stream.next()
        if let tag = event.tag { report(YAMLLimits.tagProblem(tag), at: event, &diagnostics) }
        return event
    }

    // MARK: - Document

    private mutating func readStream(_ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) {
        _ = try next(&diagnostics) // stream start
        guard try next(&diagnostics).kind == .documentStart else { return } // an empty file
        try readRoot(try next(&diagnostics), &diagnostics)
        _ = try next(&diagnostics) // document end
        let after = try next(&diagnostics)
        if after.kind == .documentStart {
            report(.usageFileShape("a usage file holds one YAML document; this is a second one"), at: after, &diagnostics)
        }
    }

    private mutating func readRoot(_ root: Event, _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) {
        guard root.kind == .mappingStart else {
            if !isNull(root) {
                report(.usageFileShape("expected a mapping with a \"usage\" list at the top of the file, found \(describe(root))"),
                    at: root,
                    &diagnostics)
            }
            try skip(root, &diagnostics)
            return
        }
        var sawUsage = false
        while true {
            let key = try next(&diagnostics)
            if key.kind == .mappingEnd { break }
            guard let name = try keyName(key, field: "", &diagnostics) else { continue }
            if name != "usage" {
                report(.unknownKey(field: "", key: name, suggestion: NodeReader.closest(to: name, in: ["usage"])), at: key, &diagnostics)
                try skip(try next(&diagnostics), &diagnostics)
            } else if sawUsage {
                report(.usageFileShape("duplicate key \"usage\" in one mapping"), at: key, &diagnostics)
                try skip(try next(&diagnostics), &diagnostics)
            } else {
                sawUsage = true
                try readUsageList(try next(&diagnostics), &diagnostics)
            }
        }
        if !sawUsage {
            report(.missingKey(field: "", key: "usage"), at: root, &diagnostics)
        }
    }

    /// `usage:` with nothing after it is an empty list, as `usage: []` is.
    private mutating func readUsageList(_ list: Event, _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) {
        guard list.kind == .sequenceStart else {
            if list.kind == .alias {
                reportAlias(list, field: "usage", &diagnostics)
            } else if !isNull(list) {
                report(.wrongType(field: "usage", expected: "a list", found: describe(list)), at: list, &diagnostics)
            }
            try skip(list, &diagnostics)
            return
        }
        var index = 0
        while true {
            let item = try next(&diagnostics)
            for missing in missingKeys { report(missing.reason, at: missing.at, &diagnostics) }
            missingKeys = []
            if item.kind == .sequenceEnd { return }
            itemCount += 1
            try readRecord(item, index: index, &diagnostics)
            index += 1
        }
    }

    // MARK: - Events

    /// A mapping key's text; anything but a scalar is reported and skipped with its value.
    mutating func keyName(_ key: Event, field: @autoclosure () -> String,
        _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) -> String? {
        if key.kind == .scalar { return key.value }
        let what = key.kind == .alias ? "an alias" : describe(key)
        let field = field()
        report(.usageFileShape("\(field.isEmpty ? "" : field + ": ")a key must be a plain name, found \(what)"), at: key, &diagnostics)
        try skip(key, &diagnostics)
        try skip(try next(&diagnostics), &diagnostics)
        return nil
    }

    /// Consumes the rest of the node that `event` starts.
    mutating func skip(_ event: Event, _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) {
        guard event.kind == .mappingStart || event.kind == .sequenceStart else { return }
        var depth = 1
        while depth > 0 {
            switch try next(&diagnostics).kind {
            case .mappingStart, .sequenceStart: depth += 1
            case .mappingEnd, .sequenceEnd: depth -= 1
            default: break
            }
        }
    }

    /// YAML's null, as `NodeReader.isNull` reads it: only a plain scalar can be null.
    func isNull(_ event: Event) -> Bool {
        guard event.kind == .scalar, event.isPlain, event.value.utf8.count <= 4 else { return false }
        switch event.value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The value as `NodeReader.describe` words it after "found".
    func describe(_ event: Event) -> String {
        switch event.kind {
        case .scalar: isNull(event) ? "nothing (null)" : "\"\(event.value)\""
        case .mappingStart: "a mapping"
        case .sequenceStart: "a list"
        case .alias: "an alias"
        default: "nothing"
        }
    }

    // MARK: - Reporting

    mutating func reportAlias(_ alias: Event, field: String, _ diagnostics: inout Diagnostics) {
        report(.invalidValue(field: field, problem: "aliases (*\(alias.value)) are not supported in usage files; write the value out"),
            at: alias, &diagnostics)
    }

    mutating func report(_ reason: ContentError.Reason, at event: Event, _ diagnostics: inout Diagnostics) {
        source.report(reason, line: event.line, column: event.column, diagnostics: &diagnostics)
    }

    /// A syntax error, worded as `YAMLDocument` words Yams' (`YAML: problem context`).
    private mutating func report(_ failure: YAMLEventStream.Failure, _ diagnostics: inout Diagnostics) {
        switch failure.position {
        case .mark(let line, let column):
            let text = "YAML: " + failure.problem + (failure.context.map { " " + $0 } ?? "")
            source.report(.syntax(text), line: line, column: column, diagnostics: &diagnostics)
        case .offset(let offset):
            let (line, column) = source.position(of: offset)
            let reason: ContentError.Reason = failure.isInvalidUTF8 ? .invalidUTF8 : .syntax("YAML: " + failure.problem)
            source.report(reason, line: line, column: column, diagnostics: &diagnostics)
        }
    }
}
