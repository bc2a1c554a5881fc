import ArgumentParser
import Dispatch
import Foundation
import ForgeKit
#if canImport(Glibc)
import Glibc
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve on 127.0.0.1; rebuild and reload on every edit.",
        discussion: "Builds into memory (nothing is written to the output folder), serves under base_url's path, watches Content/ and " +
            "Themes/, and reloads open pages once a rebuild is complete.")

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port = 1313

    @OptionGroup var options: BuildOptionGroup

    /// Another program holds the port (or it cannot be bound): the server could not start.
    static let cannotServe: Int32 = 3

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, found \(port)") }
    }

    func run() throws {
        let buildOptions = options.buildOptions()
        guard FileManager.default.fileExists(atPath: buildOptions.contentDirectory.path) else {
            let message = "\(options.content): error: there is no content folder here; run forge serve where Content/ is, "
                + "or name it with --content DIR\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode.failure
        }
        let terminal = ServeTerminal(format: options.format, quiet: options.quiet)
        // Writes to a page that went away must not kill the server.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-C and SIGTERM stop the server whenever they come, even before it exists.
        let control = Mutex<(server: DevServer?, stopRequested: Bool)>((nil, false))
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let server = control.withLock { control -> DevServer? in
                    control.stopRequested = true
                    return control.server
                }
                server?.stop()
            }
            source.resume()
            sources.append(source)
        }
        let server: DevServer
        do {
            server = try DevServer(options: buildOptions, port: port) { terminal.show($0) }
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(Serve.cannotServe)
        }
        let stopRequested = control.withLock { control -> Bool in
            control.server = server
            return control.stopRequested
        }
        if stopRequested { server.stop() }
        server.run()
        for source in sources { source.cancel() }
        terminal.line("Stopped.")
    }
}

/// Prints what `forge serve` does: the first build's problems in full, later only the
/// problems that are new, one line per rebuild.
final class ServeTerminal: Sendable {
    let format: DiagnosticFormat
    let quiet: Bool
    private let shownWarnings = Mutex<Set<String>>([])

    init(format: DiagnosticFormat, quiet: Bool) {
        self.format = format
        self.quiet = quiet
    }

    func show(_ event: DevServer.Event) {
        switch event {
        case .serving(let url):
            line("Serving \(url) (Ctrl-C to stop)")
        case .built(let number, let result, let changed, let duration):
            let fresh = newWarnings(result.diagnostics)
            if !fresh.items.isEmpty { FileHandle.standardError.write(DiagnosticReport(format: format).render(fresh)) }
            let warnings = result.diagnostics.warningCount
            let suffix = warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""
            if let changed {
                let files = changed.count == 1 ? "1 file changed" : "\(changed.count) files changed"
                line("Rebuilt in \(ServeTerminal.milliseconds(duration)) ms: \(files)\(suffix) (build \(number))")
            } else {
                let pages = result.pageCount == 1 ? "1 page" : "\(result.pageCount) pages"
                line("Built \(pages) (\(result.fileCount) files) in memory in \(ServeTerminal.milliseconds(duration)) ms\(suffix)")
            }
        case .failed(let error, _):
            FileHandle.standardError.write(DiagnosticReport(format: format).render(error))
            shownWarnings.withLock { $0 = [] }
            line("The build failed: the last good build is still served; the open pages show the problems.", always: true)
        }
    }

    /// Warnings not printed by the last build, so a rebuild does not repeat hundreds of them.
    private func newWarnings(_ diagnostics: Diagnostics) -> Diagnostics {
        shownWarnings.withLock { shown in
            var fresh = Diagnostics()
            var now: Set<String> = []
            for item in diagnostics.items {
                let text = item.description
                now.insert(text)
                if !shown.contains(text) { fresh.report(item) }
            }
            shown = now
            return fresh
        }
    }

    func line(_ text: String, always: Bool = false) {
        guard always || !quiet else { return }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

import Synchronization
