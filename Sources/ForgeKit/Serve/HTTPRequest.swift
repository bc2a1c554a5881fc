/// One request head, as `forge serve` accepts it: a bounded head, GET or HEAD, no body.
///
/// The parser is strict where leniency would let a request mean two things (a body on a GET,
/// folded header lines, a second `Host`), and lenient only where clients differ harmlessly
/// (a bare LF ends a line, as RFC 9112 §2.2 allows a recipient to accept).
struct HTTPRequest: Sendable, Equatable {
    /// A request head may be at most this long: 16 KiB, as many servers allow.
    static let headLimit = 16 * 1024
    static let headerCountLimit = 64

    var method: String
    /// The request target as sent: `/console/docs/a.html?x`.
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    /// Field names lowercased, in the order sent.
    var headers: [Header]

    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
    var keepsAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    /// What reading a buffer gave.
    enum Parse: Equatable {
        /// The head is not complete yet (and still within the limits).
        case incomplete
        /// A request, and how many bytes of the buffer its head took.
        case request(HTTPRequest, consumed: Int)
        /// A request the server will not take: answer with `status` and close the connection.
        case refused(status: Int, reason: String)
    }

    /// Parses the head at the start of `buffer`.
    static func parse(_ buffer: [UInt8]) -> Parse {
        guard let end = headEnd(in: buffer) else {
            return buffer.count > headLimit
                ? .refused(status: 431, reason: "the request head is longer than \(headLimit) bytes") : .incomplete
        }
        guard end.headLength <= headLimit else { return .refused(status: 431, reason: "the request head is longer than \(headLimit) " +
            "bytes") }
        var lines = buffer[..<end.headLength].split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> ArraySlice<UInt8> in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .refused(status: 400, reason: "an empty request") }
        // Bytes a request line or header never holds (RFC 9110 §5.5): a NUL or a bare CR.
        for line in lines where line.contains(where: { $0 == 0 || $0 == 0x0D }) {
            return .refused(status: 400, reason: "a control character in the request head")
        }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, let method = ascii(parts[0]), let target = ascii(parts[1]), let version = ascii(parts[2]),
              !method.isEmpty, method.utf8.allSatisfy(isTokenByte), !target.isEmpty else {
            return .refused(status: 400, reason: "the request line is not METHOD TARGET VERSION")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .refused(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are served")
        }
        var headers: [Header] = []
        for line in lines.dropFirst() {
            guard headers.count < headerCountLimit else { return .refused(status: 431, reason: "more than \(headerCountLimit) header " +
                "fields") }
            if line.first == 0x20 || line.first == 0x09 { return .refused(status: 400, reason: "a folded header line") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), let name = ascii(line[..<colon]),
                  !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                return .refused(status: 400, reason: "a header line without a valid name")
            }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers.append(Header(name: name.lowercased(), value: value))
        }
        let request = HTTPRequest(method: method, target: target, version: version, headers: headers)
        if headers.filter({ $0.name == "host" }).count > 1 { return .refused(status: 400, reason: "two Host fields") }
        // No body is read, so none may follow: it would be taken for the next request.
        if request.header("transfer-encoding") != nil { return .refused(status: 400, reason: "a request body is not accepted") }
        if let length = request.header("content-length"), length != "0" {
            return .refused(status: 400, reason: "a request body is not accepted")
        }
        return .request(request, consumed: end.consumed)
    }

    /// Where the head ends (its last line break) and where the next request begins.
    private static func headEnd(in buffer: [UInt8]) -> (headLength: Int, consumed: Int)? {
        var index = 0
        let limit = min(buffer.count, headLimit + 4)
        while index < limit {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index + 1, index + 3) }
            }
            index += 1
        }
        return nil
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

import Foundation
