import Foundation
import Testing

/// The example site in a temporary folder, built once, so a test can break it and check that
/// the next build fails loudly and leaves the previous `Output/` byte for byte.
final class BuiltSite {
    let folder: TemporaryDirectory
    /// `Output/` after the first, good build.
    let before: [String: Data]

    init(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        folder = try TemporaryDirectory()
        try folder.copyExampleSite()
        let first = try ForgeProcess.run(["build", "--quiet"], in: folder.url)
        try #require(first.status == 0, "the example site must build: \(first.stderr)", sourceLocation: sourceLocation)
        before = folder.snapshot("Output")
    }

    var url: URL { folder.url }

    func path(_ relative: String) -> String { folder.url.appendingPathComponent(relative).path }

    /// Makes `relative` a symbolic link whose text is `destination`, folders created as needed.
    func link(_ relative: String, to destination: String) throws {
        let at = folder.url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: at.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: at)
        try FileManager.default.createSymbolicLink(atPath: at.path, withDestinationPath: destination)
    }

    func build(_ arguments: [String] = [], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> ForgeProcess.Outcome {
        try ForgeProcess.run(["build"] + arguments, in: folder.url, environment: environment, timeout: timeout)
    }

    /// Builds as a user for whom permission bits count: as root (which reads everything) the
    /// site is handed to `nobody` and forge runs as `nobody` through setpriv.
    func buildAsAUser(_ arguments: [String] = []) throws -> ForgeProcess.Outcome {
        let asRoot = getuid() == 0
        if asRoot {
            let chown = Process()
            chown.executableURL = URL(fileURLWithPath: "/bin/chown")
            chown.arguments = ["-R", "65534:65534", folder.url.path]
            try chown.run()
            chown.waitUntilExit()
        }
        return try ForgeProcess.run(["build"] + arguments, in: folder.url, timeout: 60, user: asRoot ? 65534 : nil)
    }

    /// The build failed, printed every one of `expected` on stderr, and left Output/ as it was.
    func expectRefused(_ outcome: ForgeProcess.Outcome, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(outcome.status != 0, "the build must fail", sourceLocation: sourceLocation)
        for text in expected {
            #expect(outcome.stderr.contains(text), "expected \"\(text)\" in:\n\(outcome.stderr.prefix(4000))", sourceLocation: sourceLocation)
        }
        #expect(folder.snapshot("Output") == before, "the previous Output/ must stay byte-identical", sourceLocation: sourceLocation)
    }
}
