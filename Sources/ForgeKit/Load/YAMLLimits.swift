/// What any YAML file of a site may hold: one set of rules for the files read into a tree
/// (`YAMLComposer`: site, keys, plans, front matter) and for the usage files read as a stream
/// (`YAMLUsageWalker`).
///
/// - Aliases: a file may repeat what it anchored, but what the aliases add up to is bounded
///   (`aliasBudget`), so 3,000 aliases of a 200,000-character string stop at the alias that
///   crosses the bound instead of building 600 MB. Usage files, read as a stream, take no
///   aliases at all: an export never needs them.
/// - Nesting and size: no configuration needs more than a few levels or megabytes.
/// - Explicit tags (`!!str`, `!!python/object…`, `!foo`) are an error: a field's type comes from
///   the schema, and a tag could only be a mistake or an attempt at a YAML library's objects.
/// - Control characters, whether typed or written as escapes (`"\x07"`, `"\u0000"`), are an
///   error: they garble terminals and pages and never belong in a name or a number.
enum YAMLLimits {
    /// Nodes plus scalar bytes that aliases may add to one file, in all.
    static let aliasBudget = 1_000_000
    /// Mappings and lists inside one another.
    static let maximumDepth = 64
    /// The size of a file read into a tree (site.yaml, keys.yaml, plans.yaml, front matter).
    static let maximumFileBytes = 16 << 20

    static func tagProblem(_ tag: String) -> ContentError.Reason {
        .syntax("YAML: explicit tags such as \(shortForm(ofTag: tag)) are not supported: write the value plainly, its type comes from " +
            "the field")
    }

    /// `tag:yaml.org,2002:str` as it was written, `!!str`.
    static func shortForm(ofTag tag: String) -> String {
        let standard = "tag:yaml.org,2002:"
        if tag.hasPrefix(standard) { return "!!" + tag.dropFirst(standard.count) }
        return tag.hasPrefix("!") ? tag : "!<\(tag)>"
    }

    /// The first control character of `text`: C0 but tab, line feed and carriage return; DEL;
    /// C1.
    static func controlCharacter(in text: String) -> Unicode.Scalar? {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return nil }
        return text.unicodeScalars.first { isControl($0) }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// `U+0007 (BEL)`.
    static func name(of scalar: Unicode.Scalar) -> String {
        let names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                     "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        if scalar.value < 0x20 { return "\(code) (\(names[Int(scalar.value)]))" }
        return scalar.value == 0x7F ? "\(code) (DEL)" : code
    }

    /// `1,000,000`, the same in every locale.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func controlProblem(field: String, _ scalar: Unicode.Scalar) -> ContentError.Reason {
        .invalidValue(field: field,
            problem: "holds the control character \(name(of: scalar)); control characters are not allowed, typed or escaped")
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
