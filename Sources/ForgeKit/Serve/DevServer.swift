import Dispatch
import Foundation
import Synchronization

/// `forge serve`: builds the site into memory, serves it on 127.0.0.1 under its base path,
/// rebuilds when `Content/` or the themes change, and tells open pages to reload once the new
/// build is being served. Nothing is written to disk: not `Output/`, not a temporary folder.
///
/// A failed build leaves the last good one served; its problems go to the terminal (through
/// `report`) and to the open pages, which show them over the page until a build succeeds.
public final class DevServer: Sendable {
    /// What happened, for the terminal.
    public enum Event: Sendable {
        /// The server answers at `url` (the base path on 127.0.0.1).
        case serving(url: String)
        /// A build is served. `changed`: its files that differ from the last build (nil for the
        /// first). `warnings`: the build's warnings; `duration`: from the start of the build to
        /// the files being served.
        case built(number: Int, result: BuildResult, changed: [String]?, duration: Duration)
        /// A build failed; the last good one (if any) stays served.
        case failed(Error, duration: Duration)
    }

    /// A burst of saves is one rebuild when no further change comes within `quiet` (and no
    /// file being written is still open); a stream of changes that never pauses, or a file kept
    /// open, is still built every `patience`. `quiet` is short because it is part of the time
    /// from a save to the page: 10 ms is more than the gaps between the writes of one program on
    /// an idle machine (a busy one can split a burst into a few builds, each of whole files).
    public static let quiet = Duration.milliseconds(10)
    public static let patience = Duration.milliseconds(300)

    private let builder: SiteBuilder
    private let cache: BuildCache
    private let report: @Sendable (Event) -> Void
    private let server: HTTPServer
    private let watcher: FileWatcher
    private let hub = ReloadHub()
    /// What requests are answered from; swapped whole by each good build.
    private let state = ServedState()
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    /// Opens the port (`0`: any free one) and the watches; `run` builds and serves.
    public init(options: BuildOptions, port: Int, report: @escaping @Sendable (Event) -> Void) throws(ServeError) {
        builder = SiteBuilder(options: options)
        cache = BuildCache(options: options)
        self.report = report
        let hub = self.hub
        let state = self.state
        server = try HTTPServer(port: port, handler: { request in
            state.router.respond(to: request)
        }, streamHandler: { connection in
            hub.stream(connection)
        })
        state.value.withLock { [actual = server.port] in $0.port = actual }
        do {
            watcher = try FileWatcher(roots: [options.contentDirectory, options.themesDirectory])
        } catch {
            server.stop()
            throw ServeError(error.reason, port: server.port)
        }
    }

    /// The port the server listens on.
    public var port: Int { server.port }

    /// Builds, serves, and rebuilds on every change until `stop`.
    public func run() {
        publish(build(changes: nil), changes: nil)
        // Stopped during the first build (Ctrl-C while it ran): nothing to serve.
        guard !stopped.withLock({ $0 }) else { return }
        server.start()
        report(.serving(url: "http://127.0.0.1:\(server.port)\(state.router.basePath)"))
        Thread.detachNewThread { [self] in
            var withheldSince: ContinuousClock.Instant?
            while let batch = watcher.next(quiet: DevServer.quiet, patience: DevServer.patience) {
                let started = withheldSince ?? .now
                let outcome = build(changes: batch)
                // Files changed while they were read: the next build has those changes, and is the
                // one to show (unless saves keep coming for longer than `patience`).
                if watcher.hasChanges(), ContinuousClock.now - started < DevServer.patience {
                    withheldSince = started
                    continue
                }
                withheldSince = nil
                publish(outcome, changes: batch)
            }
        }
        finished.wait()
    }

    /// Stops watching and serving; `run` returns. Safe to call from a signal handler's queue.
    public func stop() {
        stopped.withLock { $0 = true }
        watcher.stop()
        hub.close()
        server.stop()
        finished.signal()
    }

    /// One build's outcome and how long it took.
    private struct Outcome {
        var result: Result<BuildResult, BuildFailure>
        var duration: Duration
    }

    private func build(changes: FileWatcher.Batch?) -> Outcome {
        let started = ContinuousClock.now
        if let changes { cache.invalidate(changes.paths, everything: changes.everything) }
        let result = Result { () throws(BuildFailure) -> BuildResult in try builder.build(write: false, cache: cache) }
        return Outcome(result: result, duration: .now - started)
    }

    /// Serves a good build and tells the pages, or tells them (and the terminal) why it failed.
    private func publish(_ outcome: Outcome, changes: FileWatcher.Batch?) {
        switch outcome.result {
        case .success(let result):
            let path = NotFoundPage.rootPath(of: result.baseURL)
            let (site, changed, moved) = state.value.withLock { current -> (ServedSite, [String]?, Bool) in
                let site = ServedSite(build: (current.site?.build ?? 0) + 1, files: result.files)
                let changed = current.site.map { site.changedPaths(since: $0) }
                let moved = current.basePath != path
                current.site = site
                current.basePath = path
                return (site, changed, moved)
            }
            hub.built(site.build, changed: moved ? nil : changed)
            report(.built(number: site.build, result: result, changed: changed, duration: outcome.duration))
            if moved, changes != nil { report(.serving(url: "http://127.0.0.1:\(server.port)\(path)")) }
        case .failure(let error):
            let text = String(decoding: DiagnosticReport(format: .text).render(error), as: UTF8.self)
            hub.failed(String(text.prefix(100_000)))
            report(.failed(error, duration: outcome.duration))
        }
    }
}

/// The build being served, where it is served, and on which port: read by every request,
/// replaced by each good build.
final class ServedState: Sendable {
    struct Value {
        var site: ServedSite?
        var basePath = "/"
        var port = 0
    }

    let value = Mutex(Value())

    var router: SiteRouter {
        value.withLock { SiteRouter(site: $0.site, basePath: $0.basePath, port: $0.port) }
    }
}
