/// Python 3: keywords, `True`/`False`/`None`, `#` comments, prefixed and triple-quoted
/// strings, `@decorators`; the name after `def` is a function, after `class` a type.
extension CLikeSyntax {
    static let python = CLikeSyntax(
        keywords: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
                   "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match", "case",
                   "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"],
        literals: ["True", "False", "None"],
        types: ["int", "float", "str", "bool", "bytes", "list", "dict", "set", "tuple", "object"],
        slashComments: false,
        hashComments: true,
        blockComments: false,
        tripleQuotes: true,
        stringPrefixes: true,
        atMeta: true,
        functionIntroducers: ["def"],
        typeIntroducers: ["class"])
}
