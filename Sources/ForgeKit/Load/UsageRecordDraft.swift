/// One usage record while its fields arrive, in any order, from a YAML mapping or a CSV row.
///
/// Both readers check values here, so a mistake reads the same whatever the format, and the
/// same as `NodeReader` says it for the other data files (`expected a number, found "ten"`).
struct UsageRecordDraft {
    /// What is wrong with one value; the reader adds the field path and the location.
    enum Problem: Error, Equatable {
        case wrongType(expected: String)
        case invalid(String)
        case unknownKey(id: String)

        func reason(field: String, found: @autoclosure () -> String) -> ContentError.Reason {
            switch self {
            case .wrongType(let expected): .wrongType(field: field, expected: expected, found: found())
            case .invalid(let problem): .invalidValue(field: field, problem: problem)
            case .unknownKey(let id): .unknownReference(field: field, id: id, kind: "key in keys.yaml")
            }
        }
    }

    var day: Day?
    var service: String?
    var keyID: String?
    var requests: Int64?
    var tokens: Int64?
    var cost: Money?
    var model: String?
    /// False once any value was wrong: such a record is reported, never half added.
    var isSound = true

    /// Checks `text` as the value of `field` and keeps it.
    ///
    /// - Parameter isPlain: whether the value may be a number. YAML's quoted `"12"` is a string,
    ///   as for `NodeReader`; CSV has no types, so every CSV value is plain.
    /// An empty `key` means "no key", as an empty CSV cell does.
    mutating func set(_ field: UsageField, to text: String, isPlain: Bool, context: UsageReadContext) -> Problem? {
        if let control = YAMLLimits.controlCharacter(in: text) {
            isSound = false
            return .invalid("holds the control character \(YAMLLimits.name(of: control)); control characters are not allowed, typed or " +
                "escaped")
        }
        let problem: Problem?
        switch field {
        case .date:
            day = Day(parsing: text)
            problem = day == nil ? .invalid("\"\(text)\" is not a real UTC day in the form YYYY-MM-DD") : nil
        case .service:
            service = text
            problem = text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ? .invalid("must not be empty") : nil
        case .key:
            keyID = text.isEmpty ? nil : text
            problem = text.isEmpty || context.knownKeyIDs.contains(text) ? nil : .unknownKey(id: text)
        case .requests:
            problem = Self.count(text, isPlain: isPlain, into: &requests)
        case .tokens:
            problem = Self.count(text, isPlain: isPlain, into: &tokens)
        case .cost:
            problem = Self.money(text, isPlain: isPlain, into: &cost)
        case .model:
            // Like `key`, an empty model means "none": an export leaves the cell empty.
            model = text.isEmpty ? nil : text
            problem = !text.isEmpty && text.utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                ? .invalid("must not be blank; leave it out (or empty) for records without a model") : nil
        }
        if problem != nil { isSound = false }
        return problem
    }

    /// Adds the record when every value was right and every required one was given, and the
    /// sums of all records stay within Int64; else returns the field whose sum would not.
    /// `line` and `column` are where the record starts, for the "today" guard (`UsageTable.newest`).
    func append(to table: inout UsageTable, totals: inout UsageTotals, line: Int, column: Int, displayPath: String) -> UsageField? {
        guard isSound, let day, let service, let requests, let cost else { return nil }
        if let overflow = totals.add(requests: requests, tokens: tokens, cost: cost) { return overflow }
        table.append(day: day, service: service, keyID: keyID, requests: requests, tokens: tokens, cost: cost, model: model)
        table.noteDate(day, path: displayPath, line: line, column: column)
        return nil
    }

    /// A value as the file wrote it, for a message.
    func text(of field: UsageField) -> String {
        switch field {
        case .requests: requests.map(String.init) ?? ""
        case .tokens: tokens.map(String.init) ?? ""
        case .cost: cost?.plainDecimal ?? ""
        default: ""
        }
    }

    /// A whole number >= 0, worded as `NodeReader.count`.
    private static func count(_ text: String, isPlain: Bool, into value: inout Int64?) -> Problem? {
        guard isPlain, let number = Int64(text) else { return .wrongType(expected: UsageField.requests.expected) }
        guard number >= 0 else { return .invalid("must not be negative, found \(number)") }
        value = number
        return nil
    }

    /// A decimal >= 0 with at most 6 fraction digits, worded as `NodeReader.money`.
    private static func money(_ text: String, isPlain: Bool, into value: inout Money?) -> Problem? {
        guard isPlain, NodeReader.isNumberLike(text) else { return .wrongType(expected: UsageField.cost.expected) }
        if text.hasPrefix("-") { return .invalid("must not be negative, found \(text)") }
        guard let money = Money(parsing: text) else {
            return .invalid("\(text) is not a plain decimal amount below 10^12 with at most 6 decimals")
        }
        value = money
        return nil
    }
}
