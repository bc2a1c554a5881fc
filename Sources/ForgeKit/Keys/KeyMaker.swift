import Crypto
import Foundation

/// A new key in the format of PRODUCT.md §6 (`KeyFormat`): the site's prefix, 32 base62
/// characters from a cryptographic random source, and their 6-character checksum. The same as
/// the dialog's `generateKey` in keystore.js, with Swift's `SystemRandomNumberGenerator`
/// (`getrandom(2)` on Linux) in place of `crypto.getRandomValues`.
public struct NewKey: Sendable {
    /// The whole secret. It is printed once and kept nowhere.
    public let secret: String
    /// The prefix and the body's first 4 characters, as key files and the dashboard show it.
    public let start: String
    /// The last 4 characters.
    public let end: String

    /// The secret's SHA-256 as 64 lowercase hex digits: what the key file keeps.
    public var sha256: String { KeyMaker.sha256Hex(secret) }
}

public enum KeyMaker {
    /// Bytes at or above 248 (4 × 62) are drawn again, so `% 62` favours no character.
    static let acceptedBelow: UInt8 = 248

    public static func makeKey(prefix: String, using generator: inout some RandomNumberGenerator) -> NewKey {
        let body = randomBase62(count: KeyFormat.bodyLength, using: &generator)
        let secret = prefix + String(decoding: body, as: UTF8.self) + KeyFormat.checksum(ofBody: body)
        return NewKey(secret: secret, start: prefix + String(decoding: body.prefix(4), as: UTF8.self), end: String(secret.suffix(4)))
    }

    /// `key_` and 16 random hex digits, as the dialog names a key it adds to the site (its
    /// browser id `local_<hex>` becomes `key_<hex>`); never one of `taken`.
    public static func makeID(taken: Set<String>, using generator: inout some RandomNumberGenerator) -> String {
        while true {
            let word = generator.next() as UInt64
            let id = "key_" + (0..<8).map { hex(UInt8(truncatingIfNeeded: word >> UInt64(8 * $0))) }.joined()
            if !taken.contains(id) { return id }
        }
    }

    /// `count` base62 characters: each random byte below 248 gives one, `byte % 62`.
    static func randomBase62(count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            var word = generator.next() as UInt64
            for _ in 0..<8 where out.count < count {
                let byte = UInt8(truncatingIfNeeded: word)
                word >>= 8
                if byte < acceptedBelow { out.append(KeyFormat.alphabet[Int(byte % 62)]) }
            }
        }
        return out
    }

    /// SHA-256 of the text's UTF-8 bytes, 64 lowercase hex digits (keystore.js `hashSecret`).
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map(hex).joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
