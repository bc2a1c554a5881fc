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

    private func decodeBase62(_ text: String) -> UInt64 {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return text.reduce(0) { $0 * 62 + UInt64(alphabet.firstIndex(of: $1) ?? 0) }
    }
}
