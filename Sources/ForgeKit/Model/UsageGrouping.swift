/// What the Usage dialog's breakdown and charts group spend by (PRODUCT.md §7, "Group by").
public enum UsageGrouping: String, CaseIterable, Sendable, Hashable {
    case service
    case model
    case key

    /// "Service", for a heading: "Spend by service".
    public var title: String {
        switch self {
        case .service: "Service"
        case .model: "Model"
        case .key: "Key"
        }
    }

    /// What the line of records without one is called: "No key", "No model".
    var noneName: String {
        switch self {
        case .service: "No service"  // never: a service is required
        case .model: "No model"
        case .key: "No key"
        }
    }

    /// The plural, for "3 other services".
    var plural: String {
        switch self {
        case .service: "services"
        case .model: "models"
        case .key: "keys"
        }
    }
}
