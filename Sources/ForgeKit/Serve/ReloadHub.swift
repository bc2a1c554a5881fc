import Foundation
import Synchronization

/// The open pages' event streams (Server-Sent Events, `BASE/__forge/events`): each learns the
/// current build when it connects, then every build and every failure as it happens.
///
/// Every write to a stream happens under one lock, so a broadcast and a heartbeat never
/// interleave, and a page that connects in the middle of a build misses nothing: it is told
/// the state as of its `hello`, then every later event.
final class ReloadHub: Sendable {
    /// Pages changed by a build, listed in the `build` event up to this many; past it, `null`
    /// (every page reloads).
    static let changedListLimit = 500

    private struct State {
        var clients: [ObjectIdentifier: Connection] = [:]
        var build = 0
        var error: String?
        var closed = false
    }

    private let state = Mutex(State())

    /// Serves one event stream until the page goes away or the hub closes: `hello`, then
    /// events, with a comment every `HTTPServer.idleSeconds` to notice a page that left.
    func stream(_ connection: Connection) {
        let id = ObjectIdentifier(connection)
        let attached = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            let hello = ReloadHub.event("hello", HelloData(build: state.build, error: state.error))
            guard connection.send(Array("retry: 1000\n\n".utf8) + hello) else { return false }
            state.clients[id] = connection
            return true
        }
        guard attached else { return }
        while connection.waitWhileOpen() {
            let alive = state.withLock { state -> Bool in
                guard state.clients[id] != nil else { return false }
                return connection.send(Array(": keep-alive\n\n".utf8), waiting: false)
            }
            if !alive { break }
        }
        _ = state.withLock { $0.clients.removeValue(forKey: id) }
    }

    /// A good build is being served: pages showing one of `changed` (nil: any) reload.
    func built(_ build: Int, changed: [String]?) {
        let list = changed.flatMap { $0.count <= ReloadHub.changedListLimit ? $0.sorted() : nil }
        broadcast { state in
            state.build = build
            state.error = nil
            return ReloadHub.event("build", BuildData(build: build, changed: list))
        }
    }

    /// A build failed; the last good one stays served.
    func failed(_ message: String) {
        broadcast { state in
            state.error = message
            return ReloadHub.event("failure", FailureData(error: message))
        }
    }

    /// Ends every stream (the server stops).
    func close() {
        state.withLock { state in
            state.closed = true
            for client in state.clients.values { client.shutdown() }
            state.clients = [:]
        }
    }

    private func broadcast(_ update: (inout State) -> [UInt8]) {
        state.withLock { state in
            let message = update(&state)
            for (id, client) in state.clients where !client.send(message, waiting: false) {
                // A page that cannot take a few hundred bytes is gone or stuck: its EventSource
                // reconnects and gets a `hello` with the current state.
                client.shutdown()
                state.clients.removeValue(forKey: id)
            }
        }
    }

    private struct HelloData: Encodable {
        var build: Int
        @Nullable var error: String?
    }

    private struct BuildData: Encodable {
        var build: Int
        /// null: every page.
        @Nullable var changed: [String]?
    }

    private struct FailureData: Encodable {
        var error: String
    }

    /// `event: NAME` and one `data:` line of JSON (which holds no line break).
    private static func event(_ name: String, _ data: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(data)) ?? Data("{}".utf8)
        return Array("event: \(name)\ndata: ".utf8) + Array(json) + Array("\n\n".utf8)
    }
}
