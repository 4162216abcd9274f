import Testing
@testable import GoTemplate

/// Strings with Go 1.19's strconv.Quote, QuoteToASCII and CanBackquote results.
private let stringQuoteCases: [(String, String, String, Bool)] = [
    ("", "\"\"", "\"\"", true),
    ("hello", "\"hello\"", "\"hello\"", true),
    ("a\"b\\c'd", "\"a\\\"b\\\\c'd\"", "\"a\\\"b\\\\c'd\"", true),
    ("\u{7}\u{8}\u{C}\n\u{D}\t\u{B}", "\"\\a\\b\\f\\n\\r\\t\\v\"", "\"\\a\\b\\f\\n\\r\\t\\v\"", false),
    ("\u{0}\u{1F}\u{7F}", "\"\\x00\\x1f\\x7f\"", "\"\\x00\\x1f\\x7f\"", false),
    ("\u{E9}\u{65E5}\u{672C}\u{8A9E}", "\"\u{E9}\u{65E5}\u{672C}\u{8A9E}\"", "\"\\u00e9\\u65e5\\u672c\\u8a9e\"", true),
    ("\u{1F600}", "\"\u{1F600}\"", "\"\\U0001f600\"", true),
    ("\u{AD}\u{200B}\u{FEFF}", "\"\\u00ad\\u200b\\ufeff\"", "\"\\u00ad\\u200b\\ufeff\"", false),
    ("\u{300}", "\"\u{300}\"", "\"\\u0300\"", true),
    ("\u{A0}x\u{2028}", "\"\\u00a0x\\u2028\"", "\"\\u00a0x\\u2028\"", true),
    ("`back`", "\"`back`\"", "\"`back`\"", false),
    ("tab\tonly", "\"tab\\tonly\"", "\"tab\\tonly\"", true),
    ("\u{E0001}", "\"\\U000e0001\"", "\"\\U000e0001\"", true),
    ("\u{378}", "\"\\u0378\"", "\"\\u0378\"", true),
    ("\u{1FA70}", "\"\u{1FA70}\"", "\"\\U0001fa70\"", true),
]

/// Runes with Go 1.19's strconv.QuoteRune and QuoteRuneToASCII results.
private let runeQuoteCases: [(UInt32, String, String)] = [
    (0x61, "'a'", "'a'"),
    (0x27, "'\\''", "'\\''"),
    (0x22, "'\"'", "'\"'"),
    (0x5C, "'\\\\'", "'\\\\'"),
    (0xA, "'\\n'", "'\\n'"),
    (0x0, "'\\x00'", "'\\x00'"),
    (0x7F, "'\\x7f'", "'\\x7f'"),
    (0xE9, "'\u{E9}'", "'\\u00e9'"),
    (0x65E5, "'\u{65E5}'", "'\\u65e5'"),
    (0x1F600, "'\u{1F600}'", "'\\U0001f600'"),
    (0xAD, "'\\u00ad'", "'\\u00ad'"),
    (0xD800, "'\u{FFFD}'", "'\\ufffd'"),
    (0x10FFFF, "'\\U0010ffff'", "'\\U0010ffff'"),
    (0x110000, "'\u{FFFD}'", "'\\ufffd'"),
    (0xFFFD, "'\u{FFFD}'", "'\\ufffd'"),
    (0x2028, "'\\u2028'", "'\\u2028'"),
    (0x378, "'\\u0378'", "'\\u0378'"),
]

/// Code points with Go 1.19's strconv.IsPrint result.
private let isPrintCases: [(UInt32, Bool)] = [
    (0x20, true), (0x7E, true), (0x7F, false), (0xA0, false),
    (0xA1, true), (0xAD, false), (0x300, true), (0x378, false),
    (0x2028, false), (0x3000, false), (0xFEFF, false), (0xFFFD, true),
    (0x1F600, true), (0x1FA70, true), (0x1FAD7, false), (0xE0001, false),
    (0xD800, false), (0x10FFFF, false), (0x0, false), (0x9, false),
]

@Test func quoteMatchesGo() {
    for (s, quoted, asciiQuoted, canBackquote) in stringQuoteCases {
        #expect(goQuote(s) == quoted)
        #expect(goQuoteToASCII(s) == asciiQuoted)
        #expect(goCanBackquote(s) == canBackquote, "CanBackquote(\(quoted))")
    }
}

@Test func quoteRuneMatchesGo() {
    for (rune, quoted, asciiQuoted) in runeQuoteCases {
        #expect(goQuoteRune(rune) == quoted)
        #expect(goQuoteRuneToASCII(rune) == asciiQuoted)
    }
}

@Test func isPrintMatchesGo() {
    for (rune, printable) in isPrintCases {
        #expect(goIsPrint(rune) == printable, "IsPrint(U+\(String(rune, radix: 16)))")
    }
}
