/// Builds the node tree of one YAML (or JSON) file from libyaml's events, within
/// `YAMLLimits`: every alias is weighed as it is met (its anchored node's nodes and scalar
/// bytes) against a budget for the whole file, nesting is bounded, and explicit tags and
/// control characters are reported at their line and column.
///
/// The tree is built with an explicit stack, not by recursion, so no input reaches the call
/// stack's limit; an alias shares its anchored node's storage rather than copying it.
struct YAMLComposer {
    typealias Event = YAMLEventStream.Event

    private let stream: YAMLEventStream
    private let source: SourceText
    private let bytes: [UInt8]
    /// Each anchor's node and weight (nodes plus scalar bytes, aliases inside counted in full).
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var aliasWeight = 0
    /// Problems after which the tree is still whole: tags, control characters, duplicate keys.
    private(set) var hasErrors = false

    private struct Frame {
        var start: Event
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        var keys: Set<String> = []
        var weight = 1
        var isMapping: Bool { start.kind == .mappingStart }
    }

    /// Stops the composition: libyaml's syntax errors and the limits.
    private struct Stop: Error {
        var error: ContentError
    }

    /// The file's root node (nil for an empty file), or nil with the problems in `diagnostics`.
    static func compose(_ source: SourceText, diagnostics: inout Diagnostics) -> (root: YAMLNode?, isValid: Bool) {
        let bytes = Array(source.text.utf8)
        return bytes.withUnsafeBytes { raw in
            var composer = YAMLComposer(stream: YAMLEventStream(bytes: raw), source: source, bytes: bytes)
            do throws(Stop) {
                let root = try composer.document(&diagnostics)
                return (root, !composer.hasErrors)
            } catch {
                diagnostics.report(error.error)
                return (nil, false)
            }
        }
    }

    private init(stream: YAMLEventStream, source: SourceText, bytes: [UInt8]) {
        self.stream = stream
        self.source = source
        self.bytes = bytes
    }

    private mutating func document(_ diagnostics: inout Diagnostics) throws(Stop) -> YAMLNode? {
        _ = try next() // stream start
        let start = try next()
        guard start.kind == .documentStart else { return nil } // an empty file
        let root = try node(try next(), &diagnostics)
        _ = try next() // document end
        let after = try next()
        if after.kind == .documentStart {
            throw Stop(error: source.error(.syntax("YAML: expected a single document in the stream, but found another document"),
                                           line: after.line, column: after.column))
        }
        return root
    }

    /// The node that `first` starts, read to its end.
    private mutating func node(_ first: Event, _ diagnostics: inout Diagnostics) throws(Stop) -> YAMLNode {
        var stack: [Frame] = []
        var event = first
        while true {
            var completed: (node: YAMLNode, weight: Int, anchor: String?)?
            switch event.kind {
            case .scalar:
                check(event, &diagnostics)
                if let control = YAMLLimits.controlCharacter(in: event.value) {
                    report(.syntax("YAML: a value holds the control character \(YAMLLimits.name(of: control)); control characters are " +
                        "not allowed, typed or escaped"), at: event, &diagnostics)
                }
                completed = (YAMLNode(content: .scalar(event.value, isPlain: event.isPlain), line: event.line, column: event.column),
                             1 + event.value.utf8.count, event.anchor)
            case .alias:
                guard let anchored = anchors[event.value] else {
                    throw Stop(error: source.error(.syntax("YAML: found undefined alias \"\(event.value)\""), line: event.line,
                        column: event.column))
                }
                aliasWeight += anchored.weight
                if aliasWeight > YAMLLimits.aliasBudget {
                    throw Stop(error: source.error(.syntax("YAML: the aliases of this file repeat more than " +
                        "\(YAMLLimits.grouped(YAMLLimits.aliasBudget)) values and characters in all; this alias (*\(event.value)) goes " +
                        "past that: write the values out, or repeat less"),
                                                   line: event.line, column: event.column))
                }
                completed = (anchored.node, anchored.weight, nil)
            case .sequenceStart, .mappingStart:
                check(event, &diagnostics)
                guard stack.count < YAMLLimits.maximumDepth else {
                    throw Stop(error: source.error(.syntax("YAML: lists and mappings are nested more than \(YAMLLimits.maximumDepth) " +
                        "levels deep here"),
                                                   line: event.line, column: event.column))
                }
                stack.append(Frame(start: event))
            case .sequenceEnd, .mappingEnd:
                guard let frame = stack.popLast() else { throw unexpected(event) }
                let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                completed = (YAMLNode(content: content, line: frame.start.line, column: frame.start.column), frame.weight,
                    frame.start.anchor)
            default:
                throw unexpected(event)
            }
            if let completed {
                if let anchor = completed.anchor { anchors[anchor] = (completed.node, completed.weight) }
                guard !stack.isEmpty else { return completed.node }
                add(completed.node, weight: completed.weight, to: &stack[stack.count - 1], &diagnostics)
            }
            event = try next()
        }
    }

    private mutating func add(_ node: YAMLNode, weight: Int, to frame: inout Frame, _ diagnostics: inout Diagnostics) {
        frame.weight += weight
        guard frame.isMapping else {
            frame.items.append(node)
            return
        }
        guard let key = frame.pendingKey else {
            if let name = node.string, !frame.keys.insert(name).inserted {
                report(.syntax("YAML: duplicate key \"\(name)\" in one mapping"), line: node.line, column: node.column, &diagnostics)
            }
            frame.pendingKey = node
            return
        }
        frame.pairs.append((key, node))
        frame.pendingKey = nil
    }

    private mutating func check(_ event: Event, _ diagnostics: inout Diagnostics) {
        if let tag = event.tag { report(YAMLLimits.tagProblem(tag), at: event, &diagnostics) }
    }

    private mutating func report(_ reason: ContentError.Reason, at event: Event, _ diagnostics: inout Diagnostics) {
        report(reason, line: event.line, column: event.column, &diagnostics)
    }

    private mutating func report(_ reason: ContentError.Reason, line: Int, column: Int, _ diagnostics: inout Diagnostics) {
        hasErrors = true
        diagnostics.report(source.error(reason, line: line, column: column))
    }

    private func unexpected(_ event: Event) -> Stop {
        Stop(error: source.error(.syntax("YAML: unexpected \(event.kind) event"), line: event.line, column: event.column))
    }

    private func next() throws(Stop) -> Event {
        do {
            return try stream.next()
        } catch {
            throw Stop(error: contentError(error))
        }
    }

    /// libyaml's words, as Yams put them: `YAML: problem (context, which starts at line L, column C)`.
    private func contentError(_ failure: YAMLEventStream.Failure) -> ContentError {
        switch failure.position {
        case .mark(let line, let column):
            var text = "YAML: " + failure.problem
            if let context = failure.context {
                text += failure.contextPosition.map { " (\(context), which starts at line \($0.line), column \($0.column))" }
                    ?? " (\(context))"
            }
            return source.error(.syntax(text), line: line, column: column)
        case .offset(let offset):
            let (line, column) = position(of: offset)
            if let control = controlCharacter(at: offset) {
                return source.error(.syntax("YAML: the file holds the control character \(YAMLLimits.name(of: control)) here; remove it"),
                    line: line, column: column)
            }
            return source.error(failure.isInvalidUTF8 ? .invalidUTF8 : .syntax("YAML: " + failure.problem), line: line, column: column)
        }
    }

    private func controlCharacter(at offset: Int) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        let scalar = String(decoding: bytes[offset..<min(bytes.count, offset + 4)], as: UTF8.self).unicodeScalars.first
        return scalar.flatMap { YAMLLimits.isControl($0) ? $0 : nil }
    }

    /// The 1-based line and column (in Unicode scalars) of byte `offset`.
    private func position(of offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
