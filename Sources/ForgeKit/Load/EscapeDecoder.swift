/// A secret-scan stage that undoes backslash and percent escapes, as YAML, JSON, JavaScript,
/// Markdown and URLs do: `\x4B`, `\u004B`, `\U0000004B`, `\u{4B}`, `\_`, `%4B`, and YAML's
/// line continuation (`\` at the end of a line joins the next one, without its indentation).
///
/// It decodes more than any one of those languages does: a key that only one of them would
/// see is still seen. What is not an escape is passed on as it came.
struct EscapeDecoder<Next: SecretSink>: SecretSink {
    var next: Next

    private enum State {
        case text, backslash, hex, percent, carriageReturn, indentation
    }

    private var state = State.text
    /// The escape so far, to pass on as it came when it turns out not to be one.
    private var pending = InlineArray<12, UInt8>(repeating: 0)
    private var pendingFrom = InlineArray<12, Int>(repeating: 0)
    private var pendingTo = InlineArray<12, Int>(repeating: 0)
    private var pendingCount = 0
    private var digitsLeft = 0
    private var digitsSeen = 0
    private var braceAllowed = false
    private var braced = false
    private var value: UInt32 = 0
    private var lastTo = 0
    private var invisible = InvisibleScalarFilter()

    private let plain = SecretView.plainForEscapes

    init(_ next: Next) {
        self.next = next
    }

    /// Decodes a whole input, copying the runs that hold nothing to decode, then ends it.
    mutating func decode(_ input: [UInt8]) {
        let table = plain
        input.withUnsafeBufferPointer { input in table.withUnsafeBufferPointer { plain in
            var index = 0
            while index < input.count {
                if state == .text, invisible.isIdle {
                    let start = index
                    while index < input.count, plain[Int(input[index])] { index += 1 }
                    if index > start {
                        lastTo = index
                        next.take(run: UnsafeBufferPointer(rebasing: input[start..<index]), from: start)
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
        if state == .text, byte != 0x5C, byte != 0x25 {
            if !invisible.take(byte, from: from, to: to, into: &next) { next.take(byte, from: from, to: to) }
            return
        }
        decode(byte, from: from, to: to)
    }

    mutating func boundary() {
        finish()
        next.boundary()
    }

    /// Passes on an escape left open at the end of the input.
    mutating func finish() {
        invisible.flush(into: &next, to: lastTo)
        flushPending()
        state = .text
    }

    private mutating func decode(_ byte: UInt8, from: Int, to: Int) {
        switch state {
        case .text:
            invisible.flush(into: &next, to: from)
            pendingCount = 0
            keep(byte, from: from, to: to)
            if byte == 0x5C {
                state = .backslash
            } else {
                startHex(2, as: .percent)
            }
        case .backslash:
            keep(byte, from: from, to: to)
            switch byte {
            case UInt8(ascii: "x"): startHex(2, as: .hex)
            case UInt8(ascii: "u"): startHex(4, as: .hex)
            case UInt8(ascii: "U"): startHex(8, as: .hex)
            case 0x0A: drop(then: .indentation)
            case 0x0D: drop(then: .carriageReturn)
            case UInt8(ascii: "0"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "v"),
                 UInt8(ascii: "f"), UInt8(ascii: "r"), UInt8(ascii: "e"), UInt8(ascii: "N"), UInt8(ascii: "L"), UInt8(ascii: "P"),
                 0x09, 0x20:
                // A control character, a line or page break, a space: nothing a key goes through.
                drop(then: .text)
                next.boundary()
            default:
                if byte >= 0x21, byte <= 0x7E, !KeyFormat.isBase62(byte) {
                    // Escaped punctuation (Markdown's `\_`, JSON's `\/`): the character itself.
                    let from = pendingFrom[0]
                    drop(then: .text)
                    next.take(byte, from: from, to: to)
                } else {
                    flushPending()
                    state = .text
                }
            }
        case .hex, .percent:
            if braceAllowed, digitsSeen == 0, byte == UInt8(ascii: "{") {
                // `\u{4B}`: JavaScript's form, one to six digits between braces.
                keep(byte, from: from, to: to)
                braced = true
                braceAllowed = false
                return
            }
            if let digit = HexDigit.value(byte), !(braced && digitsSeen == 6) {
                keep(byte, from: from, to: to)
                value = value << 4 | UInt32(digit)
                digitsSeen += 1
                if !braced, digitsSeen == digitsLeft { emit(to: to) }
                return
            }
            if braced, byte == UInt8(ascii: "}"), digitsSeen > 0 {
                emit(to: to)
                return
            }
            flushPending()
            state = .text
            take(byte, from: from, to: to)
        case .carriageReturn:
            state = .indentation
            if byte != 0x0A { take(byte, from: from, to: to) }
        case .indentation:
            if byte == 0x20 || byte == 0x09 { return }
            state = .text
            take(byte, from: from, to: to)
        }
    }

    private mutating func startHex(_ digits: Int, as kind: State) {
        state = kind
        digitsLeft = digits
        digitsSeen = 0
        braceAllowed = digits == 4
        braced = false
        value = 0
    }

    private mutating func emit(to: Int) {
        let from = pendingFrom[0]
        let isByte = state == .percent
        drop(then: .text)
        if isByte {
            next.take(UInt8(truncatingIfNeeded: value), from: from, to: to)
        } else {
            InvisibleScalars.emit(value, from: from, to: to, into: &next)
        }
    }

    private mutating func keep(_ byte: UInt8, from: Int, to: Int) {
        guard pendingCount < 12 else { return }
        pending[pendingCount] = byte
        pendingFrom[pendingCount] = from
        pendingTo[pendingCount] = to
        pendingCount += 1
    }

    private mutating func drop(then next: State) {
        pendingCount = 0
        braced = false
        state = next
    }

    private mutating func flushPending() {
        for index in 0..<pendingCount { next.take(pending[index], from: pendingFrom[index], to: pendingTo[index]) }
        pendingCount = 0
        braced = false
    }
}

enum HexDigit {
    static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
