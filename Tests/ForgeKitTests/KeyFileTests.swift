import Foundation
import Testing
@testable import ForgeKit

/// `forge keys add` writes the key file the dialog offers, byte for byte, and makes keys as the
/// dialog does: the vectors of `Tests/key-file-vectors.json` are shared with
/// `Tests/js/key-file-vectors.test.js` (keystore.js).
@Suite struct KeyFileTests {
    struct Vectors: Decodable {
        struct Fields: Decodable {
            var id, name, start, end, sha256, created: String
            var expires: String?
            var scopes: [String]?
            var owner: String?
        }
        struct File: Decodable { var note: String; var fields: Fields; var path: String; var text: String; var loads: Bool }
        struct Name: Decodable { var raw: String; var name: String?; var valid: Bool }
        struct Owner: Decodable { var raw: String; var owner: String?; var valid: Bool }
        struct Hash: Decodable { var text: String; var sha256: String }
        var files: [File]
        var names: [Name]
        var owners: [Owner]
        var sha256: [Hash]
    }

    static let vectors: Vectors = {
        let url = ForgeProcess.repository.appendingPathComponent("Tests/key-file-vectors.json")
        do {
            return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        } catch {
            Issue.record(error, "cannot read \(url.path)")
            return Vectors(files: [], names: [], owners: [], sha256: [])
        }
    }()

    static func keyFile(_ f: Vectors.Fields) throws -> KeyFile {
        KeyFile(id: f.id, name: f.name, start: f.start, end: f.end, sha256: f.sha256, created: try #require(Day(parsing: f.created)),
                expires: f.expires.flatMap { Day(parsing: $0) }, scopes: f.scopes ?? [], owner: f.owner)
    }

    @Test func writesEveryVectorByteForByte() throws {
        #expect(Self.vectors.files.count >= 20)
        for vector in Self.vectors.files {
            let file = try Self.keyFile(vector.fields)
            #expect(file.text == vector.text, "\(vector.note)")
            #expect("Content/" + file.relativePath == vector.path, "\(vector.note)")
        }
    }

    /// What the dialog and `keys add` write, forge reads back to the same fields.
    @Test func theLoaderReadsEveryVectorBackToItsFields() throws {
        for vector in Self.vectors.files where vector.loads {
            var diagnostics = Diagnostics()
            var context = KeysLoader.Context()
            let source = SourceText(displayPath: vector.path, text: vector.text)
            let root = try #require(YAMLDocument.parse(source, diagnostics: &diagnostics)?.root, "\(vector.note)")
            let key = KeyFilesLoader.read(root, source: source, fileName: vector.fields.id + ".yaml", context: &context, diagnostics: &diagnostics)
            #expect(messages(diagnostics) == [], "\(vector.note)")
            let f = vector.fields
            #expect(key.map { [$0.id, $0.name, $0.start, $0.end, $0.sha256 ?? "", $0.created.description, $0.expires?.description ?? "", $0.owner ?? ""] }
                    == [f.id, f.name, f.start, f.end, f.sha256, f.created, f.expires ?? "", f.owner ?? ""], "\(vector.note)")
            #expect(key?.scopes == (f.scopes ?? []), "\(vector.note)")
        }
        #expect(Self.vectors.files.filter(\.loads).count >= 18)
    }

    @Test func namesAndOwnersAreValidatedAsTheDialogDoes() {
        for vector in Self.vectors.names {
            let name = try? KeyRequest.validName(vector.raw)
            #expect((name != nil) == vector.valid, "\(vector.raw.debugDescription)")
            if vector.valid { #expect(name == vector.name, "\(vector.raw.debugDescription)") }
        }
        for vector in Self.vectors.owners {
            let result = Result { () throws(KeysError) -> String? in try KeyRequest.validOwner(vector.raw) }
            switch result {
            case .success(let owner):
                #expect(vector.valid && owner == vector.owner, "\(vector.raw.debugDescription)")
            case .failure:
                #expect(!vector.valid, "\(vector.raw.debugDescription)")
            }
        }
    }

    @Test func hashesAreTheSecretsSHA256InLowercaseHex() {
        for vector in Self.vectors.sha256 {
            #expect(KeyMaker.sha256Hex(vector.text) == vector.sha256)
        }
    }

    // MARK: - KeyMaker

    /// Hands out the given bytes, eight to a word (lowest byte first), then zeros.
    struct ScriptedBytes: RandomNumberGenerator {
        var bytes: [UInt8]
        mutating func next() -> UInt64 {
            var word: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) where !bytes.isEmpty {
                word |= UInt64(bytes.removeFirst()) << UInt64(shift)
            }
            return word
        }
    }

    /// The bodies of `Tests/key-vectors.json`: a key's checksum is theirs.
    @Test func aKeyIsThePrefixTheRandomBodyAndItsChecksum() {
        for vector in KeyFormatTests.vectors.bodies.prefix(8) {
            var random = ScriptedBytes(bytes: vector.body.utf8.map { UInt8(KeyFormat.alphabet.firstIndex(of: $0) ?? 0) })
            let key = KeyMaker.makeKey(prefix: "sk_", using: &random)
            #expect(key.secret == "sk_" + vector.body + vector.checksum, "\(vector.note)")
            #expect(key.start == "sk_" + vector.body.prefix(4) && key.end == String(vector.checksum.suffix(4)))
            #expect(KeyFormat.hasValidChecksum(Array(key.secret.utf8)))
            #expect(key.sha256 == KeyMaker.sha256Hex(key.secret))
        }
    }

    /// Bytes 248-255 would make the first 8 characters of the alphabet likelier: they are drawn again.
    @Test func bytesThatWouldBiasTheAlphabetAreDrawnAgain() {
        var random = ScriptedBytes(bytes: [248, 255, 0, 61, 62, 247, 250] + Array(repeating: 1, count: 40))
        let body = KeyMaker.randomBase62(count: 32, using: &random)
        #expect(String(decoding: body.prefix(5), as: UTF8.self) == "0z0z1")
        #expect(body.count == 32)
        // Every byte below 248 maps to alphabet[byte % 62]: each character 4 times over 0..<248.
        var counts = [UInt8: Int]()
        var all = ScriptedBytes(bytes: Array(0...255))
        for character in KeyMaker.randomBase62(count: 248, using: &all) { counts[character, default: 0] += 1 }
        #expect(counts.count == 62 && counts.values.allSatisfy { $0 == 4 })
    }

    @Test func idsAreKeyAnd16HexDigitsAndNeverTaken() {
        var random = ScriptedBytes(bytes: Array(repeating: 0xAB, count: 8) + [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF])
        #expect(KeyMaker.makeID(taken: ["key_abababababababab"], using: &random) == "key_0123456789abcdef")
        var system = SystemRandomNumberGenerator()
        let id = KeyMaker.makeID(taken: [], using: &system)
        #expect(id.count == 20 && APIKey.isValidID(id) && id.hasPrefix("key_"))
    }
}
