/// GitHub's heading ids (github-slugger): lowercase; keep letters, marks, numbers, `_` and `-`;
/// a space becomes `-`; everything else goes. A repeated slug gets `-1`, `-2`, … in document
/// order, skipping any already taken. A heading with nothing left is `section`.
struct HeadingSlugger {
    /// Ids the page around the content uses (`<main id="main">`, the skip link's target).
    static let reserved = ["main"]

    private var taken: [String: Int]

    init(reserved: [String] = HeadingSlugger.reserved) {
        taken = Dictionary(uniqueKeysWithValues: reserved.map { ($0, 0) })
    }

    mutating func slug(for text: String) -> String {
        var base = HeadingSlugger.slug(text)
        if base.isEmpty { base = "section" }
        var candidate = base
        while taken[candidate] != nil {
            let next = (taken[base] ?? 0) + 1
            taken[base] = next
            candidate = "\(base)-\(next)"
        }
        taken[candidate] = 0
        return candidate
    }

    static func slug(_ text: String) -> String {
        // Most headings are ASCII: bytes, without Unicode tables.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    bytes.append(byte)
                case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                scalars.append("-")
                continue
            }
            if scalar == "-" || scalar == "_" {
                scalars.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                scalars.append(scalar)
            default:
                break
            }
        }
        return String(scalars)
    }
}
