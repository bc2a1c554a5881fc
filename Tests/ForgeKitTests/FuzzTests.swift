import Foundation
import Testing
@testable import ForgeKit

/// Issue 7, item 8: fuzzing stays. A seeded random test over every loader of user input: valid
/// seeds (`Fixtures/fuzz-corpus/`) are mutated — bytes flipped, cut, spliced, control
/// characters, deep nesting, aliases, tags, escapes — and each result is loaded. Every input
/// must load without a crash, every problem must be located (its file, and a line where it is
/// in the file), and no input may take long.
///
/// `make test` runs a few hundred inputs per loader with a fixed seed, so a failure reproduces.
/// A long run: `FORGE_FUZZ_ITERATIONS=20000 FORGE_FUZZ_SEED=$RANDOM swift test --filter FuzzTests`
/// (see README.md); a failing input is written to the test's message, base64-encoded.
@Suite struct FuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz-corpus")
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["FORGE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 250
    static let seed = environment["FORGE_FUZZ_SEED"].flatMap(UInt64.init) ?? 7
    /// A hang guard, not a performance goal: the slowest seed input takes milliseconds.
    static let timeLimit = Duration.seconds(5)

    enum Target: String, CaseIterable, Sendable {
        case site = "site.yaml", keys = "keys.yaml", plans = "plans.yaml"
        case usageYAML = "usage.yaml", usageJSON = "usage.json", usageCSV = "usage.csv", doc = "doc.md"
    }

    @Test(arguments: Target.allCases)
    func mutatedInputsLoadWithLocatedErrors(_ target: Target) throws {
        let seeds = try Target.allCases.map { try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent($0.rawValue))) }
        let seed = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(target.rawValue)))
        var random = SplitMix64(seed: Self.seed &+ UInt64(Target.allCases.firstIndex(of: target) ?? 0) &* 0x9E37_79B9)
        let folder = try TemporaryDirectory()
        var rejected = 0
        for iteration in 0..<Self.iterations {
            var input = seed
            for _ in 0..<(1 + random.next(below: 4)) {
                FuzzMutator.mutate(&input, splicing: seeds[random.next(below: seeds.count)], with: &random)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let diagnostics = load(input, as: target, in: folder)
            let elapsed = clock.now - start
            let context = "\(target.rawValue), seed \(Self.seed), iteration \(iteration), input (base64) \(Data(input).base64EncodedString())"
            #expect(elapsed < Self.timeLimit, "took \(elapsed): \(context)")
            for problem in diagnostics.items {
                #expect(problem.location.path == displayPath(of: target), "not located at the file: \(problem) — \(context)")
                #expect(problem.location.line != nil || Self.isWholeFile(problem), "no line: \(problem) — \(context)")
                #expect(!problem.message.isEmpty, "\(context)")
            }
            if diagnostics.hasErrors { rejected += 1 }
            if diagnostics.items.contains(where: { $0.location.line == nil && !Self.isWholeFile($0) }) { break }
        }
        // The mutations must matter: most inputs are broken, and some still load.
        #expect(rejected > Self.iterations / 3, "only \(rejected) of \(Self.iterations) inputs were rejected")
    }

    /// The seeds themselves are valid: a mutation, not the seed, makes an error.
    @Test(arguments: Target.allCases)
    func theSeedsLoadCleanly(_ target: Target) throws {
        let folder = try TemporaryDirectory()
        let seed = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(target.rawValue)))
        expectMessages(load(seed, as: target, in: folder), [])
    }

    // MARK: - Loading

    func displayPath(of target: Target) -> String {
        switch target {
        case .site: "Content/site.yaml"
        case .keys, .plans, .usageYAML, .usageJSON: "Content/data/" + target.rawValue
        case .usageCSV: "Content/data/usage/2026-11.csv"
        case .doc: "Content/docs/doc.md"
        }
    }

    func load(_ input: [UInt8], as target: Target, in folder: TemporaryDirectory) -> Diagnostics {
        var diagnostics = Diagnostics()
        let path = displayPath(of: target)
        let context = UsageReadContext(knownKeyIDs: ["key_prod"])
        switch target {
        case .site, .keys, .plans:
            guard case .success(let source) = SourceText.decode(Data(input), displayPath: path) else {
                if case .failure(let error) = SourceText.decode(Data(input), displayPath: path) { diagnostics.report(error) }
                return diagnostics
            }
            guard let root = YAMLDocument.parse(source, diagnostics: &diagnostics)?.root else { return diagnostics }
            switch target {
            case .site: _ = SiteConfigLoader.read(root, source: source, diagnostics: &diagnostics)
            case .keys: _ = KeysLoader.read(root, source: source, diagnostics: &diagnostics)
            default: _ = PlansLoader.read(root, source: source, diagnostics: &diagnostics)
            }
        case .usageYAML, .usageJSON:
            _ = YAMLUsageReader().read(Data(input), displayPath: path, context: context, diagnostics: &diagnostics)
        case .usageCSV:
            _ = CSVUsageReader().read(Data(input), displayPath: path, context: context, diagnostics: &diagnostics)
        case .doc:
            let docs = folder.url.appendingPathComponent("docs")
            try? FileManager.default.removeItem(at: docs)
            try? FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
            try? Data(input).write(to: docs.appendingPathComponent("doc.md"))
            try? Data("# Errors\n\n## Rate limits\n".utf8).write(to: docs.appendingPathComponent("errors.md"))
            _ = DocsLoader.load(directory: docs, displayDirectory: "Content/docs", includeDrafts: true, diagnostics: &diagnostics)
        }
        // Whatever the input, the secret scan reads it too.
        SecretScanner(keys: []).scan(bytes: input, displayPath: path, diagnostics: &diagnostics)
        return diagnostics
    }

    /// Problems about a whole file, which have no line to point at.
    static func isWholeFile(_ problem: ContentError) -> Bool {
        switch problem.reason {
        case .unreadable, .missingFile, .noUsageRecords: true
        case .tooLarge(let text): text.hasPrefix("the file is larger than")
        default: false
        }
    }
}

/// The mutations of `FuzzTests`: what a truncated export, a bad editor, a copy-paste or an
/// attacker makes of a file.
enum FuzzMutator {
    static let fragments: [String] = [
        "\u{0}", "\u{7}", "\u{1B}[2J", "\u{7F}", "\r", "\r\n", "\t", "\u{FEFF}", "\u{200B}", "é", "\u{10FFFF}",
        "\"\\x07\"", "\"\\u0000\"", "\"\\U0001F600\"", "\\\n", "!!str ", "!!python/object:os.system ", "!foo ", "&a ", "*a ", "<<: *a\n",
        "[", "]", "{", "}", "- ", ": ", ", ", "? ", "'", "\"", "#", "---\n", "...\n", "%YAML 1.1\n", "|\n  ", ">-\n  ",
        "9223372036854775807", "-1", "1e308", "0x1F", "2026-02-30", "null", "~", "yes",
        "<!-- -->", "<script>", "&#75;", "](", "[x](../../etc/passwd)", "[x](#nope)", "| a | b |\n|---|---|\n",
        "sk_Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4F2iLD6K",
    ]

    static func mutate(_ input: inout [UInt8], splicing other: [UInt8], with random: inout SplitMix64) {
        let position = input.isEmpty ? 0 : random.next(below: input.count + 1)
        switch random.next(below: 10) {
        case 0 where !input.isEmpty: // flip a byte's bits
            let index = min(position, input.count - 1)
            input[index] ^= UInt8(1 << random.next(below: 8))
        case 1: // a random byte, control characters included
            input.insert(UInt8(random.next(below: 256)), at: position)
        case 2 where !input.isEmpty: // cut a range
            let end = min(input.count, position + 1 + random.next(below: 40))
            input.removeSubrange(min(position, input.count - 1)..<end)
        case 3: // truncate, as an interrupted export
            input.removeLast(input.count - position)
        case 4 where !other.isEmpty: // splice a piece of another seed
            let start = random.next(below: other.count)
            let piece = other[start..<min(other.count, start + 1 + random.next(below: 80))]
            input.insert(contentsOf: piece, at: position)
        case 5: // a fragment that means something to YAML, CSV, Markdown or the scanner
            input.insert(contentsOf: Array(fragments[random.next(below: fragments.count)].utf8), at: position)
        case 6: // deep nesting
            let depth = 1 + random.next(below: 2_000)
            let open: UInt8 = random.next(below: 2) == 0 ? 0x5B : 0x7B
            input.insert(contentsOf: [UInt8](repeating: open, count: depth), at: position)
        case 7: // an anchor and many aliases of it
            let anchor = Array("&bomb \"".utf8) + [UInt8](repeating: 0x41, count: 1 + random.next(below: 5_000)) + Array("\"\n".utf8)
            let aliases = Array(String(repeating: "  - *bomb\n", count: 1 + random.next(below: 2_000)).utf8)
            input.insert(contentsOf: anchor + aliases, at: position)
        case 8 where !input.isEmpty: // repeat a line
            let lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)
            let line = lines[random.next(below: lines.count)]
            for _ in 0..<(1 + random.next(below: 200)) { input.insert(contentsOf: Array(line) + [0x0A], at: position) }
        default: // a long line
            input.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: random.next(below: 20_000)), at: position)
        }
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives
/// the same inputs on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}
