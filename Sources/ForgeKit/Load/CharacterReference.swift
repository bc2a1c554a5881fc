/// One HTML character reference as `MarkupDecoder` reads it, byte by byte after its `&`:
/// `&#75;`, `&#x4B;` (the `;` may be missing, as browsers allow) or a name such as `&lowbar;`.
struct CharacterReference {
    enum Step {
        case more
        /// The character; `consumed` is false when the byte that ended it is not its `;`.
        case done(UInt32, consumed: Bool)
        case failed
    }

    private(set) var isOpen = false
    private(set) var from = 0
    private var bytes = InlineArray<34, UInt8>(repeating: 0)
    private var count = 0
    private var isNumeric = false
    private var isHex = false
    private var digits = 0
    private var value: UInt32 = 0

    /// The names that matter to a key: those giving `_`, and those a browser draws as nothing.
    /// Any other name is passed on as written (it can only break a key, as its text does).
    static let names: [String: UInt32] = [
        "lowbar": 0x5F, "UnderBar": 0x5F, "shy": 0xAD, "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F,
        "ZeroWidthSpace": 0x200B, "NegativeVeryThinSpace": 0x200B, "NegativeThinSpace": 0x200B,
        "NegativeMediumSpace": 0x200B, "NegativeThickSpace": 0x200B, "NoBreak": 0x2060,
        "InvisibleTimes": 0x2062, "it": 0x2062, "InvisibleComma": 0x2063, "ic": 0x2063, "af": 0x2061, "ApplyFunction": 0x2061,
    ]

    mutating func open(from: Int) {
        isOpen = true
        self.from = from
        count = 0
        isNumeric = false
        isHex = false
        digits = 0
        value = 0
        keep(0x26)
    }

    mutating func take(_ byte: UInt8) -> Step {
        if count == 1 {
            if byte == UInt8(ascii: "#") {
                isNumeric = true
            } else if !KeyFormat.isBase62(byte) {
                return fail()
            }
            keep(byte)
            return .more
        }
        if isNumeric {
            if count == 2, !isHex, byte | 0x20 == UInt8(ascii: "x") {
                isHex = true
                keep(byte)
                return .more
            }
            if let digit = isHex ? HexDigit.value(byte) : (byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : nil) {
                value = min(value &* (isHex ? 16 : 10) &+ UInt32(digit), 0x110000)
                digits += 1
                keep(byte)
                return .more
            }
            guard digits > 0 else { return fail() }
            isOpen = false
            let scalar = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) ? 0xFFFD : value
            return .done(scalar, consumed: byte == UInt8(ascii: ";"))
        }
        if KeyFormat.isBase62(byte), count < 33 {
            keep(byte)
            return .more
        }
        guard byte == UInt8(ascii: ";"), CharacterReference.mayBeName(length: count - 1, first: bytes[1]) else { return fail() }
        var name = ""
        for index in 1..<count { name.unicodeScalars.append(Unicode.Scalar(bytes[index])) }
        guard let value = CharacterReference.names[name] else { return fail() }
        isOpen = false
        return .done(value, consumed: true)
    }

    /// The bytes taken so far, from `&`, for a reference that turned out not to be one.
    mutating func abandon() -> (bytes: [UInt8], from: Int) {
        isOpen = false
        var taken: [UInt8] = []
        for index in 0..<count { taken.append(bytes[index]) }
        count = 0
        return (taken, from)
    }

    private func fail() -> Step { .failed }

    /// The lengths and first letters of `names`, one bit each: the common references of
    /// escaped text (`&quot;`, `&amp;`, `&lt;`) are none of them, and fail here without a
    /// string made and looked up.
    private static let nameShapes: [UInt64] = {
        var shapes = [UInt64](repeating: 0, count: 34)
        for name in names.keys {
            let bytes = Array(name.utf8)
            shapes[bytes.count] |= 1 << UInt64(firstLetterBit(bytes[0]))
        }
        return shapes
    }()

    private static func firstLetterBit(_ byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x5A: Int(byte - 0x41) + 10
        case 0x61...0x7A: Int(byte - 0x61) + 36
        default: 63
        }
    }

    private static func mayBeName(length: Int, first: UInt8) -> Bool {
        length > 0 && length < nameShapes.count && nameShapes[length] & 1 << UInt64(firstLetterBit(first)) != 0
    }

    private mutating func keep(_ byte: UInt8) {
        guard count < 34 else { return }
        bytes[count] = byte
        count += 1
    }
}
