/// `forge keys manifest`: what an API gateway needs to verify a presented key by its hash
/// (PRODUCT.md §4) — every key that is active and unexpired as of a day, with its SHA-256,
/// scopes, expiry and own budget. The gateway hashes the key it is shown and looks the hash up;
/// the secrets themselves exist nowhere in the site. (README: "Verifying keys in a gateway".)
///
/// The manifest is never part of the site: the command prints it, or writes it outside
/// `Content/` and outside any output folder (`ManifestDestination`).
public struct KeyManifest: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var sha256: String
        public var scopes: [String]
        public var expires: Day?
        public var monthlyLimit: Money?
    }

    public static let format = "forge-keys-manifest"
    public static let version = 1

    public let asOf: Day
    public let keyPrefix: String
    public let currency: String
    /// Sorted by id, so the same keys give the same bytes.
    public let entries: [Entry]
    /// Active keys without a `sha256`: a gateway cannot verify them by hash, so they are left out.
    public let withoutHash: [APIKey]

    public init(site: SiteKeys, asOf: Day) {
        self.asOf = asOf
        keyPrefix = site.config.keyPrefix
        currency = site.config.currency.code
        let live = site.keys.filter { $0.status(asOf: asOf) == .active }
        entries = live.compactMap { key in
            key.sha256.map { Entry(id: key.id, sha256: $0, scopes: key.scopes, expires: key.expires, monthlyLimit: key.monthlyLimit) }
        }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        withoutHash = live.filter { $0.sha256 == nil }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    /// A warning for each key left out, at the key's definition.
    public var warnings: Diagnostics {
        var diagnostics = Diagnostics()
        for key in withoutHash {
            diagnostics.warn(.keyLeftOutOfManifest("key \"\(key.id)\" has no sha256: a gateway cannot verify it by hash, "
                + "so the manifest leaves it out"), at: key.location)
        }
        return diagnostics
    }

    /// Pretty-printed JSON, fields in a fixed order; `monthly_limit` an exact decimal number.
    public var json: String {
        var out = "{\n"
        out += "  \"format\": \(JSONText.string(KeyManifest.format)),\n"
        out += "  \"version\": \(KeyManifest.version),\n"
        out += "  \"as_of\": \(JSONText.string(asOf.description)),\n"
        out += "  \"key_prefix\": \(JSONText.string(keyPrefix)),\n"
        out += "  \"currency\": \(JSONText.string(currency)),\n"
        if entries.isEmpty { return out + "  \"keys\": []\n}\n" }
        out += "  \"keys\": [\n"
        out += entries.map { entry in
            let fields = [
                "\"id\": " + JSONText.string(entry.id),
                "\"sha256\": " + JSONText.string(entry.sha256),
                "\"scopes\": [" + entry.scopes.map(JSONText.string).joined(separator: ", ") + "]",
                "\"expires\": " + (entry.expires.map { JSONText.string($0.description) } ?? "null"),
                "\"monthly_limit\": " + (entry.monthlyLimit?.plainDecimal ?? "null"),
                "\"status\": \"active\"",
            ]
            return "    {\n" + fields.map { "      " + $0 }.joined(separator: ",\n") + "\n    }"
        }.joined(separator: ",\n")
        return out + "\n  ]\n}\n"
    }
}

/// JSON string literals, escaped as JSON requires, plus U+2028 and U+2029 for JavaScript.
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
