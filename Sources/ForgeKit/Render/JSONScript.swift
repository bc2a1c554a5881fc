import Foundation

/// JSON for a `<script type="application/json">` block: deterministic (sorted keys) and safe
/// to inline, since `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` — a name like
/// `</script><script>…` stays data.
public enum JSONScript {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return escape(String(decoding: data, as: UTF8.self))
    }

    public static func escape(_ json: String) -> String {
        json.replacingScalars { scalar in
            switch scalar {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            default: nil
            }
        }
    }
}
