/// Two text rules of keystore.js, the same in Swift, so a name or an owner that the API Keys
/// dialog accepts `forge keys add` accepts too (checked by the shared vectors in
/// `Tests/key-file-vectors.json`).
enum JSText {
    /// JavaScript's `String.prototype.trim` and `\s`: WhiteSpace and LineTerminator (ECMA-262),
    /// which is not Unicode's White_Space (U+FEFF is in, U+0085 is out).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
              let last = scalars.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// keystore.js `EMAIL`, at most 254 UTF-16 units:
    /// `^[^\s@"<>,;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$`
    /// — no spaces, one @, a dotted ASCII domain. (`{1,64}` counts UTF-16 units, as the
    /// regular expression, which has no `u` flag, does.)
    static func isEmail(_ text: String) -> Bool {
        guard text.utf16.count <= 254 else { return false }
        let parts = text.split(separator: "@", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard (1...64).contains(local.utf16.count),
              !local.unicodeScalars.contains(where: { isWhitespace($0) || "\"<>,;".unicodeScalars.contains($0) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy(isDomainLabel)
    }

    private static func isDomainLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        let alphanumeric = { (byte: UInt8) in KeyFormat.isBase62(byte) }
        guard let first = bytes.first, let last = bytes.last, alphanumeric(first), alphanumeric(last) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}
