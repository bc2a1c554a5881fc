import Foundation
import Testing

/// Runs the real `forge` binary, as a user would from a terminal.
struct ForgeProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$FORGE_BIN`, else the debug build (`make test` and `swift build` make it).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["FORGE_BIN"] { return URL(fileURLWithPath: path) }
        return repository.appendingPathComponent(".build/debug/forge")
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "build forge first: swift build --product forge", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension TemporaryDirectory {
    /// A copy of the bundled example site (Content/) with the repository's Themes/ beside it.
    func copyExampleSite() throws {
        let manager = FileManager.default
        try manager.copyItem(at: ForgeProcess.repository.appendingPathComponent("Content"), to: url.appendingPathComponent("Content"))
        try manager.copyItem(at: ForgeProcess.repository.appendingPathComponent("Themes"), to: url.appendingPathComponent("Themes"))
    }
}
