/// Swift: nested block comments, multi-line `"""` and raw `#"…"#` strings, `@attributes`
/// and `#directives`; the name after `func` is a function, after `struct`/`class`/`enum`/
/// `protocol`/`actor`/`extension` a type.
extension CLikeSyntax {
    static let swift = CLikeSyntax(
        keywords: ["actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
                   "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough",
                   "fileprivate", "final", "for", "func", "guard", "if", "import", "in", "init", "inout", "internal",
                   "is", "let", "mutating", "nonisolated", "open", "operator", "override", "private", "protocol",
                   "public", "repeat", "rethrows", "return", "self", "Self", "some", "static", "struct", "subscript",
                   "super", "switch", "throw", "throws", "try", "typealias", "var", "where", "while"],
        literals: ["true", "false", "nil"],
        nestedBlockComments: true,
        quotes: [UInt8(ascii: "\"")],
        tripleQuotes: true,
        rawHashStrings: true,
        atMeta: true,
        hashMeta: true,
        upperCaseTypes: true,
        functionIntroducers: ["func"],
        typeIntroducers: ["struct", "class", "enum", "protocol", "actor", "extension", "typealias"])
}
