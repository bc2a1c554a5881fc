import OpenAPIKit

/// A schema as the reference pages show it: a type line, the description, facts (format,
/// allowed values, default, bounds) and, for objects, a table of properties whose inline
/// objects open in nested `<details>` (readable without script). A `$ref` is a link to the
/// schema's own page, never drawn again in place: so a page stays small, and a recursive
/// schema (a tree node holding its children) is a link to itself, not an endless table.
///
/// Inline nesting stops at `maxDepth` levels and a schema at `rowLimit` rows, with a note.
struct APISchemaHTML {
    let reference: APIReference
    let markdown: APIMarkdown
    /// The directory of the page the HTML goes in, for relative links: `api/forge/operations`.
    let base: String

    static let maxDepth = 8
    static let rowLimit = 1_200
    static let enumLimit = 40

    /// The whole block for `schema`; a top-level `$ref` (a request body's) shows the schema it
    /// names, under a link to its page.
    func html(_ schema: JSONSchema, expandingReference: Bool = true) -> String {
        var rows = 0
        var out = ""
        if expandingReference, case .reference(let target, _) = schema.value, let name = target.name,
           let index = reference.schema(named: name) {
            out += "<p class=\"api-schema__ref\">Schema <a href=\"\(link(toSchema: index))\">\(name.htmlEscaped)</a></p>\n"
            out += block(reference.schemas[index].schema, depth: 0, rows: &rows)
        } else {
            out += block(schema, depth: 0, rows: &rows)
        }
        return "<div class=\"api-schema\">\n" + out + "</div>\n"
    }

    func link(toSchema index: Int) -> String {
        DocPath.relative(from: base, to: reference.path(ofSchema: index)).htmlEscaped
    }

    // MARK: Blocks

    private func block(_ schema: JSONSchema, depth: Int, rows: inout Int) -> String {
        var out = "<p class=\"api-schema__type\">" + typeHTML(schema) + badges(schema, required: false) + "</p>\n"
        if let description = schema.description { out += markdown.html(description) }
        let facts = factsHTML(schema)
        if !facts.isEmpty { out += "<ul class=\"api-facts\">" + facts + "</ul>\n" }
        out += structure(schema, depth: depth, rows: &rows)
        return out
    }

    /// What is inside: an object's properties, an array's item, the alternatives of a composition.
    private func structure(_ schema: JSONSchema, depth: Int, rows: inout Int) -> String {
        guard depth < APISchemaHTML.maxDepth else {
            return "<p class=\"api-note\">Nested deeper than \(APISchemaHTML.maxDepth) levels: see the spec for the rest.</p>\n"
        }
        switch schema.value {
        case .object(_, let context):
            return properties(context, depth: depth, rows: &rows)
        case .array(_, let context):
            guard let items = context.items, APISchemaHTML.hasStructure(items) else { return "" }
            return "<details class=\"api-nested\"><summary>Items</summary>\n" + block(items, depth: depth + 1, rows: &rows) + "</details>\n"
        case .all(of: let parts, core: let core), .one(of: let parts, core: let core), .any(of: let parts, core: let core):
            let word: String
            switch schema.value {
            case .all: word = "All of"
            case .one: word = "One of"
            default: word = "Any of"
            }
            var out = "<p class=\"api-schema__combinator\">\(word):</p>\n<ol class=\"api-alternatives\">\n"
            for part in parts {
                out += "<li>" + typeHTML(part) + badges(part, required: false)
                if !part.isReference, let description = part.description { out += markdown.html(description) }
                if !part.isReference, APISchemaHTML.hasStructure(part) {
                    out += "<details class=\"api-nested\"><summary>Details</summary>\n" + block(part, depth: depth + 1,
                        rows: &rows) + "</details>\n"
                }
                out += "</li>\n"
            }
            out += "</ol>\n"
            if let discriminator = core.discriminator { out += discriminatorHTML(discriminator) }
            return out
        case .not(let inner, _):
            guard APISchemaHTML.hasStructure(inner) else { return "" }
            return "<details class=\"api-nested\"><summary>Not this</summary>\n" + block(inner, depth: depth + 1,
                rows: &rows) + "</details>\n"
        default:
            return ""
        }
    }

    private func properties(_ context: JSONSchema.ObjectContext, depth: Int, rows: inout Int) -> String {
        var out = ""
        if !context.properties.isEmpty {
            out += "<div class=\"table-scroll\"><table class=\"api-properties\">\n<thead><tr><th scope=\"col\">Property</th><th " +
                "scope=\"col\">Type</th><th scope=\"col\">Description</th></tr></thead>\n<tbody>\n"
            for (name, property) in context.properties {
                rows += 1
                if rows > APISchemaHTML.rowLimit {
                    out += "<tr><td colspan=\"3\">… \(context.properties.count) properties in all: see the spec for the rest.</td></tr>\n"
                    break
                }
                out += "<tr><td><code class=\"api-name\">\(name.htmlEscaped)</code>" + badges(property,
                    required: property.required) + "</td>"
                out += "<td>" + typeHTML(property) + "</td><td>"
                if let description = property.description { out += markdown.html(description) }
                let facts = factsHTML(property)
                if !facts.isEmpty { out += "<ul class=\"api-facts\">" + facts + "</ul>" }
                if !property.isReference, APISchemaHTML.hasStructure(property) {
                    out += "<details class=\"api-nested\"><summary>\(name.htmlEscaped)</summary>\n" + structure(property, depth: depth + 1,
                        rows: &rows) + "</details>"
                }
                out += "</td></tr>\n"
            }
            out += "</tbody>\n</table></div>\n"
        }
        switch context.additionalProperties {
        case .b(let values)?:
            out += "<p class=\"api-schema__additional\">Other keys: " + typeHTML(values) + "</p>\n"
            if !values.isReference, APISchemaHTML.hasStructure(values) {
                out += "<details class=\"api-nested\"><summary>Values</summary>\n" + block(values, depth: depth + 1,
                    rows: &rows) + "</details>\n"
            }
        case .a(true)?:
            if !context.properties.isEmpty { out += "<p class=\"api-schema__additional\">Other keys are allowed.</p>\n" }
        default:
            break
        }
        return out
    }

    private func discriminatorHTML(_ discriminator: OpenAPI.Discriminator) -> String {
        var out = "<p class=\"api-discriminator\">Chosen by the property <code>\(discriminator.propertyName.htmlEscaped)</code>"
        guard let mapping = discriminator.mapping, !mapping.isEmpty else { return out + ".</p>\n" }
        out += ":</p>\n<ul class=\"api-discriminator__mapping\">\n"
        for (value, target) in mapping {
            let name = target.hasPrefix("#/components/schemas/") ? String(target.dropFirst("#/components/schemas/".count)) : target
            let shown = reference.schema(named: name).map { "<a href=\"\(link(toSchema: $0))\">\(name.htmlEscaped)</a>" }
                ?? name.htmlEscaped
            out += "<li><code>\(value.htmlEscaped)</code>: \(shown)</li>\n"
        }
        return out + "</ul>\n"
    }

    // MARK: Lines

    /// A link to the schema `name`, or the name alone when it is not a component schema.
    func typeHTML(named name: String) -> String {
        guard let index = reference.schema(named: name) else { return name.htmlEscaped }
        return "<a href=\"\(link(toSchema: index))\">\(name.htmlEscaped)</a>"
    }

    /// `string (date-time)`, `array of <a>Message</a>`, `one of: <a>A</a> | <a>B</a>`, `… | null`.
    func typeHTML(_ schema: JSONSchema) -> String {
        var text: String
        switch schema.value {
        case .reference(let target, _):
            text = target.name.map { typeHTML(named: $0) } ?? target.absoluteString.htmlEscaped
        case .null: return "null"
        case .boolean: text = "boolean"
        case .integer: text = "integer"
        case .number: text = "number"
        case .string: text = "string"
        case .object(_, let context):
            if context.properties.isEmpty, case .b(let values)? = context.additionalProperties {
                text = "map of " + typeHTML(values)
            } else {
                text = "object"
            }
        case .array(_, let context):
            text = "array of " + (context.items.map(typeHTML) ?? "any")
        case .all(of: let parts, _):
            text = parts.count == 1 ? typeHTML(parts[0]) : "all of: " + parts.map(typeHTML).joined(separator: " &amp; ")
        case .one(of: let parts, _):
            text = "one of: " + parts.map(typeHTML).joined(separator: " | ")
        case .any(of: let parts, _):
            text = "any of: " + parts.map(typeHTML).joined(separator: " | ")
        case .not(let inner, _):
            text = "not " + typeHTML(inner)
        case .fragment:
            text = "any"
        }
        if let format = schema.formatString, !format.isEmpty,
            !schema.isReference { text += " <span class=\"api-format\">(\(format.htmlEscaped))</span>" }
        if schema.nullable { text += " | null" }
        return text
    }

    /// `required`, `read-only`, `write-only`, `deprecated` badges.
    func badges(_ schema: JSONSchema, required: Bool) -> String {
        var out = ""
        if required { out += " <span class=\"api-badge api-badge--required\">required</span>" }
        if schema.readOnly { out += " <span class=\"api-badge\">read-only</span>" }
        if schema.writeOnly { out += " <span class=\"api-badge\">write-only</span>" }
        if schema.deprecated { out += " <span class=\"api-badge api-badge--deprecated\">deprecated</span>" }
        return out
    }

    /// Allowed values, default, bounds, pattern, as `<li>`s.
    func factsHTML(_ schema: JSONSchema) -> String {
        var facts: [String] = []
        if let allowed = schema.allowedValues, !allowed.isEmpty {
            let shown = allowed.prefix(APISchemaHTML.enumLimit).map { "<code>" + APIJSON(any: $0.value).text().htmlEscaped + "</code>" }
            let more = allowed.count > APISchemaHTML.enumLimit ? ", and \(allowed.count - APISchemaHTML.enumLimit) more" : ""
            facts.append("Allowed values: " + shown.joined(separator: ", ") + more)
        }
        if let value = schema.defaultValue {
            facts.append("Default: <code>" + APIJSON(any: value.value).text().htmlEscaped + "</code>")
        }
        switch schema.value {
        case .integer(_, let context):
            if let minimum = context.minimum { facts.append("Minimum: \(minimum.value)\(minimum.exclusive ? " (exclusive)" : "")") }
            if let maximum = context.maximum { facts.append("Maximum: \(maximum.value)\(maximum.exclusive ? " (exclusive)" : "")") }
            if let multiple = context.multipleOf { facts.append("Multiple of \(multiple)") }
        case .number(_, let context):
            if let minimum = context.minimum { facts.append("Minimum: " +
                "\(APIJSON.number(minimum.value).text())\(minimum.exclusive ? " (exclusive)" : "")") }
            if let maximum = context.maximum { facts.append("Maximum: " +
                "\(APIJSON.number(maximum.value).text())\(maximum.exclusive ? " (exclusive)" : "")") }
        case .string(_, let context):
            if context.minLength > 0 { facts.append("Minimum length: \(context.minLength)") }
            if let maximum = context.maxLength { facts.append("Maximum length: \(maximum)") }
            if let pattern = context.pattern { facts.append("Pattern: <code>\(pattern.htmlEscaped)</code>") }
        case .array(_, let context):
            if context.minItems > 0 { facts.append("Minimum items: \(context.minItems)") }
            if let maximum = context.maxItems { facts.append("Maximum items: \(maximum)") }
            if context.uniqueItems { facts.append("Items are unique") }
        default:
            break
        }
        if !schema.isReference, !schema.isObject, !schema.isArray, let example = schema.examples.first {
            let text = APIJSON(any: example.value).text()
            if text.count <= 120 { facts.append("Example: <code>" + text.htmlEscaped + "</code>") }
        }
        return facts.map { "<li>" + $0 + "</li>" }.joined()
    }

    /// Whether a schema has inner structure worth a nested table (an inline object with
    /// properties, an array of such, a composition with such parts or a discriminator).
    static func hasStructure(_ schema: JSONSchema) -> Bool {
        switch schema.value {
        case .object(_, let context):
            if !context.properties.isEmpty { return true }
            if case .b(let values)? = context.additionalProperties { return !values.isReference && hasStructure(values) }
            return false
        case .array(_, let context):
            return context.items.map { !$0.isReference && hasStructure($0) } ?? false
        case .all(of: let parts, core: let core), .one(of: let parts, core: let core), .any(of: let parts, core: let core):
            // The type line names simple alternatives (`one of: string | integer`) already.
            return core.discriminator != nil || parts.contains { !$0.isReference && (hasStructure($0) || $0.description != nil) }
        case .not(let inner, _):
            return !inner.isReference
        default:
            return false
        }
    }
}
