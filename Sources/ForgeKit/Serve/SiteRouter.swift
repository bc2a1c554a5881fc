/// Answers one request from the site being served: GET and HEAD only, only for the hosts the
/// server listens as, files under the base path (as GitHub Pages serves `/REPO/`), the site's
/// `404.html` with status 404 for anything else, never a directory listing.
struct SiteRouter: Sendable {
    /// nil until a build has succeeded.
    let site: ServedSite?
    /// `/` or `/repo/`.
    let basePath: String
    let port: Int

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .text(405, "Only GET and HEAD are served", headers: [("Allow", "GET, HEAD")])
        }
        // A page elsewhere must not read this one through a name that resolves to 127.0.0.1
        // (DNS rebinding): answer only to the names the server was opened as.
        if let host = request.header("host"), !allowedHosts.contains(host.lowercased()) {
            return .text(421, "forge serve answers only to 127.0.0.1:\(port) and localhost:\(port)")
        } else if request.header("host") == nil, request.version == "HTTP/1.1" {
            return .text(400, "HTTP/1.1 requires a Host field")
        }
        let route = SitePath.resolve(request.target, basePath: basePath) { site?.files[$0] != nil }
        switch route {
        case .refused(let reason):
            return .text(400, "Refused: \(reason)")
        case .redirect(let location):
            return .redirect(to: location)
        case .forge(let name):
            return forgeFile(name, head: request.method == "HEAD")
        case .file(let path):
            guard let site, let bytes = site.files[path] else { return notFound(path) }
            return file(bytes, path: path, status: 200, pages: [path], build: site.build, request: request)
        case .notFound(let path):
            return notFound(path, request: request)
        }
    }

    private var allowedHosts: Set<String> {
        ["127.0.0.1:\(port)", "localhost:\(port)"]
    }

    private func forgeFile(_ name: String, head: Bool) -> HTTPResponse {
        switch name {
        case "reload.js":
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8"), ("Cache-Control", "no-cache")],
                                body: Array(ServeResources.reloadScript.utf8))
        case "overlay.css":
            return HTTPResponse(status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "no-cache")],
                                body: Array(ServeResources.overlayStylesheet.utf8))
        case "events":
            // HEAD learns the type; only GET holds the connection open.
            return head ? HTTPResponse(status: 200,
                headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")]) : .eventStream()
        default:
            return .text(404, "Not found")
        }
    }

    private func notFound(_ path: String, request: HTTPRequest? = nil) -> HTTPResponse {
        guard let site else {
            let page = ReloadInjection.inject(into: Array(ServeResources.noBuildPage.utf8), basePath: basePath, pages: [], build: 0)
            return HTTPResponse(status: 503, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                body: page)
        }
        guard let page = site.files["404.html"] else { return .text(404, "Not found") }
        return file(page, path: "404.html", status: 404, pages: [path, "404.html"].filter { !$0.isEmpty }, build: site.build,
            request: request)
    }

    private func file(_ bytes: [UInt8], path: String, status: Int, pages: [String], build: Int, request: HTTPRequest?) -> HTTPResponse {
        let type = SiteRouter.contentType(of: path)
        let body = type.hasPrefix("text/html") ? ReloadInjection.inject(into: bytes, basePath: basePath, pages: pages, build: build) : bytes
        let tag = "\"\(SiteRouter.digest(body))\""
        var headers: [(name: String, value: String)] = [("Content-Type", type), ("Cache-Control", "no-cache"), ("ETag", tag)]
        if status == 200, let match = request?.header("if-none-match"), match.split(separator: ",")
            .contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) {
            return HTTPResponse(status: 304, headers: headers.filter { $0.name != "Content-Type" })
        }
        if status != 200 { headers.removeAll { $0.name == "ETag" } }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// FNV-1a, 64 bits, in hex: an entity tag, so an unchanged file is answered 304.
    static func digest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/vnd.microsoft.icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        case "csv": return "text/csv; charset=utf-8"
        case "yaml", "yml": return "text/yaml; charset=utf-8"
        case "wasm": return "application/wasm"
        case "mp4": return "video/mp4"
        case "webm": return "video/webm"
        default: return "application/octet-stream"
        }
    }
}

import Foundation
