/// The languages code blocks are highlighted in, and the names a fence's info string may
/// give them (```` ```sh ````, ```` ```ts ````). Any other name leaves the block plain.
enum CodeLanguage: String, CaseIterable, Sendable {
    case shell, json, yaml, http, python, javascript, typescript, swift, go

    /// The first word of an info string, any case: `bash`, `JSON`, `py`, `golang`, `tsx`.
    init?(infoString: String) {
        let word = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first.map { $0.lowercased() }
            ?? ""
        switch word {
        case "sh", "shell", "bash", "zsh", "console", "shell-session", "curl": self = .shell
        case "json", "jsonc", "json5": self = .json
        case "yaml", "yml": self = .yaml
        case "http": self = .http
        case "python", "py", "python3": self = .python
        case "javascript", "js", "jsx", "mjs", "cjs", "node": self = .javascript
        case "typescript", "ts", "tsx": self = .typescript
        case "swift": self = .swift
        case "go", "golang": self = .go
        default: return nil
        }
    }

    /// As the code block's label shows it.
    var displayName: String {
        switch self {
        case .shell: "Shell"
        case .json: "JSON"
        case .yaml: "YAML"
        case .http: "HTTP"
        case .python: "Python"
        case .javascript: "JavaScript"
        case .typescript: "TypeScript"
        case .swift: "Swift"
        case .go: "Go"
        }
    }
}
