import Foundation
import Testing
@testable import ForgeKit

@Suite struct KeyFormatTests {
    // Expected values from zlib: python3 -c "import zlib; print(zlib.crc32(b'...'))"
    @Test func crc32MatchesZlib() {
        #expect(KeyFormat.crc32(Array("".utf8)) == 0)
        #expect(KeyFormat.crc32(Array("hello".utf8)) == 907_060_870)
        #expect(KeyFormat.crc32(Array("The quick brown fox jumps over the lazy dog".utf8)) == 1_095_738_169)
        #expect(KeyFormat.crc32(Array("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8)) == 3_400_603_511)
    }

    @Test func checksumIsCRC32InBase62PaddedToSix() {
        // Decoded independently of the encoder: six base62 digits that read back as the CRC.
        let checksum = KeyFormat.checksum(ofBody: Array("hello".utf8))
        #expect(checksum.count == 6)
        #expect(decodeBase62(checksum) == 907_060_870)
        #expect(KeyFormat.checksum(ofBody: Array("".utf8)) == "000000")
    }

    @Test func recognisesValidKeysAndRejectsLookalikes() {
        let body = "Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4F"
        let key = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
        #expect(KeyFormat.hasValidChecksum(Array(key.utf8)))
        #expect(!KeyFormat.hasValidChecksum(Array(("sk_" + body + "000000").utf8)))
        #expect(!KeyFormat.hasValidChecksum(Array("sk_createNullaryContinuationJob".utf8)))
        #expect(!KeyFormat.hasValidChecksum(Array("sk_createNullaryContinuationJobWithExtraLongName".utf8)))
    }

    /// A body with a character outside base62 is no key, even followed by the checksum of its
    /// bytes (`make mutants` found nothing checking this).
    @Test func aBodyOutsideBase62IsNoKeyWhateverItsChecksum() {
        for odd in ["_", "-", ".", "é"] {
            let body = "Ab3dEf7hIj1lMn0p" + odd + "r5tUv9xYz2bCd4F".prefix(32 - 16 - odd.utf8.count)
            #expect(body.utf8.count == 32)
            let token = "sk_" + body + KeyFormat.checksum(ofBody: Array(body.utf8))
            #expect(!KeyFormat.hasValidChecksum(Array(token.utf8)), "\(odd)")
        }
    }

    // MARK: - Tests/key-vectors.json, shared with Tests/js/key-vectors.test.js

    struct Vectors: Decodable {
        struct CRC: Decodable { var text: String; var crc32: UInt32 }
        struct Body: Decodable { var body: String; var crc32: UInt32; var checksum: String; var note: String }
        struct Token: Decodable { var token: String; var valid: Bool; var note: String }
        var crc32: [CRC]
        var bodies: [Body]
        var tokens: [Token]
    }

    static let vectors: Vectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("key-vectors.json")
        do {
            return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        } catch {
            Issue.record(error, "cannot read \(url.path)")
            return Vectors(crc32: [], bodies: [], tokens: [])
        }
    }()

    @Test func theVectorsCoverBothSidesOfSixDigits() {
        // 62^5: the first checksum digit is zero below it and not above. A digit loop that
        // stops before index 0 (`index > 0`) gets every checksum above it wrong.
        let sixDigits = 916_132_832 as UInt32
        #expect(Self.vectors.bodies.filter { $0.crc32 >= sixDigits }.count >= 3)
        #expect(Self.vectors.bodies.contains { $0.crc32 < sixDigits && $0.checksum.hasPrefix("0") })
        #expect(Self.vectors.bodies.contains { $0.checksum.hasPrefix("00") })
    }

    @Test func crc32MatchesTheVectors() {
        for vector in Self.vectors.crc32 {
            #expect(KeyFormat.crc32(Array(vector.text.utf8)) == vector.crc32, "\(vector.text)")
        }
    }

    @Test func checksumsMatchTheVectors() {
        for vector in Self.vectors.bodies {
            #expect(KeyFormat.crc32(Array(vector.body.utf8)) == vector.crc32, "\(vector.note)")
            #expect(KeyFormat.checksum(ofBody: Array(vector.body.utf8)) == vector.checksum, "\(vector.note)")
        }
    }

    @Test func tokensMatchTheVectors() {
        for vector in Self.vectors.tokens {
            #expect(KeyFormat.hasValidChecksum(Array(vector.token.utf8)) == vector.valid, "\(vector.note)")
            // The scanner agrees: a valid token is one finding, a lookalike none.
            let found = SecretScanner(keys: []).findings(in: Array(vector.token.utf8))
            #expect(found.count == (vector.valid ? 1 : 0), "\(vector.note)")
        }
    }

    private func decodeBase62(_ text: String) -> UInt64 {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return text.reduce(0) { $0 * 62 + UInt64(alphabet.firstIndex(of: $1) ?? 0) }
    }
}
