/// What a template is rendered with: a struct whose stored properties are the names the
/// template's tags use (`{{page.title}}` reads `page.title`). Renaming a property renames the
/// value the template sees, so the template check (`TemplateCheck`) or a golden test fails at
/// once, instead of a page printing an empty string.
///
/// Contexts are turned into what swift-mustache renders in one place, `TemplateTree`, by a
/// small encoder that builds the tree of dictionaries directly (no JSON in between). Every
/// property is part of the context's shape: a nil optional is a null, which the template check
/// knows and Mustache treats as false.
public protocol TemplateContext: Encodable {}

/// Two contexts seen as one, their keys side by side (a page's frame and what its kind adds).
/// A key that both have is an encoding error, not one silently winning over the other.
struct MergedContext<First: Encodable, Second: Encodable>: TemplateContext {
    var first: First
    var second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    func encode(to encoder: Encoder) throws {
        try first.encode(to: encoder)
        try second.encode(to: encoder)
    }
}

/// A value handed to Mustache as it is instead of being turned into a tree: the asset
/// catalog, which records the names a page looks up. Its `Encodable` form is for other
/// encoders.
protocol TemplatePassthrough: Encodable {}

/// A context in the form swift-mustache renders and `TemplateCheck` walks: dictionaries,
/// arrays (`[Any]`), strings, integers, booleans and `NSNull`. Made only from a
/// `TemplateContext`.
struct TemplateTree {
    let values: [String: Any]

    init(_ context: some TemplateContext) throws(TemplateError) {
        do {
            values = try TemplateEncoder.dictionary(of: context)
        } catch {
            throw TemplateError(.encoding("the template context \(type(of: context)): \(error)"), at: SourceLocation(path: "forge"))
        }
    }
}
