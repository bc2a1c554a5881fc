/// Where a decoding stage of the secret scan sends its bytes: a `SecretView`, which
/// `KeyFinder` then reads (or a `SecretDrain`, for what is not published).
///
/// Every byte carries the span of the input it came from (`from..<to`), so a key found in
/// decoded text (`sk_\x4B…`, `&#75;…`) is still reported at its line and column and masked
/// there, encoding and all.
protocol SecretSink {
    mutating func take(_ byte: UInt8, from: Int, to: Int)
    /// Bytes that came as they are, from input offset `from` on.
    mutating func take(run: UnsafeBufferPointer<UInt8>, from: Int)
    /// Nothing a key could continue through: the end of an attribute value, of a file.
    mutating func boundary()
}

extension SecretSink {
    mutating func take(run: UnsafeBufferPointer<UInt8>, from: Int) {
        for index in run.indices { take(run[index], from: from + index, to: from + index + 1) }
    }
}

/// Drops what it is given: the attribute values of Markdown's raw HTML, which cmark omits.
struct SecretDrain: SecretSink {
    @inline(__always)
    mutating func take(_ byte: UInt8, from: Int, to: Int) {}
    mutating func take(run: UnsafeBufferPointer<UInt8>, from: Int) {}
    mutating func boundary() {}
}

/// Unicode scalars a browser draws as nothing, so that `HALF1&#8203;HALF2` reads (and copies)
/// as one word: a decoder drops them instead of passing them on.
enum InvisibleScalars {
    /// The first bytes of those scalars in UTF-8: every other byte can pass unlooked at.
    @inline(__always)
    static func isLeadByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xC2, 0xCD, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF, 0xF0, 0xF3: true
        default: false
        }
    }

    static func contains(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200F,
             0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0x1BCA0...0x1BCA3,
             0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// Sends `value` on as UTF-8, or nothing when it is invisible; a number that is no scalar
    /// breaks a key as any other non-key character does.
    @inline(__always)
    static func emit<Sink: SecretSink>(_ value: UInt32, from: Int, to: Int, into sink: inout Sink) {
        if value < 0x80 {
            sink.take(UInt8(value), from: from, to: to)
            return
        }
        if contains(value) { return }
        guard let scalar = Unicode.Scalar(value) else {
            sink.boundary()
            return
        }
        for byte in scalar.utf8 {
            sink.take(byte, from: from, to: to)
        }
    }
}

/// Holds the bytes of one raw UTF-8 sequence until it is complete, to drop it when it is an
/// invisible scalar (a zero-width space typed between two halves of a key).
struct InvisibleScalarFilter {
    private var bytes: UInt32 = 0
    private var count = 0
    private var needed = 0
    private var value: UInt32 = 0
    private var start = 0

    /// True when it took the byte; false when the caller handles it as usual.
    @inline(__always)
    mutating func take<Sink: SecretSink>(_ byte: UInt8, from: Int, to: Int, into sink: inout Sink) -> Bool {
        if needed == 0 {
            guard InvisibleScalars.isLeadByte(byte) else { return false }
            needed = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : 1
            value = UInt32(byte) & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F)
            bytes = UInt32(byte)
            count = 1
            start = from
            return true
        }
        guard byte & 0xC0 == 0x80 else {
            flush(into: &sink, to: from)
            return false
        }
        value = value << 6 | UInt32(byte & 0x3F)
        bytes |= UInt32(byte) << (8 * UInt32(count))
        count += 1
        needed -= 1
        if needed == 0 {
            if InvisibleScalars.contains(value) {
                count = 0
            } else {
                flush(into: &sink, to: to)
            }
        }
        return true
    }

    var isIdle: Bool { count == 0 }

    /// Passes on what is held, as it came.
    @inline(__always)
    mutating func flush<Sink: SecretSink>(into sink: inout Sink, to: Int) {
        if count > 0 { flushHeld(into: &sink, to: to) }
    }

    private mutating func flushHeld<Sink: SecretSink>(into sink: inout Sink, to: Int) {
        for index in 0..<count {
            sink.take(UInt8(truncatingIfNeeded: bytes >> (8 * UInt32(index))), from: start, to: to)
        }
        count = 0
        needed = 0
    }
}
