import Foundation
import OpenAPIKit
import OpenAPIKit30
import struct OpenAPIKitCore.EitherDecodeNoTypesMatchedError

extension OpenAPILoader {
    /// The kinds of `#/components/<kind>/<name>` a reference may name.
    static let componentKinds: Set<String> = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                                              "securitySchemes", "links", "callbacks", "pathItems"]

    /// Every `$ref` must name something in `#/components/` of this file: external files are
    /// not read (a build reads `Content/` only, and a URL would need the network), and a
    /// pointer elsewhere in the document has no page to link to. A chain of references that
    /// comes back to where it started (`A: {$ref: B}`, `B: {$ref: A}`) names nothing.
    /// (References through properties, `A.children: {items: {$ref: A}}`, are fine: a
    /// recursive type, drawn as a link.)
    static func checkReferences(_ tree: OpenAPISourceTree, source: SourceText) -> [ContentError] {
        var problems: [ContentError] = []
        func report(_ message: String, at node: Int32) {
            let value = tree.node(node)
            problems.append(source.error(.openAPI(message), line: Int(value.line), column: Int(value.column)))
        }
        for (_, valueNode) in tree.references() {
            let target = tree.node(valueNode).text
            guard target.hasPrefix("#") else {
                report("$ref \"\(target)\" points outside this file; external references are not supported: move what it names into this " +
                    "file's components", at: valueNode)
                continue
            }
            let parts = target.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == "#", parts[1] == "components", componentKinds.contains(String(parts[2])) else {
                report("$ref \"\(target)\" must name an entry of #/components/ (schemas, responses, parameters, examples, "
                    + "requestBodies, headers, securitySchemes, links, callbacks or pathItems)", at: valueNode)
                continue
            }
            guard tree.node(atPointer: target) != nil else {
                let kind = String(parts[2])
                var hint = ""
                if let components = tree.value(of: "components", in: 0), let entries = tree.value(of: kind, in: components) {
                    let names = tree.pairs(entries).map { tree.node($0.key).text }
                    let wanted = (String(parts[3]).removingPercentEncoding ?? String(parts[3]))
                        .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                    if let near = closest(to: wanted, in: names) { hint = " (did you mean \"#/components/\(kind)/\(near)\"?)" }
                }
                report("$ref \"\(target)\" names nothing in this file\(hint)", at: valueNode)
                continue
            }
        }
        // Chains of bare references, each cycle reported once.
        var inCycle: Set<String> = []
        if let components = tree.value(of: "components", in: 0) {
            for (kindKey, entries) in tree.pairs(components) where tree.kind(entries) == .mapping {
                let kind = tree.node(kindKey).text
                for (nameKey, _) in tree.pairs(entries) {
                    let start = "#/components/\(kind)/\(tree.node(nameKey).text)"
                    var chain = [start]
                    var pointer = start
                    while let node = tree.node(atPointer: pointer), tree.kind(node) == .mapping,
                          let reference = tree.value(of: "$ref", in: node), tree.kind(reference) == .scalar {
                        pointer = tree.node(reference).text
                        if pointer == start {
                            chain.append(pointer)
                            guard inCycle.isDisjoint(with: chain) else { break }
                            inCycle.formUnion(chain)
                            report("$ref cycle: " + chain.map { String($0.split(separator: "/").last ?? "") }.joined(separator: " → ")
                                   + " never reaches a definition", at: reference)
                            break
                        }
                        if chain.contains(pointer) || chain.count > 64 { break }
                        chain.append(pointer)
                    }
                }
            }
        }
        return problems
    }

    /// The known name nearest to a typo, when it is near enough to help.
    static func closest(to name: String, in known: [String]) -> String? {
        guard known.count <= 20_000, name.count <= 200 else { return nil }
        var best: (String, Int)?
        let limit = max(1, name.count / 3)
        for candidate in known where abs(candidate.count - name.count) <= limit {
            let distance = editDistance(name, candidate)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance with transpositions (`Pte` is one edit from `Pet`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// An OpenAPIKit decoding error at the node its coding path leads to.
    ///
    /// A value that may be a `$ref` or the thing itself fails as "neither" (OpenAPIKit's
    /// `Either`); the failure that got furthest into the file is the one to show, so the error
    /// lands on `in: body`, not on the parameter that holds it. Swift's own decoding errors are
    /// reworded with the path (`paths['/pets'].get.parameters[0].in: "body" is not a valid
    /// value`); OpenAPIKit's own messages already name where they are.
    static func decodingError(_ error: any Error, isV30: Bool, tree: OpenAPISourceTree, source: SourceText) -> ContentError {
        let inner = innermost(error)
        var message: String
        var path: [any CodingKey]
        if let decoding = inner as? DecodingError, let worded = reworded(decoding, tree: tree) {
            (message, path) = worded
        } else if isV30 {
            let wrapped = OpenAPIKit30.OpenAPI.Error(from: inner)
            (message, path) = (wrapped.localizedDescription, wrapped.codingPath)
        } else {
            let wrapped = OpenAPIKit.OpenAPI.Error(from: inner)
            (message, path) = (wrapped.localizedDescription, wrapped.codingPath)
        }
        message = message.replacingOccurrences(of: "**", with: "")
        let (node, key) = tree.locate(path)
        let at = tree.node(key ?? node)
        return source.error(.openAPI(message), line: Int(at.line), column: Int(at.column))
    }

    /// The failure that got deepest into the file, found by walking the errors OpenAPIKit
    /// nests (its `…DecodingError` enums, `Either`'s failures, `DecodingError`'s underlying
    /// error) by reflection, as their shapes are OpenAPIKit's to change. Of an `Either`'s
    /// failures, those of the `$ref` alternative count only when nothing else failed.
    static func innermost(_ error: any Swift.Error) -> any Swift.Error {
        var best: (error: any Swift.Error, depth: Int)?
        var visited = 0
        func visit(_ error: any Swift.Error, referenceBranch: Bool) {
            visited += 1
            guard visited < 2_000 else { return }
            var nested: [(any Swift.Error, Bool)] = []
            if let either = error as? EitherDecodeNoTypesMatchedError {
                for failure in either.individualTypeFailures {
                    nested.append((failure.error, referenceBranch || String(describing: failure.type).contains("Reference")))
                }
            } else if let decoding = error as? DecodingError {
                if let underlying = context(of: decoding)?.underlyingError { nested.append((underlying, referenceBranch)) }
            } else {
                collectErrors(in: Mirror(reflecting: error), depth: 0) { nested.append(($0, referenceBranch)) }
            }
            if nested.isEmpty {
                let depth = codingPath(of: error).count * 2 + (referenceBranch ? 0 : 1)
                if best == nil || depth > best!.depth { best = (error, depth) }
            }
            for (child, isReference) in nested { visit(child, referenceBranch: isReference) }
        }
        visit(error, referenceBranch: false)
        return best?.error ?? error
    }

    /// Errors held in a value's stored properties and enum payloads (not inside other errors).
    private static func collectErrors(in mirror: Mirror, depth: Int, _ found: (any Swift.Error) -> Void) {
        guard depth < 4 else { return }
        for child in mirror.children {
            if let error = child.value as? any Swift.Error {
                found(error)
            } else {
                collectErrors(in: Mirror(reflecting: child.value), depth: depth + 1, found)
            }
        }
    }

    static func codingPath(of error: any Swift.Error) -> [any CodingKey] {
        if let decoding = error as? DecodingError {
            var path = context(of: decoding)?.codingPath ?? []
            if case .keyNotFound(let key, _) = decoding { path.append(key) }
            return path
        }
        if let openAPI = error as? any OpenAPIError { return openAPI.codingPath }
        return []
    }

    static func context(of error: DecodingError) -> DecodingError.Context? {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            return context
        @unknown default:
            return nil
        }
    }

    /// Swift's decoding errors in words, after their path; nil for errors OpenAPIKit words better.
    static func reworded(_ error: DecodingError, tree: OpenAPISourceTree) -> (String, [any CodingKey])? {
        guard let context = context(of: error) else { return nil }
        if context.underlyingError != nil, !(context.underlyingError is DecodingError) { return nil }
        let path = context.codingPath
        let prefix = path.isEmpty ? "" : pathText(path) + ": "
        switch error {
        case .keyNotFound(let key, _):
            return (prefix + "required key \"\(key.stringValue)\" is missing", path)
        case .typeMismatch, .valueNotFound:
            var expected = context.debugDescription
            if expected.hasPrefix("Expected "), expected.hasSuffix(".") {
                expected = String(expected.dropFirst("Expected ".count).dropLast())
            }
            return (prefix + "expected \(expected), found \(describe(tree, tree.locate(path).node))", path)
        case .dataCorrupted:
            var text = context.debugDescription
            // Swift's words for a string that is not one of an enumeration's values.
            if let range = text.range(of: " from invalid String value ") {
                let value = text[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "."))
                text = "\"\(value)\" is not one of the allowed values"
                if let allowed = allowedValues[path.last?.stringValue ?? ""] { text += " (\(allowed))" }
            }
            return (prefix + text, path)
        @unknown default:
            return nil
        }
    }

    /// What a field that failed as "not one of the allowed values" allows, for the common ones.
    static let allowedValues: [String: String] = [
        "in": "query, header, path or cookie",
        "type": "string, number, integer, boolean, array, object or null",
        "style": "matrix, label, form, simple, spaceDelimited, pipeDelimited or deepObject",
    ]

    /// `paths['/pets'].get.parameters[0].in`, as OpenAPIKit writes paths.
    static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else if key.stringValue.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "-" }) {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            } else {
                text += "['\(key.stringValue)']"
            }
        }
        return text
    }

    static func describe(_ tree: OpenAPISourceTree, _ node: Int32) -> String {
        let value = tree.node(node)
        switch value.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            if value.isPlain, ["", "~", "null", "Null", "NULL"].contains(value.text) { return "null" }
            let text = value.text.count > 40 ? String(value.text.prefix(40)) + "…" : value.text
            return value.isPlain ? text : "\"\(text)\""
        }
    }
}
