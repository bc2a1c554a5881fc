/// The offending line under a message, and the caret under its column: the whole line when it
/// is short, else a window of `width` Unicode scalars around the caret, marked with `…` where
/// the line goes on.
struct SourceExcerpt {
    static let width = 120
    /// How much of the window lies before the caret.
    static let lead = 60

    /// The (clipped) line.
    let text: String
    /// Spaces (tabs kept, so the caret lines up however the terminal renders them) and `^`;
    /// nil without a column.
    let caretLine: String?

    init(line: String, column: Int?) {
        let scalars = Array(line.unicodeScalars)
        let width = SourceExcerpt.width
        var start = 0
        if scalars.count > width, let column, column > SourceExcerpt.lead {
            start = min(column - 1 - SourceExcerpt.lead, scalars.count - width)
        }
        let end = min(scalars.count, start + width)
        var shown = String.UnicodeScalarView()
        if start > 0 { shown.append("…") }
        shown.append(contentsOf: scalars[start..<end])
        if end < scalars.count { shown.append("…") }
        text = String(shown)

        guard let column, column >= 1 else {
            caretLine = nil
            return
        }
        var caret = start > 0 ? " " : ""
        // A caret past the end of the line (an error at the line break) stays after its end.
        let before = min(column - 1, scalars.count) - start
        for scalar in scalars[start..<(start + max(0, min(before, end - start)))] {
            caret.append(scalar == "\t" ? "\t" : " ")
        }
        if before > end - start { caret += String(repeating: " ", count: before - (end - start)) }
        caretLine = caret + "^"
    }
}
