// libyaml is the copy that Yams vendors and links (its `CYaml` target): the only libyaml in the
// binary, so these calls and Yams' own run the same code, compiled with the header they use here.
// `CYaml` is not a product of Yams; SwiftPM makes every C module of the dependency graph
// importable, which is what this relies on. Should that change, this line stops compiling,
// loudly. The alternative of a system-library target for Debian's libyaml-dev links, but Yams'
// static copy defines the same symbols and wins: calls made through Debian's header would run
// Yams' (newer, patched) code, which is only sound while the two struct layouts happen to agree.
internal import CYaml

/// libyaml's event parser over bytes in memory; the only file that calls `yaml_*`.
///
/// Events are what libyaml's parser emits (no node tree), so reading a file costs a parse and
/// nothing more. Marks are converted to 1-based lines and columns in Unicode scalars.
final class YAMLEventStream {
    struct Event {
        enum Kind {
            case streamStart, streamEnd, documentStart, documentEnd
            case mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar, alias
        }

        var kind: Kind
        var line: Int
        var column: Int
        /// A scalar's text, or an alias' anchor name; empty otherwise.
        var value: String
        /// A plain (unquoted, not block) scalar: the only style that may be a number or null.
        var isPlain: Bool
        /// An explicit tag (`!!str`, `!foo`) on a scalar, sequence or mapping: nil when none was
        /// written, which is every event of a well-formed file (no cost to read it).
        var tag: String? = nil
        /// The anchor (`&name`) a scalar, sequence or mapping defines.
        var anchor: String? = nil
    }

    /// libyaml's reason for stopping; the stream can not go on after it.
    struct Failure: Error {
        enum Position {
            case mark(line: Int, column: Int)
            /// A reader error (invalid UTF-8, a control character) knows only its byte offset.
            case offset(Int)
        }

        var problem: String
        var context: String?
        var position: Position
        var isInvalidUTF8: Bool
        /// Where the construct named by `context` starts (1-based line and column).
        var contextPosition: (line: Int, column: Int)? = nil
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let isReady: Bool
    /// A pointer, not a stored `var`: a class property passed `inout` is checked for exclusive
    /// access at run time, and that check cost more than the rest of this method.
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    /// libyaml wants a pointer even for no input.
    private let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// Added to every line: a part of a file parsed on its own reports the lines of the file.
    private let lineOffset: Int

    /// Parses `bytes`, which must stay valid as long as this stream.
    init(bytes: UnsafeRawBufferPointer, lineOffset: Int = 0) {
        self.lineOffset = lineOffset
        parser = .allocate(capacity: 1)
        // A zeroed parser is what yaml_parser_delete expects if initialization fails.
        parser.initialize(to: yaml_parser_t())
        event.initialize(to: yaml_event_t())
        isReady = yaml_parser_initialize(parser) == 1
        guard isReady else { return }
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(empty)
        yaml_parser_set_input_string(parser, start, bytes.count)
        // Forge's files are UTF-8 (PRODUCT.md §2); no guessing UTF-16 from a byte order mark.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
        empty.deallocate()
    }

    func next() throws(Failure) -> Event {
        guard isReady else { throw Failure(problem: "out of memory", context: nil, position: .offset(0), isInvalidUTF8: false) }
        guard yaml_parser_parse(parser, event) == 1 else { throw failure() }
        defer { yaml_event_delete(event) }
        let event = self.event.pointee
        let line = Int(event.start_mark.line) + 1 + lineOffset
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, line: line, column: column, value: "", isPlain: false)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, line: line, column: column, value: "", isPlain: false)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, line: line, column: column, value: "", isPlain: false)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, line: line, column: column, value: "", isPlain: false)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return Event(kind: .mappingStart, line: line, column: column, value: "", isPlain: false,
                         tag: YAMLEventStream.text(data.tag), anchor: YAMLEventStream.text(data.anchor))
        case YAML_MAPPING_END_EVENT: return Event(kind: .mappingEnd, line: line, column: column, value: "", isPlain: false)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return Event(kind: .sequenceStart, line: line, column: column, value: "", isPlain: false,
                         tag: YAMLEventStream.text(data.tag), anchor: YAMLEventStream.text(data.anchor))
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, line: line, column: column, value: "", isPlain: false)
        case YAML_ALIAS_EVENT:
            let anchor = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            return Event(kind: .alias, line: line, column: column, value: anchor, isPlain: false)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
            return Event(kind: .scalar, line: line, column: column, value: text, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE,
                         tag: YAMLEventStream.text(scalar.tag), anchor: YAMLEventStream.text(scalar.anchor))
        default:
            throw Failure(problem: "unexpected event from libyaml", context: nil, position: .mark(line: line, column: column),
                isInvalidUTF8: false)
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func failure() -> Failure {
        let parser = self.parser.pointee
        var problem = parser.problem.map { String(cString: $0) } ?? "cannot parse the file"
        var context = parser.context.map { String(cString: $0) }
        if problem.hasPrefix("Maximum nesting level reached") {
            // libyaml's own bound, in the words of `YAMLLimits`' tighter one.
            problem = "lists and mappings are nested more than 1,000 levels deep here"
            context = nil
        }
        switch parser.error {
        case YAML_READER_ERROR:
            // libyaml's UTF-8 decoder words every bad byte as an "invalid ... octet" or sequence.
            let isInvalidUTF8 = problem.contains("UTF-8") || problem.contains("octet")
            return Failure(problem: problem, context: nil, position: .offset(Int(parser.problem_offset)), isInvalidUTF8: isInvalidUTF8)
        case YAML_MEMORY_ERROR:
            return Failure(problem: "out of memory", context: nil, position: .offset(0), isInvalidUTF8: false)
        default:
            let mark = parser.problem_mark
            let contextMark = parser.context_mark
            return Failure(problem: problem, context: context, position: .mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                           isInvalidUTF8: false, contextPosition: context == nil
                               ? nil : (Int(contextMark.line) + 1, Int(contextMark.column) + 1))
        }
    }
}
