/// A secret-scan stage that reads HTML (or Markdown's inline HTML) as a browser shows it: tags
/// and comments vanish, so `HALF1<!-- -->HALF2` and `HALF1<b></b>HALF2` are one word of text,
/// character references are decoded (`&#75;`, `&#x4B;`, `&lowbar;`), and invisible characters
/// (`&shy;`, a zero-width space) are dropped. Attribute values go to their own sink, decoded
/// too, each ending in a boundary: an attribute does not join the text around its tag.
///
/// For Markdown, the emphasis, strikethrough and code delimiters (`*`, `~`, `` ` ``) vanish too:
/// `HALF1**HALF2**` is one word once rendered.
///
/// Linear: no lookahead beyond a character reference (at most 32 bytes), whatever the input.
struct MarkupDecoder<Text: SecretSink, Attributes: SecretSink>: SecretSink {
    var text: Text
    var attributes: Attributes
    let isMarkdown: Bool

    private enum State {
        case text, lessThan, tag, beforeValue, quoted, unquoted, declaration, comment, bogus
    }

    private var state = State.text
    private var quote: UInt8 = 0
    /// Dashes seen in a row inside a comment, to find its `-->`.
    private var dashes = 0
    private var lessThanFrom = 0
    private var reference = CharacterReference()
    private var textInvisible = InvisibleScalarFilter()
    private var attributeInvisible = InvisibleScalarFilter()
    private var lastTo = 0

    private let plain: [Bool]

    init(text: Text, attributes: Attributes, isMarkdown: Bool = false) {
        self.text = text
        self.attributes = attributes
        self.isMarkdown = isMarkdown
        plain = isMarkdown ? SecretView.plainForMarkdown : SecretView.plainForHTML
    }

    /// Decodes a whole input, copying the runs of text that hold nothing to decode, then ends it.
    mutating func decode(_ input: [UInt8]) {
        let table = plain
        input.withUnsafeBufferPointer { input in table.withUnsafeBufferPointer { plain in
            var index = 0
            while index < input.count {
                if state == .text, !reference.isOpen, textInvisible.isIdle {
                    let start = index
                    while index < input.count, plain[Int(input[index])] { index += 1 }
                    if index > start {
                        lastTo = index
                        text.take(run: UnsafeBufferPointer(rebasing: input[start..<index]), from: start)
                    }
                    guard index < input.count else { break }
                } else if state == .tag {
                    // Names and spaces inside a tag go nowhere: skip to what changes the state.
                    while index < input.count, input[index] != 0x3E, input[index] != 0x22, input[index] != 0x27,
                        input[index] != 0x3D { index += 1 }
                    guard index < input.count else { break }
                } else if state == .quoted, !reference.isOpen, attributeInvisible.isIdle {
                    let start = index
                    while index < input.count, input[index] != quote, plain[Int(input[index])] { index += 1 }
                    if index > start {
                        lastTo = index
                        attributes.take(run: UnsafeBufferPointer(rebasing: input[start..<index]), from: start)
                    }
                    guard index < input.count else { break }
                }
                take(input[index], from: index, to: index + 1)
                index += 1
            }
        } }
        boundary()
    }

    @inline(__always)
    mutating func take(_ byte: UInt8, from: Int, to: Int) {
        lastTo = to
        if state == .text, !reference.isOpen, byte != 0x3C, byte != 0x26, !(isMarkdown && MarkupDecoder.isDelimiter(byte)) {
            if !textInvisible.take(byte, from: from, to: to, into: &text) { text.take(byte, from: from, to: to) }
            return
        }
        decode(byte, from: from, to: to)
    }

    mutating func boundary() {
        finish()
        text.boundary()
        attributes.boundary()
    }

    mutating func finish() {
        closeReference(to: lastTo)
        if state == .lessThan { text.take(0x3C, from: lessThanFrom, to: lessThanFrom + 1) }
        textInvisible.flush(into: &text, to: lastTo)
        attributeInvisible.flush(into: &attributes, to: lastTo)
        state = .text
    }

    private var inAttribute: Bool { state == .quoted || state == .unquoted }

    private mutating func decode(_ byte: UInt8, from: Int, to: Int) {
        if reference.isOpen {
            switch reference.take(byte) {
            case .more:
                return
            case .done(let value, let consumed):
                emitReference(value, from: reference.from, to: consumed ? to : from)
                if consumed { return }
            case .failed:
                closeReference(to: from)
            }
        }
        switch state {
        case .text:
            switch byte {
            case 0x3C:
                textInvisible.flush(into: &text, to: from)
                state = .lessThan
                lessThanFrom = from
            case 0x26:
                textInvisible.flush(into: &text, to: from)
                reference.open(from: from)
            default:
                if isMarkdown, MarkupDecoder.isDelimiter(byte) { break }
                if !textInvisible.take(byte, from: from, to: to, into: &text) { text.take(byte, from: from, to: to) }
            }
        case .lessThan:
            if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == UInt8(ascii: "/") {
                state = .tag
            } else if byte == UInt8(ascii: "!") {
                state = .declaration
            } else if byte == UInt8(ascii: "?") {
                state = .bogus
            } else {
                // Not a tag: `a < b` is text.
                state = .text
                text.take(0x3C, from: lessThanFrom, to: lessThanFrom + 1)
                take(byte, from: from, to: to)
            }
        case .tag:
            switch byte {
            case UInt8(ascii: ">"): state = .text
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = byte
                state = .quoted
            case UInt8(ascii: "="): state = .beforeValue
            default: break
            }
        case .beforeValue:
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D: break
            case UInt8(ascii: ">"): state = .text
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = byte
                state = .quoted
            default:
                state = .unquoted
                attributeByte(byte, from: from, to: to)
            }
        case .quoted:
            if byte == quote {
                endAttribute(to: from)
                state = .tag
            } else {
                attributeByte(byte, from: from, to: to)
            }
        case .unquoted:
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                endAttribute(to: from)
                state = .tag
            case UInt8(ascii: ">"):
                endAttribute(to: from)
                state = .text
            default:
                attributeByte(byte, from: from, to: to)
            }
        case .declaration:
            if byte == UInt8(ascii: "-") {
                dashes += 1
                if dashes == 2 {
                    dashes = 0
                    state = .comment
                }
            } else {
                dashes = 0
                state = byte == UInt8(ascii: ">") ? .text : .bogus
            }
        case .comment:
            if byte == UInt8(ascii: ">"), dashes >= 2 {
                state = .text
            }
            dashes = byte == UInt8(ascii: "-") ? dashes + 1 : 0
        case .bogus:
            if byte == UInt8(ascii: ">") { state = .text }
        }
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == 0x2A || byte == 0x60 || byte == 0x7E
    }

    private mutating func attributeByte(_ byte: UInt8, from: Int, to: Int) {
        if byte == 0x26 {
            attributeInvisible.flush(into: &attributes, to: from)
            reference.open(from: from)
        } else if !attributeInvisible.take(byte, from: from, to: to, into: &attributes) {
            attributes.take(byte, from: from, to: to)
        }
    }

    private mutating func endAttribute(to: Int) {
        closeReference(to: to)
        attributeInvisible.flush(into: &attributes, to: to)
        attributes.boundary()
    }

    private mutating func emitReference(_ value: UInt32, from: Int, to: Int) {
        if inAttribute {
            InvisibleScalars.emit(value, from: from, to: to, into: &attributes)
        } else {
            InvisibleScalars.emit(value, from: from, to: to, into: &text)
        }
    }

    /// A reference that ended without being one: its bytes as they came.
    private mutating func closeReference(to: Int) {
        guard reference.isOpen else { return }
        let (bytes, from) = reference.abandon()
        for (offset, byte) in bytes.enumerated() {
            if inAttribute {
                attributes.take(byte, from: from + offset, to: from + offset + 1)
            } else {
                text.take(byte, from: from + offset, to: from + offset + 1)
            }
        }
    }
}
