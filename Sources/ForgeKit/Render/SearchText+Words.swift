import Foundation

extension SearchText {
    /// The longest word the index keeps (longer ones are data: hashes, base64).
    static let wordLimit = 60

    /// The words of `text` as the search matches them, in order: lower case, accents and other
    /// marks removed after compatibility decomposition (NFKD: "Ü" is "u", "ﬁ" is "fi"), final
    /// sigma as sigma; a word is a run of letters, digits and `_`. search.js does the same in
    /// the browser; Tests/js/search-vectors.json holds the cases both must agree on.
    static func words(in text: String, _ body: (String) -> Void) {
        var folding = Folding()
        var sink = StringSink()
        wordBytes(in: text, folding: &folding, into: &sink)
        sink.words.forEach(body)
    }

    /// What `wordBytes` hands each word to (generic, so that the index's counting is inlined
    /// into the tokenizer's loop).
    protocol WordSink {
        mutating func word(_ bytes: UnsafeBufferPointer<UInt8>)
    }

    private struct StringSink: WordSink {
        var words: [String] = []
        mutating func word(_ bytes: UnsafeBufferPointer<UInt8>) { words.append(String(decoding: bytes, as: UTF8.self)) }
    }

    static func words(in text: String) -> [String] {
        var all: [String] = []
        words(in: text) { all.append($0) }
        return all
    }

    /// The words of `text` as `words(in:)` finds them, as UTF-8 bytes valid during the call:
    /// an ASCII word is lowered into a scratch buffer, no `String` made (the index reads every
    /// word of the site). Runs with letters beyond ASCII take the slow path, whose results
    /// `folding` keeps (the same few — "don’t", "naïve" — come back on every page).
    static func wordBytes<Sink: WordSink>(in text: String, folding: inout Folding, into sink: inout Sink) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
            defer { scratch.deallocate() }
            var index = 0
            while index < count {
                // A chunk between separators: ASCII-only chunks are words as they are.
                var end = index
                var isASCII = true
                var separator = 1
                while end < count {
                    let byte = base[end]
                    if byte < 0x80 {
                        if !(CodeScanner.isLetter(byte) || CodeScanner.isDigit(byte) || byte == UInt8(ascii: "_")) { break }
                    } else if byte == 0xE2, end + 2 < count, base[end + 1] == 0x80 || (base[end + 1] == 0x81 && base[end + 2] < 0xB0) {
                        // U+2000–U+206F (General Punctuation: dashes, quotes, spaces) separates
                        // words as ASCII punctuation does: no character of it is a combining
                        // mark or decomposes to a letter, a digit or `_`, so "don’t" need not
                        // take the slow path.
                        separator = 3
                        break
                    } else {
                        isASCII = false
                    }
                    end += 1
                }
                if end > index {
                    if isASCII {
                        for offset in index..<end {
                            let byte = base[offset]
                            scratch[offset - index] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        }
                        sink.word(UnsafeBufferPointer(start: scratch, count: end - index))
                    } else {
                        let chunk = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                        for word in folding.words(of: chunk) {
                            var word = word
                            word.withUTF8 { sink.word($0) }
                        }
                    }
                }
                index = end + separator
            }
        }
    }

    /// The words of chunks with letters beyond ASCII, remembered: `normalizedWords` goes
    /// through Foundation's Unicode normalization, which costs far more than a lookup.
    struct Folding {
        private var known: [String: [String]] = [:]

        mutating func words(of chunk: String) -> [String] {
            if let words = known[chunk] { return words }
            let words = SearchText.normalizedWords(chunk)
            if known.count < 65_536 { known[chunk] = words }
            return words
        }
    }

    /// The slow path, for text with letters beyond ASCII.
    static func normalizedWords(_ chunk: String) -> [String] {
        var folded = String.UnicodeScalarView()
        for scalar in chunk.decomposedStringWithCompatibilityMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.append(scalar)
        }
        let lower = String(folded).lowercased().replacingOccurrences(of: "ς", with: "σ")
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in lower.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `\p{L}`, `\p{N}` or `_`, as JavaScript's regular expressions count them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
