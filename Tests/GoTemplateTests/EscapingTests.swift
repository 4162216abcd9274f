// The escapers behind `html`, `js` and `urlquery`. Expected strings come from Go 1.19's
// template.HTMLEscapeString, template.JSEscapeString and url.QueryEscape on the same input.

import Testing
@testable import GoTemplate

@Suite("Escaping")
struct EscapingTests {
    @Test("HTMLEscapeString", arguments: [
        ("plain", "plain"),
        (#"<a href="x">Tom & 'Jerry'</a>"#, "&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"),
        ("nul\u{0}byte", "nul\u{FFFD}byte"),
        ("é and 🙂", "é and 🙂"),
        ("", ""),
    ])
    func html(_ input: String, _ expected: String) {
        #expect(htmlEscapeString(input) == expected)
    }

    @Test("JSEscapeString", arguments: [
        ("plain", "plain"),
        (#"a\b'c"d"#, #"a\\b\'c\"d"#),
        ("<script>x=1&y</script>", #"\u003Cscript\u003Ex\u003D1\u0026y\u003C/script\u003E"#),
        ("tab\tnl\nnul\u{0}esc\u{1B} del\u{7F}", #"tab\u0009nl\u000Anul\u0000esc\u001B del"# + "\u{7F}"),
        // Runes that unicode.IsPrint rejects, as of Go 1.19's Unicode 13 tables: spaces other
        // than U+0020, format characters, unassigned and private-use code points.
        ("é 🙂 \u{A0} \u{AD} \u{2028} \u{200B} \u{FEFF} \u{E0001} \u{378} \u{E000}",
         #"é 🙂 \u00A0 \u00AD \u2028 \u200B \uFEFF \uE0001 \u0378 \uE000"#),
        ("", ""),
    ])
    func js(_ input: String, _ expected: String) {
        #expect(jsEscapeString(input) == expected)
    }

    @Test("JSEscapeString leaves out emoji that Unicode 13 does not assign")
    func jsNewerEmoji() {
        // U+1FAE8 (SHAKING FACE) was added in Unicode 15; Go 1.19 does not consider it printable.
        #expect(jsEscapeString("\u{1FAE8}") == #"\u1FAE8"#)
    }

    @Test("QueryEscape", arguments: [
        ("plain-text_1.0~", "plain-text_1.0~"),
        ("a b+c&d=e/f?g#h", "a+b%2Bc%26d%3De%2Ff%3Fg%23h"),
        ("é🙂", "%C3%A9%F0%9F%99%82"),
        ("100%", "100%25"),
        ("\u{0}\n", "%00%0A"),
        ("", ""),
    ])
    func query(_ input: String, _ expected: String) {
        #expect(queryEscape(input) == expected)
    }
}
