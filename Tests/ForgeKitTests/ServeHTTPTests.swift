import Foundation
import Testing
@testable import ForgeKit

/// The pieces of `forge serve` that decide what a request gets: the request parser (bounds and
/// refusals), where a path leads (never outside the site), and what a served page gets added.
@Suite struct ServeHTTPTests {
    static func parse(_ text: String) -> HTTPRequest.Parse {
        HTTPRequest.parse(Array(text.utf8))
    }

    @Test func parsesARequestAndWhatFollowsIt() throws {
        let text = "GET /repo/docs/a.html?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1313\r\nConnection: keep-alive\r\n\r\nGET /next HTTP/1.1\r\n"
        guard case .request(let request, let consumed) = Self.parse(text) else {
            Issue.record("not parsed: \(Self.parse(text))")
            return
        }
        #expect(request.method == "GET" && request.target == "/repo/docs/a.html?x=1" && request.version == "HTTP/1.1")
        #expect(request.header("host") == "127.0.0.1:1313")
        #expect(request.keepsAlive)
        #expect(String(decoding: Array(text.utf8)[consumed...], as: UTF8.self) == "GET /next HTTP/1.1\r\n")
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete)
        #expect(Self.parse("GET / HTTP/1.0\n\n") != .incomplete, "a bare LF ends lines too")
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 400),
        ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", 400),
        ("GET /a b HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX:\u{0}y\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nBad Name: y\r\n\r\n", 400),
        ("GET / HTTP/2\r\n\r\n", 505),
        ("\r\n\r\n", 400),
    ])
    func refusesWhatCouldMeanTwoThings(_ text: String, _ status: Int) {
        guard case .refused(let got, _) = Self.parse(text) else {
            Issue.record("accepted: \(text.debugDescription)")
            return
        }
        #expect(got == status, "\(text.debugDescription)")
    }

    @Test func boundsTheHead() {
        let long = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: HTTPRequest.headLimit) + "\r\n\r\n"
        guard case .refused(431, _) = Self.parse(long) else {
            Issue.record("a head past the limit was accepted")
            return
        }
        let endless = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: HTTPRequest.headLimit + 10)
        guard case .refused(431, _) = Self.parse(endless) else {
            Issue.record("a head that never ends was waited for past the limit")
            return
        }
        let many = "GET / HTTP/1.1\r\n" + String(repeating: "X: y\r\n", count: HTTPRequest.headerCountLimit + 1) + "\r\n"
        guard case .refused(431, _) = Self.parse(many) else {
            Issue.record("too many header fields were accepted")
            return
        }
    }

    static let files: Set<String> = ["index.html", "404.html", "docs/a.html", "docs/guides/index.html", "assets/css/base.0123456789.css", "docs/img/x y.png"]

    static func resolve(_ target: String, base: String = "/repo/") -> SitePath {
        SitePath.resolve(target, basePath: base) { files.contains($0) }
    }

    @Test func pathsLeadToFilesUnderTheBasePath() {
        #expect(Self.resolve("/") == .redirect("/repo/"))
        #expect(Self.resolve("/repo") == .redirect("/repo/"))
        #expect(Self.resolve("/repo/") == .file("index.html"))
        #expect(Self.resolve("/repo/?v=1") == .file("index.html"))
        #expect(Self.resolve("/repo/docs/a.html#x") == .file("docs/a.html"))
        #expect(Self.resolve("/repo/docs/guides") == .redirect("/repo/docs/guides/"))
        #expect(Self.resolve("/repo/docs/guides/") == .file("docs/guides/index.html"))
        #expect(Self.resolve("/repo/docs/img/x%20y.png") == .file("docs/img/x y.png"))
        #expect(Self.resolve("/repo/__forge/events") == .forge("events"))
        #expect(Self.resolve("/docs/a.html", base: "/") == .file("docs/a.html"))
    }

    @Test func missingFilesAndFoldersAreNotFoundNeverListed() {
        #expect(Self.resolve("/repo/docs/b.html") == .notFound("docs/b.html"))
        #expect(Self.resolve("/repo/assets/") == .notFound("assets/index.html"))
        #expect(Self.resolve("/repo/assets/css") == .notFound("assets/css"))
        #expect(Self.resolve("/other/index.html") == .notFound(""))
        #expect(Self.resolve("/repo/.nojekyll") == .notFound(".nojekyll"))
        #expect(Self.resolve("/repo/docs//a.html") == .notFound("docs//a.html"))
        #expect(Self.resolve("//evil.example/", base: "/") == .notFound("/evil.example/"))
    }

    @Test(arguments: [
        "/repo/../etc/passwd", "/repo/docs/../../x", "/repo/./index.html", "/repo/%2e%2e/x", "/repo/%2E%2e/x",
        "/repo/docs/..%2f..%2fx", "/repo/docs%2fa.html", "/repo/a%00.html", "/repo/a%0a.html", "/repo/docs\\a.html",
        "/repo/docs%5ca.html", "/repo/%zz", "/repo/%4", "/repo/%ff", "http://127.0.0.1/", "*", "repo/index.html",
    ])
    func traversalAndMalformedPathsAreRefused(_ target: String) {
        guard case .refused = Self.resolve(target) else {
            Issue.record("\(target) → \(Self.resolve(target))")
            return
        }
    }

    @Test func theServedPageGetsTheReloadScriptAndAPolicyThatAllowsIt() {
        let page = """
        <!DOCTYPE html><html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">
        <title>x</title>
        </head><body></body></html>
        """
        let served = String(decoding: ReloadInjection.inject(into: Array(page.utf8), basePath: "/repo/", pages: ["docs/a.html"], build: 7), as: UTF8.self)
        #expect(served.contains(#"content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'""#))
        #expect(served.contains("<link rel=\"stylesheet\" href=\"/repo/__forge/overlay.css\">\n<script src=\"/repo/__forge/reload.js\" data-pages=\"docs/a.html\" data-build=\"7\" defer></script>\n</head>"))
        // A page without a head is left alone.
        #expect(ReloadInjection.inject(into: Array("<p>x</p>".utf8), basePath: "/", pages: [], build: 1) == Array("<p>x</p>".utf8))
    }

    @Test func policiesAllowSelfWhereTheyDidNot() {
        #expect(ReloadInjection.allowingReload("default-src 'self'") == "default-src 'self'")
        #expect(ReloadInjection.allowingReload("default-src 'none'") == "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'")
        #expect(ReloadInjection.allowingReload("default-src 'none'; connect-src 'none'; script-src https://x") ==
                "default-src 'none'; connect-src 'self'; script-src https://x 'self'; style-src 'self'")
        #expect(ReloadInjection.allowingReload("img-src *") == "img-src *")
    }

    @Test func contentTypes() {
        #expect(SiteRouter.contentType(of: "docs/a.html") == "text/html; charset=utf-8")
        #expect(SiteRouter.contentType(of: "assets/js/x.0123456789.js") == "text/javascript; charset=utf-8")
        #expect(SiteRouter.contentType(of: "assets/img/favicon.svg") == "image/svg+xml")
        #expect(SiteRouter.contentType(of: "sitemap.xml") == "application/xml")
        #expect(SiteRouter.contentType(of: ".nojekyll") == "application/octet-stream")
        #expect(SiteRouter.contentType(of: "docs/README") == "application/octet-stream")
    }
}
