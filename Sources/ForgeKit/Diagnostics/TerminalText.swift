/// Text from the user's files on its way to a terminal or a CI log.
public enum TerminalText {
    /// `text` with every control character but tab and line feed shown as its Control Pictures
    /// symbol (`␀`, `␇`, `␍`, `␡`; C1 controls as `�`): a NUL or an escape sequence in a data
    /// file must not garble the terminal, hide the rest of a line or rewrite what was printed.
    /// One scalar for one scalar, so a caret under the line still points at its column.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: out.append(scalar)
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A) || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }
}
