/// A key provisioned elsewhere, from `keys.yaml`. The secret itself never reaches Forge:
/// only its visible `start` (prefix and first characters) and `end` (last four).
public struct APIKey: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case active
        case revoked
        case expired
    }

    public var id: String
    public var name: String
    public var start: String
    public var end: String
    public var created: Day
    public var lastUsed: Day?
    public var expires: Day?
    public var scopes: [String]
    public var owner: String?
    public var status: Status
    /// This key's own budget per billing period (`monthly_limit`, v2), in the site currency.
    public var monthlyLimit: Money?
    /// Where the key is defined, for messages about it.
    public var location: SourceLocation

    public init(id: String, name: String, start: String, end: String, created: Day, lastUsed: Day? = nil,
                expires: Day? = nil, scopes: [String] = [], owner: String? = nil, status: Status = .active,
                monthlyLimit: Money? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
        self.created = created
        self.lastUsed = lastUsed
        self.expires = expires
        self.scopes = scopes
        self.owner = owner
        self.status = status
        self.monthlyLimit = monthlyLimit
        self.location = location
    }

    /// `sk_ab12...wx89`
    public var masked: String { start + "..." + end }

    /// The status as of a day: an active key past its expiry date shows as expired.
    public func status(asOf day: Day?) -> Status {
        if status == .active, let expires, let day, expires <= day { return .expired }
        return status
    }

    /// Ids are `[a-z0-9_-]+`: they appear in URLs, CSV and storage keys.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }
}
