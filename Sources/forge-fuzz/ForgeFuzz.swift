import Foundation
import ForgeKit

// The libFuzzer target over Forge's loaders: the long-run companion of
// Tests/ForgeKitTests/FuzzTests.swift, which runs a seeded share of the same in `make test`.
// Built with libFuzzer (README.md, "Fuzzing"):
//   swift build -c release --product forge-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
//   .build/release/forge-fuzz -max_total_time=3600 .fuzz-corpus Tests/ForgeKitTests/Fixtures/fuzz-corpus
// Built as usual, it replays inputs instead, to reproduce a finding: `forge-fuzz crash-1234…`.

/// libFuzzer's entry point: one input, read by every loader of user input through the public
/// API, the way `forge build` reads it. A crash, a hang (`-timeout`) or an error without a
/// line is a finding; the last aborts, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    FuzzSite.shared.check(Data(UnsafeBufferPointer(start: start, count: count)))
    return 0
}

final class FuzzSite: @unchecked Sendable {
    static let shared = FuzzSite()
    let content = FileManager.default.temporaryDirectory.appendingPathComponent("forge-fuzz-\(getpid())/Content")

    /// The first byte picks the file the rest becomes, so one corpus reaches every loader.
    static let targets = ["site.yaml", "data/keys.yaml", "data/plans.yaml", "data/usage.yaml", "data/usage/x.csv", "docs/doc.md"]

    func check(_ input: Data) {
        guard let first = input.first else { return }
        let target = FuzzSite.targets[Int(first) % FuzzSite.targets.count]
        let manager = FileManager.default
        try? manager.removeItem(at: content)
        try? manager.createDirectory(at: content.appendingPathComponent("data/usage"), withIntermediateDirectories: true)
        try? manager.createDirectory(at: content.appendingPathComponent("docs"), withIntermediateDirectories: true)
        if target != "site.yaml" { try? Data("title: Fuzz\n".utf8).write(to: content.appendingPathComponent("site.yaml")) }
        try? input.dropFirst().write(to: content.appendingPathComponent(target))

        var diagnostics = Diagnostics()
        _ = ContentLoader.load(ContentLoader.Options(contentDirectory: content, displayDirectory: "Content"), diagnostics: &diagnostics)
        _ = DocsLoader.load(directory: content.appendingPathComponent("docs"), displayDirectory: "Content/docs",
                            includeDrafts: true, diagnostics: &diagnostics)
        for problem in diagnostics.items where problem.location.path == "Content/" + target && problem.location.line == nil {
            // A problem of the whole file has no line (as FuzzTests.isWholeFile says).
            switch problem.reason {
            case .unreadable, .missingFile, .noUsageRecords: continue
            case .tooLarge(let text) where text.hasPrefix("the file is larger than"): continue
            default: break
            }
            fatalError("an error without a line: \(problem)")
        }
        _ = DiagnosticReport(format: .text).render(diagnostics)
    }
}

#if FUZZING
/// SwiftPM links an executable's entry point under this name; libFuzzer's driver takes over
/// from it (`LLVMFuzzerRunDriver`, in the runtime `-sanitize=fuzzer` links).
@_cdecl("forge_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOneInput($0, $1) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#else
/// Replays inputs (files libFuzzer wrote, or a corpus folder's files) without libFuzzer.
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            FuzzSite.shared.check(data)
            print("ok \(path)")
        }
    }
}
#endif
