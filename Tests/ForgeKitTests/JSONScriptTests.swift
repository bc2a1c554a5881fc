import Foundation
import Testing
@testable import ForgeKit

/// JSON inlined in `<script type="application/json">`: nothing in it can end the block or the
/// line for a JavaScript parser, and it still reads back as the same value.
@Suite struct JSONScriptTests {
    @Test(arguments: [
        ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
        ("</script><script>", "\\u003c/script\\u003e\\u003cscript\\u003e"), ("a&b", "a\\u0026b"), ("é\u{2028}ü", "é\\u2028ü"),
    ])
    func escapesWhatCouldEndTheBlockOrTheLine(_ text: String, _ escaped: String) {
        #expect(JSONScript.escape(text) == escaped)
    }

    @Test func aHostileNameStaysDataAndReadsBackTheSame() throws {
        struct Key: Encodable { var name: String; var id: String }
        let name = "</script><script>alert(1)</script>\u{2028}<!--"
        let json = try JSONScript.encode(Key(name: name, id: "k&1"))
        #expect(json == #"{"id":"k\u00261","name":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e\u2028\u003c!--"}"#)
        for raw in ["<", ">", "&", "\u{2028}"] { #expect(!json.contains(raw), "\(raw)") }
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(decoded == ["name": name, "id": "k&1"])
    }
}
