/// The API key format (GitHub's token design, PRODUCT.md §6): a prefix, 32 random base62
/// characters, then a 6-character checksum, the CRC-32 (IEEE, as zlib computes it) of the body
/// written in base62 (`0-9A-Za-z`), left-padded with `0`. A scanner can so tell a real key from
/// a lookalike without a database. `keystore.js` implements the same format in the browser.
public enum KeyFormat {
    public static let bodyLength = 32
    public static let checksumLength = 6
    public static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public static func isBase62(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// CRC-32/IEEE (reflected, polynomial 0xEDB88320), identical to zlib's `crc32`.
    public static func crc32<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The 6-character base62 checksum of a key body.
    public static func checksum<Bytes: Sequence>(ofBody body: Bytes) -> String where Bytes.Element == UInt8 {
        var value = crc32(body)
        var digits = [UInt8](repeating: alphabet[0], count: checksumLength)
        var index = checksumLength - 1
        while value > 0, index >= 0 {
            digits[index] = alphabet[Int(value % 62)]
            value /= 62
            index -= 1
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// True when the last 38 characters of `token` are a base62 body and its valid checksum.
    public static func hasValidChecksum(_ token: some Collection<UInt8>) -> Bool {
        let bytes = Array(token)
        guard bytes.count >= bodyLength + checksumLength else { return false }
        let tail = bytes[(bytes.count - bodyLength - checksumLength)...]
        guard tail.allSatisfy(isBase62) else { return false }
        let body = tail.prefix(bodyLength)
        let check = tail.suffix(checksumLength)
        return Array(checksum(ofBody: body).utf8) == Array(check)
    }

    static let crcTable: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }
}
