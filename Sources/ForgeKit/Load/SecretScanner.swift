import Foundation

/// Fails the build when a complete API key sits anywhere in `Content/`: everything there gets
/// published, and a key on GitHub Pages is a leaked key.
///
/// Two kinds of key are recognised (PRODUCT.md §2):
/// - any token whose last 38 characters are a base62 body and its valid CRC-32 checksum
///   (the key format of §6), whatever its prefix;
/// - a token that begins with a provisioned key's `start` and ends with its `end`.
/// Lookalikes that fail the checksum (`sk_createNullaryContinuationJob`) pass: a scanner that
/// cries wolf gets switched off. Messages never print the secret, only its masked form, because
/// build logs are often public.
public struct SecretScanner: Sendable {
    /// Provisioned keys grouped by the length of their `start`, for one dictionary probe per length.
    private let startsByLength: [Int: [String: [APIKey]]]
    /// The keys of `startsByLength`, shortest first, sorted once.
    private let startLengths: [Int]
    /// Whether any provisioned key's `start` begins with this byte: most tokens are dismissed
    /// on their first byte, without building a string.
    private let startsWithByte: [Bool]

    public init(keys: [APIKey]) {
        var grouped: [Int: [String: [APIKey]]] = [:]
        for key in keys {
            grouped[key.start.utf8.count, default: [:]][key.start, default: []].append(key)
        }
        startsByLength = grouped
        startLengths = grouped.keys.sorted()
        var table = [Bool](repeating: false, count: 256)
        for key in keys { if let first = key.start.utf8.first { table[Int(first)] = true } }
        startsWithByte = table
    }

    /// Scans every regular file under `directory` (dot-folders such as `.git` excluded), on
    /// every core, reporting in path order.
    public func scan(directory: URL, displayDirectory: String, diagnostics: inout Diagnostics) {
        let found = FileTree.regularFiles(under: directory).concurrentMap { file -> Diagnostics in
            var local = Diagnostics()
            if let data = try? Data(contentsOf: file.url, options: .alwaysMapped) {
                scan(bytes: [UInt8](data), displayPath: displayDirectory + "/" + file.path, diagnostics: &local)
            }
            return local
        }
        for result in found { diagnostics.merge(result) }
    }

    /// Reports every complete key in `bytes`, at its line and column.
    public func scan(bytes: [UInt8], displayPath: String, diagnostics: inout Diagnostics) {
        var line = 1
        var lineStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard SecretScanner.isTokenByte(byte) else {
                index += 1
                continue
            }
            let start = index
            while index < count, SecretScanner.isTokenByte(bytes[index]) { index += 1 }
            let token = bytes[start..<index]
            if let masked = finding(in: token) {
                let prefix = String(decoding: bytes[lineStart..<start], as: UTF8.self)
                var lineEnd = index
                while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let excerpt = prefix + masked + String(decoding: bytes[index..<lineEnd], as: UTF8.self)
                diagnostics.report(.secret("a complete API key (\(masked)) is in the content, and everything in Content/ gets published: remove it, then revoke the key and create a new one"),
                                   at: SourceLocation(path: displayPath, line: line, column: prefix.unicodeScalars.count + 1),
                                   sourceLine: excerpt.trimmingSuffixCR())
            }
        }
    }

    /// The masked form of `token` when it is a complete key, else nil.
    func finding(in token: ArraySlice<UInt8>) -> String? {
        let minimum = KeyFormat.bodyLength + KeyFormat.checksumLength
        if token.count >= minimum, KeyFormat.hasValidChecksum(token) {
            return SecretScanner.mask(token)
        }
        guard let first = token.first, startsWithByte[Int(first)] else { return nil }
        for length in startLengths where token.count >= length + 4 + 8 {
            guard let starts = startsByLength[length] else { continue }
            let head = String(decoding: token.prefix(length), as: UTF8.self)
            guard let candidates = starts[head] else { continue }
            let tail = String(decoding: token.suffix(4), as: UTF8.self)
            if let key = candidates.first(where: { $0.end == tail }) {
                return key.masked
            }
        }
        return nil
    }

    static func mask(_ token: ArraySlice<UInt8>) -> String {
        let bytes = Array(token)
        let prefixLength = bytes.count - KeyFormat.bodyLength - KeyFormat.checksumLength + 4
        return String(decoding: bytes.prefix(prefixLength), as: UTF8.self) + "..." + String(decoding: bytes.suffix(4), as: UTF8.self)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        KeyFormat.isBase62(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
