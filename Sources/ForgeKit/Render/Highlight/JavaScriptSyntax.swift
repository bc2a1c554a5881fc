/// JavaScript and TypeScript (one tokenizer: TypeScript's words are keywords in both, which
/// costs nothing in plain JavaScript): template literals, regular expression literals, `$` in
/// names; the name after `function` is a function, after `class`/`interface`/`type`/`enum` a type.
extension CLikeSyntax {
    static let javaScript = CLikeSyntax(
        keywords: ["async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
                   "delete", "do", "else", "export", "extends", "finally", "for", "from", "function", "get", "if",
                   "import", "in", "instanceof", "let", "new", "of", "return", "set", "static", "super", "switch",
                   "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
                   // TypeScript
                   "abstract", "as", "declare", "enum", "implements", "interface", "keyof", "namespace", "private",
                   "protected", "public", "readonly", "satisfies", "type"],
        literals: ["true", "false", "null", "undefined", "NaN", "Infinity"],
        types: ["string", "number", "boolean", "any", "unknown", "never", "object", "bigint", "symbol"],
        backtickStrings: true,
        dollarIdentifiers: true,
        regexLiterals: true,
        objectKeys: true,
        functionIntroducers: ["function"],
        typeIntroducers: ["class", "interface", "enum", "type", "extends", "implements"])
}
