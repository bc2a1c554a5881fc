import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP/1.1 server under `forge serve`, on the standard library: a listening socket on
/// 127.0.0.1 only, one thread per connection (at most `connectionLimit`; more are answered 503),
/// keep-alive, and every read bounded in bytes (`HTTPRequest.headLimit`) and in time
/// (`idleSeconds` per read, `headSeconds` for a whole request head). Every socket call of the
/// server is in this file.
final class HTTPServer: Sendable {
    static let connectionLimit = 64
    static let idleSeconds = 10
    static let headSeconds = 10.0

    typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    /// Takes over the connection after an event-stream head; returns when the stream ends.
    typealias StreamHandler = @Sendable (Connection) -> Void

    let port: Int
    private let listener: Int32
    private let handler: Handler
    private let streamHandler: StreamHandler
    private let open = Mutex<Set<Int32>>([])
    /// Whether `start` ran (its loop is then waited for) and whether `stop` did.
    private let phase = Mutex((started: false, stopped: false))
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1:`port` (0: a free port, see `port`) and listens; `start` accepts.
    init(port requested: Int, handler: @escaping Handler, streamHandler: @escaping StreamHandler) throws(ServeError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ServeError(.cannotListen(HTTPServer.errorText()), port: requested) }
        var yes: Int32 = 1
        // Lets a restarted server bind while old connections linger in TIME_WAIT; on Linux it
        // never lets two servers listen on one port.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(requested).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw ServeError(code == EADDRINUSE ? .portInUse : .cannotListen(HTTPServer.errorText(code)), port: requested)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.listener = fd
        self.handler = handler
        self.streamHandler = streamHandler
    }

    /// Accepts connections on a thread of its own until `stop`.
    func start() {
        let go = phase.withLock { phase -> Bool in
            guard !phase.stopped, !phase.started else { return false }
            phase.started = true
            return true
        }
        guard go else { return }
        Thread.detachNewThread { [self] in
            acceptLoop()
            acceptLoopDone.signal()
        }
    }

    /// Stops accepting, ends every open connection and waits for the accept loop to finish.
    func stop() {
        let (first, started) = phase.withLock { phase in
            defer { phase.stopped = true }
            return (!phase.stopped, phase.started)
        }
        guard first else { return }
        // shutdown wakes a thread blocked in accept (EINVAL) or recv (0) on Linux.
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        if started { acceptLoopDone.wait() }
        close(listener)
        open.withLock { fds in
            for fd in fds { Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private var isStopped: Bool { phase.withLock { $0.stopped } }

    private func acceptLoop() {
        while !isStopped {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let code = errno
                if code == EINTR || code == ECONNABORTED { continue }
                // Out of file descriptors: wait for connections to end rather than spin.
                if code == EMFILE || code == ENFILE {
                    usleep(100_000)
                    continue
                }
                return
            }
            let admitted = open.withLock { fds -> Bool in
                guard fds.count < HTTPServer.connectionLimit, !isStopped else { return false }
                fds.insert(fd)
                return true
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let connection = Connection(fd: fd)
            connection.setTimeouts(seconds: HTTPServer.idleSeconds)
            guard admitted else {
                _ = connection.send(HTTPResponse.text(503, "Too many connections")
                    .head(keepAlive: false) + Array("Too many connections\n".utf8))
                close(fd)
                continue
            }
            Thread.detachNewThread { [self] in
                serve(connection)
                open.withLock { fds in
                    fds.remove(fd)
                    close(fd)
                }
            }
        }
    }

    /// Requests one after another on one connection, until either side closes it.
    private func serve(_ connection: Connection) {
        var buffer: [UInt8] = []
        var started = ContinuousClock.now
        while !isStopped {
            switch HTTPRequest.parse(buffer) {
            case .incomplete:
                if buffer.isEmpty { started = .now }
                guard let bytes = connection.receive(), ContinuousClock.now - started < .seconds(HTTPServer.headSeconds) else { return }
                buffer += bytes
            case .refused(let status, let reason):
                let response = HTTPResponse.text(status, "Refused: \(reason)")
                _ = connection.send(response.head(keepAlive: false) + response.body)
                return
            case .request(let request, let consumed):
                buffer.removeFirst(consumed)
                let response = handler(request)
                if response.isEventStream {
                    guard connection.send(response.head(keepAlive: false)) else { return }
                    streamHandler(connection)
                    return
                }
                let keepAlive = request.keepsAlive
                let body = request.method == "HEAD" ? [] : response.body
                guard connection.send(response.head(keepAlive: keepAlive) + body), keepAlive else { return }
                started = .now
            }
        }
    }

    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// One accepted socket. Writes never raise SIGPIPE; reads and writes time out.
final class Connection: Sendable {
    let fd: Int32

    init(fd: Int32) {
        self.fd = fd
    }

    func setTimeouts(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Up to 8 KiB; nil when the peer closed, the read timed out or failed.
    func receive() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(chunk[..<count]) }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Whether the peer is still there after waiting up to the read timeout: false when it
    /// closed or failed, true when it sent something (ignored) or stayed quiet.
    func waitWhileOpen() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 512)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { return true }
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
    }

    /// Writes all of `bytes`; false when the peer went away or the write timed out.
    /// With `waiting: false` a full socket buffer counts as failure (a stuck reader).
    func send(_ bytes: [UInt8], waiting: Bool = true) -> Bool {
        var offset = 0
        let flags = Int32(MSG_NOSIGNAL) | (waiting ? 0 : Int32(MSG_DONTWAIT))
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.send(fd, base + offset, buffer.count - offset, flags)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Ends the connection both ways; the thread serving it sees the end and closes it.
    func shutdown() {
        Glibc.shutdown(fd, Int32(SHUT_RDWR))
    }
}
