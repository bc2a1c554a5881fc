/// Decides whether an SVG under `docs/` is an inert drawing that may be copied as it is.
///
/// An SVG opened on its own is a document of the site's origin, with no CSP. This reads the
/// file as XML, strictly and without a DTD, and refuses it at the first thing that could run,
/// load something, or escape this reading:
/// - a DOCTYPE (entities, outside definitions) or a processing instruction other than the
///   XML declaration (`<?xml-stylesheet?>` loads CSS or XSLT);
/// - `<script>`, `<foreignObject>` and elements of other languages (`iframe`, `object`, …) in
///   any namespace, any SVG element outside the drawing elements, and a declared XHTML or XSLT
///   namespace;
/// - event handler attributes (`on…`), and animations of `href` or of a handler;
/// - `href` / `xlink:href` other than a same-document `#id` (and, on `<image>`, an inline
///   PNG, JPEG, GIF or WebP `data:` URL), and `url(…)` other than `url(#id)` anywhere;
/// - `@import`, `image-set()` and CSS backslash escapes (which could spell `url(` unseen) in
///   `<style>` and in attribute values;
/// - entities other than the five XML ones and numeric references, and XML that is not
///   well formed (what this check cannot read, it does not vouch for).
enum SVGCheck {
    struct Problem: Equatable {
        /// "has a <script> element": the sentence after "the SVG ".
        var text: String
        var line: Int
        var column: Int
    }

    static func problem(in bytes: [UInt8]) -> Problem? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else {
            return Problem(text: "is not UTF-8 text", line: 1, column: 1)
        }
        var scanner = SVGScanner(Array(body))
        guard let found = scanner.run() else { return nil }
        let (line, column) = position(of: found.offset, in: Array(body))
        return Problem(text: found.text, line: line, column: column)
    }

    /// The 1-based line and column (in Unicode scalars) of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let activeNamespaces = [
        "http://www.w3.org/1999/xhtml": "the XHTML namespace (HTML elements inside an SVG can run script)",
        "http://www.w3.org/1999/XSL/Transform": "the XSLT namespace (XSLT can run script)",
        "http://www.w3.org/2001/xml-events": "the XML Events namespace (it attaches handlers)",
    ]
    /// Elements that run, embed or load something, in any namespace.
    static let activeElements: Set<String> = ["script", "foreignobject", "handler", "listener", "iframe", "frame", "frameset",
                                              "embed", "object", "applet", "portal", "base", "link", "meta", "form", "audio", "video"]
    /// The SVG elements that draw, group, paint, filter or animate shapes.
    static let drawingElements: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "switch", "a", "title", "desc", "metadata", "view", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textpath", "tref", "image",
        "lineargradient", "radialgradient", "stop", "pattern", "clippath", "mask", "marker", "filter",
        "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
        "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr",
        "fegaussianblur", "feimage", "femerge", "femergenode", "femorphology", "feoffset", "fepointlight",
        "fespecularlighting", "fespotlight", "fetile", "feturbulence",
        "animate", "animatemotion", "animatetransform", "set", "mpath",
        "font", "font-face", "glyph", "missing-glyph", "hkern", "vkern",
    ]
    static let inlineImages = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]
}
