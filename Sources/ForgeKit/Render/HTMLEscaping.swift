extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` written as entities, exactly as Mustache's
    /// `{{value}}` writes it: safe in HTML, SVG and XML content and in quoted attributes.
    var htmlEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        return replacingScalars { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// The text with every scalar that `replacement` gives text for written as that text, the
    /// others as they are: the one loop behind `htmlEscaped` and `JSONScript.escape`.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) {
                out += text
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
