/// `sitemap.xml`, written only when `base_url` is absolute (a sitemap needs full URLs).
struct Sitemap {
    let baseURL: BaseURL
    /// Output paths; the HTML pages among them are listed, except 404.html.
    let pages: [String]

    var xml: String? {
        guard baseURL.isAbsolute else { return nil }
        let urls = pages
            .filter { $0.hasSuffix(".html") && $0 != "404.html" }
            .compactMap { baseURL.absoluteURL(for: $0 == "index.html" ? "" : $0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls {
            xml += "  <url><loc>\(url.htmlEscaped)</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}

import Foundation
