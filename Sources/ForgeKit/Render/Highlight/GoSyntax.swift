/// Go: raw `…` strings (no escapes), runes, the predeclared types; the name after `func`
/// is a function, after `type` a type.
extension CLikeSyntax {
    static let go = CLikeSyntax(
        keywords: ["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
                   "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
                   "struct", "switch", "type", "var"],
        literals: ["true", "false", "nil", "iota"],
        types: ["bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8", "int16",
                "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "any"],
        backtickStrings: true,
        backtickEscapes: false,
        functionIntroducers: ["func"],
        typeIntroducers: ["type"])
}
