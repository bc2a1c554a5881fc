/// Why `forge serve` could not start or go on serving.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Another program listens on the port.
        case portInUse
        /// The port could not be bound for another reason (a privileged port, no loopback).
        case cannotListen(String)
        /// The folders could not be watched (inotify refused, too many watches).
        case cannotWatch(String)
    }

    public var reason: Reason
    public var port: Int

    public init(_ reason: Reason, port: Int) {
        self.reason = reason
        self.port = port
    }

    public var description: String {
        switch reason {
        case .portInUse:
            return "error: port \(port) on 127.0.0.1 is already in use: stop the program using it, or choose another port with --port N " +
                "(0 picks a free one)"
        case .cannotListen(let why):
            return "error: cannot listen on 127.0.0.1:\(port): \(why)"
        case .cannotWatch(let why):
            return "error: cannot watch the content and theme folders for changes: \(why)"
        }
    }
}
