/// A key provisioned elsewhere, from `keys.yaml` or a key file `data/keys/<id>.yaml`. The
/// secret itself never reaches Forge: only its visible `start` (prefix and first characters),
/// its `end` (last four) and, when known, its SHA-256.
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
    /// v2: the SHA-256 of the whole secret, 64 lowercase hex digits: what a gateway verifies a
    /// presented key against (`forge keys manifest`).
    public var sha256: String?
    /// v2: this key's own budget per billing period, in the site currency.
    public var monthlyLimit: Money?
    /// Where the key is defined, for messages about it.
    public var location: SourceLocation

    public init(id: String, name: String, start: String, end: String, created: Day, lastUsed: Day? = nil,
                expires: Day? = nil, scopes: [String] = [], owner: String? = nil, status: Status = .active,
                sha256: String? = nil, monthlyLimit: Money? = nil, location: SourceLocation) {
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
        self.sha256 = sha256
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

    /// A SHA-256 as key files write it: 64 lowercase hex digits.
    public static func isSHA256(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Ids are `[a-z0-9_-]+`: they appear in URLs, CSV and storage keys.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy {
            ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }
}
