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

    /// - Parameters:
    ///   - timeout: seconds after which the process is killed and the test fails (a hang guard
    ///     for inputs that once looped, not a performance assertion).
    ///   - user: run as this uid (and gid) through `setpriv`, so a test running as root still
    ///     sees permission bits as a user would.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    timeout: TimeInterval? = nil, user: UInt32? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path),
                     "build forge first: swift build --product forge", sourceLocation: sourceLocation)
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let started = Date()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
        // Both pipes at once: a process that fills one while the other is read would block.
        let errorReader = ErrorReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errorReader.data
        process.waitUntilExit()
        watchdog.cancel()
        if let timeout, process.terminationReason == .uncaughtSignal, Date().timeIntervalSince(started) >= timeout {
            Issue.record("forge \(arguments.joined(separator: " ")) ran longer than \(timeout) s and was killed", sourceLocation: sourceLocation)
        }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread; `data` waits for it.
private final class ErrorReader: @unchecked Sendable {
    private var result = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            result = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    var data: Data {
        done.wait()
        return result
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
