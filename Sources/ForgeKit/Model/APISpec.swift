import OpenAPIKit

/// One OpenAPI document from `Content/api/`, read and checked: the reference pages are made
/// from it. A 3.0 document is converted to OpenAPIKit's 3.1 types, so one renderer serves both.
public struct APISpec: Sendable {
    /// The file name below the api folder: `openai.yaml`.
    public var sourcePath: String
    /// As messages name it: `Content/api/openai.yaml`.
    public var displayPath: String
    /// The folder of its pages below `api/`: `openai`.
    public var slug: String
    /// The `openapi` version the file states: `3.0.0`.
    public var version: String
    public var document: OpenAPI.Document
    /// The file's nodes, for examples in the author's key order (OpenAPIKit keeps literal
    /// values in dictionaries, which have none).
    var source: OpenAPISourceTree

    /// `openai.yaml` → `openai`; `Forge API v2.json` → `forge-api-v2`.
    static func slug(for fileName: String) -> String {
        let stem = fileName.split(separator: ".").dropLast().joined(separator: ".")
        return APISlug.make(stem.isEmpty ? fileName : stem)
    }
}

/// File names for pages made from names a spec chose (tags, operation ids, schema names).
enum APISlug {
    /// Lower case ASCII letters, digits and `-`; anything else becomes one `-`.
    static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isAlphanumeric = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            if isAlphanumeric {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(Unicode.Scalar(UInt8(value >= 0x41 && value <= 0x5A ? value + 0x20 : value)))
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "untitled" : String(out.prefix(80))
    }

    /// A name kept as it is when it is already a safe file name (`[A-Za-z0-9._-]`, no leading
    /// dot), else made into a slug.
    static func fileName(_ name: String) -> String {
        let safe = !name.isEmpty && name.utf8.count <= 100 && !name.hasPrefix(".") && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return safe ? name : make(name)
    }

    /// Gives each name a file name unique without regard to case (`Pet` and `pet` would be
    /// one file on macOS): later ones get `-2`, `-3`.
    static func unique(_ names: [String], fileName: (String) -> String = APISlug.fileName) -> [String] {
        var taken: Set<String> = []
        return names.map { name in
            let base = fileName(name)
            var candidate = base
            var number = 2
            while taken.contains(candidate.lowercased()) || candidate.lowercased() == "index" {
                candidate = "\(base)-\(number)"
                number += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }
}
