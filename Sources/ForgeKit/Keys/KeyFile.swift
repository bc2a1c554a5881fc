/// The key file `Content/data/keys/<id>.yaml` (PRODUCT.md §2, §6) as `forge keys add` writes it:
/// byte for byte what the API Keys dialog's "Add to site" offers (`keyFile()` in keystore.js)
/// for the same fields. Both suites check `Tests/key-file-vectors.json`, and the loader reads
/// every vector back (`KeyFileTests`). The secret is never in it, only its SHA-256.
public struct KeyFile: Sendable, Hashable {
    public var id: String
    public var name: String
    public var start: String
    public var end: String
    public var sha256: String
    public var created: Day
    public var expires: Day?
    public var scopes: [String]
    public var owner: String?

    public init(id: String, name: String, start: String, end: String, sha256: String, created: Day,
                expires: Day? = nil, scopes: [String] = [], owner: String? = nil) {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
        self.sha256 = sha256
        self.created = created
        self.expires = expires
        self.scopes = scopes
        self.owner = owner
    }

    /// Its path inside the content folder.
    public var relativePath: String { "data/keys/\(id).yaml" }

    /// Says what the file is, and why it is safe in a public repository.
    static let header = "# An API key. No secret here: sha256 is the hash of the secret, which stays with its holder."

    /// Absent optional fields are left out, in a fixed order, so every key file looks the same.
    public var text: String {
        var lines = [KeyFile.header, "id: " + id, "name: " + KeyFile.yamlText(name), "start: " + KeyFile.yamlText(start),
                     "end: " + KeyFile.yamlText(end), "sha256: \"\(sha256)\"", "created: \(created)"]
        if let expires { lines.append("expires: \(expires)") }
        if !scopes.isEmpty { lines.append("scopes: [" + scopes.map(KeyFile.yamlText).joined(separator: ", ") + "]") }
        if let owner, !owner.isEmpty { lines.append("owner: " + KeyFile.yamlText(owner)) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - YAML text (keystore.js `yamlText`)

    /// Plain YAML only for text no YAML reader can take for anything else (a number, a date, a
    /// boolean such as `no`, a `key: value` or a comment): an ASCII letter, then letters, digits
    /// and `_ . @ + / -`, in words separated by single spaces. Everything else is a JSON string,
    /// which is a valid YAML double-quoted scalar once the characters YAML treats as line breaks
    /// or forbids (C1 controls, U+2028/9, byte order marks) are escaped too.
    static func yamlText(_ text: String) -> String {
        isPlain(text) && !yamlWords.contains(text.lowercased()) ? text : doubleQuoted(text)
    }

    private static let yamlWords: Set<String> = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]

    private static func isPlain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLetter(first) else { return false }
        for (index, byte) in bytes.enumerated().dropFirst() {
            if byte == UInt8(ascii: " ") {
                // One space between words: not two, not at the end.
                guard bytes[index - 1] != UInt8(ascii: " "), index + 1 < bytes.count else { return false }
            } else if !(isLetter(byte) || (byte >= 48 && byte <= 57) || "_.@+/-".utf8.contains(byte)) {
                return false
            }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// `JSON.stringify(text)`, then `\u` escapes for U+007F-U+009F, U+2028, U+2029, U+FEFF,
    /// U+FFFE and U+FFFF, as keystore.js writes them (lowercase hex).
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
