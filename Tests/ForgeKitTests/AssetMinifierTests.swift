import Foundation
import Testing
@testable import ForgeKit

@Suite struct AssetMinifierTests {
    func js(_ source: String) -> String {
        String(decoding: AssetMinifier.javaScript(Array(source.utf8)), as: UTF8.self)
    }

    func css(_ source: String) -> String {
        String(decoding: AssetMinifier.css(Array(source.utf8)), as: UTF8.self)
    }

    @Test func dropsCommentsAndIndentationButKeepsLineBreaks() {
        let source = """
        // Why this file exists.
        (function () {
          "use strict";
          /** @type {number} */
          const a = 1 // trailing
          const b = a
          ++counter;
          return a - -b + +b;
        })();
        """
        #expect(js(source) == """
        (function(){
        "use strict";
        const a=1
        const b=a
        ++counter;
        return a- -b+ +b;
        })();

        """)
    }

    @Test func leavesStringsTemplatesAndRegularExpressionsAlone() {
        let source = #"""
        const url = "http://example.com/a  b"; const s = '/* not a comment */';
        const t = `line one
            keeps   its spaces ${ value + `nested ${ deep } // not a comment` } // in template`;
        const r = /\/\/ [a-z/]+ /g.test(x) / 2;
        if (ok) return /^\d{4}$/.test(y);
        """#
        #expect(js(source) == #"""
        const url="http://example.com/a  b";const s='/* not a comment */';
        const t=`line one
            keeps   its spaces ${value+`nested ${deep} // not a comment`} // in template`;
        const r=/\/\/ [a-z/]+ /g.test(x)/2;
        if(ok)return/^\d{4}$/.test(y);

        """#)
    }

    @Test func keepsSpacesThatSeparateTokens() {
        #expect(js("typeof x === 'y' && 1 .toFixed(2) instanceof Object\nlet a = b / c / d") ==
            "typeof x==='y'&&1 .toFixed(2)instanceof Object\nlet a=b/c/d\n")
    }

    @Test func minifiesCSSConservatively() {
        let source = """
        /* Tokens */
        :root {
          --space: 4px; /* base */
          font: 16px/1.5 "Noto  Sans", sans-serif;
        }
        .a > .b, .c:hover {
          margin: 0 calc(100% - 2 * var(--space));
        }
        """
        #expect(css(source) == """
        :root{--space: 4px;font: 16px/1.5 "Noto  Sans",sans-serif;}.a > .b,.c:hover{margin: 0 calc(100% - 2 * var(--space));}

        """)
    }

    /// Every script of the default theme still parses after minification.
    @Test func everyThemeScriptStillParses() throws {
        let folder = ForgeProcess.repository.appendingPathComponent("Themes/default/assets/js")
        let scratch = try TemporaryDirectory()
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(node != nil, "node is needed to check the minified scripts")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".js") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            try scratch.write(name, Data(AssetMinifier.javaScript([UInt8](bytes))))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: node ?? "node")
            process.arguments = ["--check", scratch.url.appendingPathComponent(name).path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name) does not parse after minification")
        }
    }
}
