/// Code highlighted at build time: no script, no CDN, the same HTML on every build.
///
/// Nothing that fits was found to use: the package mirror has no highlighter (Splash is not
/// in it); Debian's libsource-highlight and KSyntaxHighlighting are C++ (boost, Qt) with
/// language files read at run time, and `highlight`/`pygmentize`/Chroma are programs in
/// other languages, which `make dist`'s single self-contained binary cannot call. So: one
/// small tokenizer per language over a shared `CodeScanner`, each linear in its input.
enum CodeHighlighter {
    /// The highlighted HTML of `code` (the content of a `<code>` element), or the escaped
    /// text alone when `language` is nil.
    static func html(_ code: String, language: CodeLanguage?) -> String {
        switch language {
        case nil: code.htmlTextEscaped
        case .shell: ShellHighlighter.html(code)
        case .json: JSONHighlighter.html(code)
        case .yaml: YAMLHighlighter.html(code)
        case .http: HTTPHighlighter.html(code)
        case .python: CLikeHighlighter(syntax: .python).html(code)
        case .javascript, .typescript: CLikeHighlighter(syntax: .javaScript).html(code)
        case .swift: CLikeHighlighter(syntax: .swift).html(code)
        case .go: CLikeHighlighter(syntax: .go).html(code)
        }
    }

    /// A whole code block: a frame that `code-copy.js` gives a Copy button, the language's
    /// name (when known) and the code. `info` is the fence's info string.
    ///
    ///     <div class="code-block" data-code-block>
    ///     <div class="code-block__bar"><span class="code-block__lang">Python</span></div>
    ///     <pre tabindex="0"><code class="language-python">…</code></pre>
    ///     </div>
    ///
    /// The `<pre>` can take focus because it scrolls sideways (axe: scrollable-region-focusable).
    static func block(_ code: String, info: String) -> String {
        let language = CodeLanguage(infoString: info)
        let name = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first.map(String.init) ?? ""
        var html = #"<div class="code-block" data-code-block>"# + "\n"
        html += #"<div class="code-block__bar">"#
        if let language {
            html += #"<span class="code-block__lang">"# + language.displayName + "</span>"
        } else if !name.isEmpty {
            html += #"<span class="code-block__lang">"# + name.htmlEscaped + "</span>"
        }
        html += "</div>\n"
        html += #"<pre tabindex="0"><code"#
        if !name.isEmpty { html += #" class="language-"# + name.htmlEscaped + #"""# }
        html += ">" + CodeHighlighter.html(code, language: language) + "</code></pre>\n</div>\n"
        return html
    }
}
