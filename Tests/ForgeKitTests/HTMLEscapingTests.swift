import Testing
@testable import ForgeKit

/// `htmlEscaped` skips strings without a special character: each special character on its own
/// must still be escaped (issue 7: a `<`-only string was the untested case of that shortcut).
@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;"), ("\"", "&quot;"), ("'", "&#39;"),
        ("a<b", "a&lt;b"), ("<<", "&lt;&lt;"), ("</script><script>alert(1)</script>", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Tom & \"Jerry\" <3 'it'", "Tom &amp; &quot;Jerry&quot; &lt;3 &#39;it&#39;"),
        ("é<ü", "é&lt;ü"),
    ])
    func escapesEverySpecialCharacter(_ text: String, _ escaped: String) {
        #expect(text.htmlEscaped == escaped)
    }

    @Test(arguments: ["", "plain text", "ünïcödé — “quotes”", "a=b; c/d"])
    func leavesOtherTextAsItIs(_ text: String) {
        #expect(text.htmlEscaped == text)
    }
}
