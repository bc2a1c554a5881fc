/// The six fields of a usage record (PRODUCT.md §2), in the order of the CSV header.
enum UsageField: Int, CaseIterable, Sendable {
    case date, service, key, requests, tokens, cost

    /// The name in YAML, JSON and the CSV header.
    var name: String {
        switch self {
        case .date: "date"
        case .service: "service"
        case .key: "key"
        case .requests: "requests"
        case .tokens: "tokens"
        case .cost: "cost"
        }
    }

    var isRequired: Bool { self != .key && self != .tokens }

    /// What a value must be, in `NodeReader`'s words for a wrong type.
    var expected: String {
        switch self {
        case .date: "a date (YYYY-MM-DD)"
        case .service, .key: "a string"
        case .requests, .tokens: "a whole number"
        case .cost: "a number"
        }
    }

    /// This field's bit in a set of fields.
    var bit: UInt8 { 1 << UInt8(rawValue) }

    /// Every name, in header order: the candidates for a "did you mean" hint.
    static let names = allCases.map(\.name)

    /// The exact CSV header line.
    static let csvHeader = names.joined(separator: ",")

    init?(name: String) {
        switch name {
        case "date": self = .date
        case "service": self = .service
        case "key": self = .key
        case "requests": self = .requests
        case "tokens": self = .tokens
        case "cost": self = .cost
        default: return nil
        }
    }
}
