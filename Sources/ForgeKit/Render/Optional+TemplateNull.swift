import Foundation

extension Optional {
    /// The value for a template context: a missing optional is written as a null, so that the
    /// key is part of the context's shape. `TemplateCheck` reports a tag naming a key the
    /// context lacks; a null is known, and Mustache treats it as false (`{{#x}}` skips,
    /// `{{x}}` prints nothing).
    var orTemplateNull: Any {
        switch self {
        case .some(let value): return value
        case .none: return NSNull()
        }
    }
}
