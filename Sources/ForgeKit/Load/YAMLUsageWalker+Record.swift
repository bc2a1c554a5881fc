/// One record of the `usage` list: a mapping of `UsageField`s, checked as its events pass.
extension YAMLUsageWalker {
    mutating func readRecord(_ start: Event, index: Int, _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) {
        guard start.kind == .mappingStart else {
            report(.wrongType(field: "usage[\(index)]", expected: "a mapping of keys to values", found: describe(start)), at: start,
                &diagnostics)
            try skip(start, &diagnostics)
            return
        }
        var draft = UsageRecordDraft()
        var seen: UInt8 = 0
        var given: UInt8 = 0
        while true {
            let key = try next(&diagnostics)
            if key.kind == .mappingEnd { break }
            guard let name = try keyName(key, field: "usage[\(index)]", &diagnostics) else {
                draft.isSound = false
                continue
            }
            guard let field = UsageField(name: name), seen & field.bit == 0 else {
                draft.isSound = false
                reportKey(name, at: key, index: index, &diagnostics)
                try skip(try next(&diagnostics), &diagnostics)
                continue
            }
            seen |= field.bit
            let value = try next(&diagnostics)
            if try readValue(value, of: field, index: index, into: &draft, &diagnostics) {
                given |= field.bit
            }
        }
        for field in UsageField.allCases where field.isRequired && given & field.bit == 0 {
            draft.isSound = false
            missingKeys.append((.missingKey(field: "usage[\(index)]", key: field.name), start))
        }
        if let overflow = draft.append(to: &table, totals: &totals, line: start.line, column: start.column,
            displayPath: source.displayPath) {
            report(.invalidValue(field: "usage[\(index)].\(overflow.name)",
                problem: UsageTotals.overflow(overflow, value: draft.text(of: overflow))),
                   at: start, &diagnostics)
        }
    }

    /// Checks one value into `draft`; false when it was null (so, not given).
    private mutating func readValue(_ value: Event, of field: UsageField, index: Int, into draft: inout UsageRecordDraft,
                                    _ diagnostics: inout Diagnostics) throws(YAMLEventStream.Failure) -> Bool {
        switch value.kind {
        case .scalar:
            if isNull(value) { return false }
            if let problem = draft.set(field, to: value.value, isPlain: value.isPlain, context: context) {
                report(problem.reason(field: "usage[\(index)].\(field.name)", found: describe(value)), at: value, &diagnostics)
            }
        case .alias:
            draft.isSound = false
            reportAlias(value, field: "usage[\(index)].\(field.name)", &diagnostics)
        default:
            draft.isSound = false
            report(.wrongType(field: "usage[\(index)].\(field.name)", expected: field.expected, found: describe(value)), at: value,
                &diagnostics)
            try skip(value, &diagnostics)
        }
        return true
    }

    /// An unknown, repeated or merge key of record `index`.
    private mutating func reportKey(_ name: String, at key: Event, index: Int, _ diagnostics: inout Diagnostics) {
        let field = "usage[\(index)]"
        if name == "<<" {
            report(.invalidValue(field: field, problem: "merge keys (<<) are not supported in usage files; write each field out"), at: key,
                &diagnostics)
        } else if UsageField(name: name) != nil {
            report(.invalidValue(field: field, problem: "duplicate key \"\(name)\" in one mapping"), at: key, &diagnostics)
        } else {
            report(.unknownKey(field: field, key: name, suggestion: NodeReader.closest(to: name, in: UsageField.names)), at: key,
                &diagnostics)
        }
    }
}
