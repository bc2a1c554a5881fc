import Foundation

/// What `forge keys add` was asked for, checked the way the API Keys dialog checks it
/// (keystore.js `validateName`, `validateOwner`; the shared vectors in
/// `Tests/key-file-vectors.json`), then against the site: scopes from `site.yaml`, a name no
/// live key has, an expiry after today.
public struct KeyRequest: Sendable {
    /// `--expires`: a day, or a number of days from today (`30d`).
    public enum Expiry: Sendable, Hashable {
        case day(Day)
        case days(Int)
    }

    public var name: String
    public var scopes: [String]
    public var expiry: Expiry?
    public var owner: String?

    public static let nameLimit = 64

    /// Checks each argument on its own (a usage error before any file is read).
    public init(name: String, scopes: String?, expires: String?, owner: String?) throws(KeysError) {
        self.name = try KeyRequest.validName(name)
        self.scopes = try scopes.map(KeyRequest.parseScopes) ?? []
        self.expiry = try expires.map(KeyRequest.parseExpiry)
        self.owner = try owner.flatMap(KeyRequest.validOwner)
    }

    /// The key file for a new key of `site`, made on `today`.
    public func keyFile(for site: SiteKeys, key: NewKey, id: String, today: Day) throws(KeysError) -> KeyFile {
        let allowed = site.config.scopes
        if !allowed.isEmpty {
            for scope in scopes where !allowed.contains(scope) {
                let hint = NodeReader.closest(to: scope, in: allowed).map { "; did you mean \"\($0)\"?" } ?? ""
                throw KeysError(.invalidArgument(option: "--scopes",
                    problem: "\"\(scope)\" is not one of the scopes in site.yaml (\(allowed.joined(separator: ", ")))\(hint)"))
            }
        }
        let folded = KeyRequest.fold(name)
        if let clash = site.keys.first(where: { $0.status(asOf: today) == .active && KeyRequest.fold($0.name) == folded }) {
            throw KeysError(.invalidArgument(option: "NAME",
                problem: "a live key is already named \"\(clash.name)\" (\(clash.id), \(clash.location)); choose another name"))
        }
        var expires: Day?
        switch expiry {
        case .day(let day):
            guard day > today else {
                throw KeysError(.invalidArgument(option: "--expires",
                    problem: "\(day) is not after today (\(today), UTC): a key that expires today or earlier is expired already"))
            }
            expires = day
        case .days(let count):
            expires = today.adding(days: count)
        case nil:
            expires = nil
        }
        return KeyFile(id: id, name: name, start: key.start, end: key.end, sha256: key.sha256, created: today,
                       expires: expires, scopes: scopes, owner: owner)
    }

    /// Trimmed (as JavaScript trims), 1-64 characters (code points), no control characters.
    public static func validName(_ raw: String) throws(KeysError) -> String {
        let name = JSText.trimmed(raw)
        let length = name.unicodeScalars.count
        if name.isEmpty { throw KeysError(.invalidArgument(option: "NAME", problem: "enter a name for the key")) }
        if length > nameLimit {
            throw KeysError(.invalidArgument(option: "NAME", problem: "use at most \(nameLimit) characters (this name has \(length))"))
        }
        // C0, DEL and C1, as the dialog refuses them: forge's YAML reader refuses them in key files.
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw KeysError(.invalidArgument(option: "NAME", problem: "the name cannot contain control characters"))
        }
        return name
    }

    /// `chat,embeddings`: each a scope as `site.yaml` writes them, none twice.
    public static func parseScopes(_ raw: String) throws(KeysError) -> [String] {
        var scopes: [String] = []
        for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
            let scope = JSText.trimmed(String(part))
            if scope.isEmpty { continue }
            guard SiteConfig.isValidScope(scope) else {
                throw KeysError(.invalidArgument(option: "--scopes",
                    problem: "\"\(scope)\" must be 1-64 characters of a-z, 0-9, _, ., : and -"))
            }
            guard !scopes.contains(scope) else {
                throw KeysError(.invalidArgument(option: "--scopes", problem: "\"\(scope)\" is listed twice"))
            }
            scopes.append(scope)
        }
        return scopes
    }

    /// `2027-03-01`, or `30d`: 1 to 36,500 days from today.
    public static func parseExpiry(_ raw: String) throws(KeysError) -> Expiry {
        if raw.hasSuffix("d"), let count = Int(raw.dropLast()), raw.first != "+", raw.first != "-" {
            guard (1...36_500).contains(count) else {
                throw KeysError(.invalidArgument(option: "--expires", problem: "\(raw) must be 1d to 36500d (a number of days from today)"))
            }
            return .days(count)
        }
        guard let day = Day(parsing: raw) else {
            throw KeysError(.invalidArgument(option: "--expires",
                problem: "\"\(raw)\" must be a UTC day written YYYY-MM-DD, or a number of days such as 30d"))
        }
        return .day(day)
    }

    /// An address a person can read back, as the dialog accepts it; empty is no owner.
    public static func validOwner(_ raw: String) throws(KeysError) -> String? {
        let owner = JSText.trimmed(raw)
        if owner.isEmpty { return nil }
        guard JSText.isEmail(owner) else {
            throw KeysError(.invalidArgument(option: "--owner", problem: "\"\(owner)\" is not an email address such as ops@example.com"))
        }
        return owner
    }

    /// Names compare as the dialog compares them: NFC, then lowercase.
    static func fold(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }
}
