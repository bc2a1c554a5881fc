/// The fields of a usage record (PRODUCT.md §2): v1's six, in the order of the v1 CSV header,
/// then v2's optional `model`. CSV columns are matched by these names, in any order.
enum UsageField: Int, CaseIterable, Sendable {
    case date, service, key, requests, tokens, cost, model

    /// The name in YAML, JSON and the CSV header.
    var name: String {
        switch self {
        case .date: "date"
        case .service: "service"
        case .key: "key"
        case .requests: "requests"
        case .tokens: "tokens"
        case .cost: "cost"
        case .model: "model"
        }
    }

    var isRequired: Bool { self != .key && self != .tokens && self != .model }

    /// What a value must be, in `NodeReader`'s words for a wrong type.
    var expected: String {
        switch self {
        case .date: "a date (YYYY-MM-DD)"
        case .service, .key, .model: "a string"
        case .requests, .tokens: "a whole number"
        case .cost: "a number"
        }
    }

    /// This field's bit in a set of fields.
    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// Every name, in header order: the candidates for a "did you mean" hint.
    static let names = allCases.map(\.name)

    /// The v1 CSV header line, which every export that follows PRODUCT.md §2 starts with.
    static let csvHeader = names.prefix(6).joined(separator: ",")

    init?(name: String) {
        // By length first: every name but date/cost has its own, and comparing equal small
        // strings is cheap where comparing different ones is not (this runs for every key).
        let field: UsageField
        switch name.utf8.count {
        case 3: field = .key
        case 4: field = name.utf8.first == UInt8(ascii: "d") ? .date : .cost
        case 5: field = .model
        case 6: field = .tokens
        case 7: field = .service
        case 8: field = .requests
        default: return nil
        }
        guard name == field.name else { return nil }
        self = field
    }
}
