import Testing
@testable import ForgeKit

/// Each rule of `DocLinkResolver` on its own: what a link in a doc points at, and what it is
/// rewritten to in the output.
@Suite struct DocLinkResolverTests {
    let resolver = DocLinkResolver(docPaths: ["index.md", "start.md", "guides/index.md", "guides/auth.md", "api/errors.md", "draft.md"],
                                   assetPaths: ["img/logo.png", "guides/diagram.svg"],
                                   folders: ["", "guides", "api"])

    @Test func urlsWithASchemeOrAHostAreExternal() {
        for link in ["https://example.com/a.md", "mailto:a@example.com", "//cdn.example.com/x.js", "HTTP://X", ""] {
            #expect(resolver.resolve(link, from: "start.md") == .external, "\(link)")
        }
        #expect(DocLinkResolver.hasScheme("a+b-c.d:x"))
        #expect(!DocLinkResolver.hasScheme("1http:x"), "a scheme starts with a letter")
        #expect(!DocLinkResolver.hasScheme("c/d:x"))
    }

    @Test func aFragmentAloneIsThisPageDecoded() {
        #expect(resolver.resolve("#rate-limits", from: "start.md") == .samePage(fragment: "rate-limits"))
        #expect(resolver.resolve("#caf%C3%A9", from: "start.md") == .samePage(fragment: "café"))
        #expect(resolver.resolve("#", from: "start.md") == .samePage(fragment: ""))
        #expect(resolver.resolve("?x=1", from: "start.md") == .samePage(fragment: ""))
    }

    @Test func aDocLinkBecomesItsHTMLPageWithTheFragmentKept() {
        #expect(resolver.resolve("start.md", from: "index.md") == .doc(target: "start.md", fragment: nil, rewritten: "start.html"))
        #expect(resolver.resolve("../start.md#keys", from: "guides/auth.md")
                == .doc(target: "start.md", fragment: "keys", rewritten: "../start.html#keys"))
        #expect(resolver.resolve("auth.md?v=2#x", from: "guides/index.md")
                == .doc(target: "guides/auth.md", fragment: "x", rewritten: "auth.html?v=2#x"))
        #expect(resolver.resolve("missing.md", from: "index.md") == .missing(target: "missing.md"))
        #expect(resolver.resolve("foo%20bar.md", from: "index.md") == .missing(target: "foo bar.md"), "the path is percent-decoded")
    }

    @Test func aLinkFromTheDocsRootIsRewrittenRelativeToThePage() {
        #expect(resolver.resolve("/api/errors.md", from: "guides/auth.md")
                == .doc(target: "api/errors.md", fragment: nil, rewritten: "../api/errors.html"))
        #expect(resolver.resolve("/guides/", from: "api/errors.md")
                == .doc(target: "guides/index.md", fragment: nil, rewritten: "../guides/index.html"))
    }

    @Test func aFolderBecomesItsIndexPageNeverABareFolder() {
        #expect(resolver.resolve("guides/", from: "index.md")
                == .doc(target: "guides/index.md", fragment: nil, rewritten: "guides/index.html"))
        #expect(resolver.resolve("guides", from: "index.md")
                == .doc(target: "guides/index.md", fragment: nil, rewritten: "guides/index.html"))
        #expect(resolver.resolve("../api#top", from: "guides/auth.md")
                == .folder(target: "api", rewritten: "../api/index.html#top"), "a folder without index.md gets a generated index")
    }

    @Test func otherFilesBelowTheDocsAreAssetsOrMissing() {
        #expect(resolver.resolve("img/logo.png", from: "index.md") == .asset)
        #expect(resolver.resolve("diagram.svg", from: "guides/auth.md") == .asset)
        #expect(resolver.resolve("img/nope.png", from: "index.md") == .missing(target: "img/nope.png"))
        #expect(resolver.resolve("auth.html#x", from: "guides/index.md")
                == .doc(target: "guides/auth.md", fragment: "x", rewritten: "auth.html#x"), "the output name of a doc")
    }

    @Test func aLinkOutOfTheDocsNamesWhatItReachesInTheOutput() {
        #expect(resolver.resolve("../index.html", from: "start.md") == .outside(target: "index.html"))
        #expect(resolver.resolve("../../api/v1/index.html", from: "guides/auth.md") == .outside(target: "api/v1/index.html"))
        #expect(resolver.resolve("../../../etc/passwd", from: "guides/auth.md") == .outside(target: nil), "out of the site")
    }
}
