import Testing
@testable import GoTemplate

/// integerCases, as printed by Go 1.19's fmt.Sprintf.
private let integerCases: [(String, [Value], String)] = [
    ("%v", [.int(42)], "42"),
    ("%d", [.int(42)], "42"),
    ("%5d", [.int(42)], "   42"),
    ("%-5d|", [.int(42)], "42   |"),
    ("%05d", [.int(42)], "00042"),
    ("%+d", [.int(42)], "+42"),
    ("% d", [.int(42)], " 42"),
    ("%.3d", [.int(42)], "042"),
    ("%x", [.int(42)], "2a"),
    ("%#X", [.int(42)], "0X2A"),
    ("%o", [.int(42)], "52"),
    ("%#o", [.int(42)], "052"),
    ("%O", [.int(42)], "0o52"),
    ("%b", [.int(42)], "101010"),
    ("%c", [.int(42)], "*"),
    ("%q", [.int(42)], "'*'"),
    ("%U", [.int(42)], "U+002A"),
    ("%#U", [.int(42)], "U+002A '*'"),
    ("%#v", [.int(42)], "42"),
    ("%f", [.int(42)], "%!f(int=42)"),
    ("%v", [.int(-7)], "-7"),
    ("%d", [.int(-7)], "-7"),
    ("%5d", [.int(-7)], "   -7"),
    ("%-5d|", [.int(-7)], "-7   |"),
    ("%05d", [.int(-7)], "-0007"),
    ("%+d", [.int(-7)], "-7"),
    ("% d", [.int(-7)], "-7"),
    ("%.3d", [.int(-7)], "-007"),
    ("%x", [.int(-7)], "-7"),
    ("%#X", [.int(-7)], "-0X7"),
    ("%o", [.int(-7)], "-7"),
    ("%#o", [.int(-7)], "-07"),
    ("%O", [.int(-7)], "-0o7"),
    ("%b", [.int(-7)], "-111"),
    ("%c", [.int(-7)], "\u{FFFD}"),
    ("%q", [.int(-7)], "'\u{FFFD}'"),
    ("%U", [.int(-7)], "U+FFFFFFFFFFFFFFF9"),
    ("%#U", [.int(-7)], "U+FFFFFFFFFFFFFFF9"),
    ("%#v", [.int(-7)], "-7"),
    ("%f", [.int(-7)], "%!f(int=-7)"),
    ("%v", [.int64(1234567890123)], "1234567890123"),
    ("%d", [.int64(1234567890123)], "1234567890123"),
    ("%5d", [.int64(1234567890123)], "1234567890123"),
    ("%-5d|", [.int64(1234567890123)], "1234567890123|"),
    ("%05d", [.int64(1234567890123)], "1234567890123"),
    ("%+d", [.int64(1234567890123)], "+1234567890123"),
    ("% d", [.int64(1234567890123)], " 1234567890123"),
    ("%.3d", [.int64(1234567890123)], "1234567890123"),
    ("%x", [.int64(1234567890123)], "11f71fb04cb"),
    ("%#X", [.int64(1234567890123)], "0X11F71FB04CB"),
    ("%o", [.int64(1234567890123)], "21756176602313"),
    ("%#o", [.int64(1234567890123)], "021756176602313"),
    ("%O", [.int64(1234567890123)], "0o21756176602313"),
    ("%b", [.int64(1234567890123)], "10001111101110001111110110000010011001011"),
    ("%c", [.int64(1234567890123)], "\u{FFFD}"),
    ("%q", [.int64(1234567890123)], "'\u{FFFD}'"),
    ("%U", [.int64(1234567890123)], "U+11F71FB04CB"),
    ("%#U", [.int64(1234567890123)], "U+11F71FB04CB"),
    ("%#v", [.int64(1234567890123)], "1234567890123"),
    ("%f", [.int64(1234567890123)], "%!f(int64=1234567890123)"),
    ("%v", [.uint8(200)], "200"),
    ("%d", [.uint8(200)], "200"),
    ("%5d", [.uint8(200)], "  200"),
    ("%-5d|", [.uint8(200)], "200  |"),
    ("%05d", [.uint8(200)], "00200"),
    ("%+d", [.uint8(200)], "+200"),
    ("% d", [.uint8(200)], " 200"),
    ("%.3d", [.uint8(200)], "200"),
    ("%x", [.uint8(200)], "c8"),
    ("%#X", [.uint8(200)], "0XC8"),
    ("%o", [.uint8(200)], "310"),
    ("%#o", [.uint8(200)], "0310"),
    ("%O", [.uint8(200)], "0o310"),
    ("%b", [.uint8(200)], "11001000"),
    ("%c", [.uint8(200)], "\u{C8}"),
    ("%q", [.uint8(200)], "'\u{C8}'"),
    ("%U", [.uint8(200)], "U+00C8"),
    ("%#U", [.uint8(200)], "U+00C8 '\u{C8}'"),
    ("%#v", [.uint8(200)], "0xc8"),
    ("%f", [.uint8(200)], "%!f(uint8=200)"),
    ("%.0d|%5.0d", [.int(0), .int(0)], "|     "),
    ("%08.3d", [.int(-5)], "    -005"),
    ("%c %c %q", [.int(128512), .int(55296), .int(1114112)], "\u{1F600} \u{FFFD} '\u{FFFD}'"),
    ("%#U", [.int(128512)], "U+1F600 '\u{1F600}'"),
]

/// stringCases, as printed by Go 1.19's fmt.Sprintf.
private let stringCases: [(String, [Value], String)] = [
    ("%v", [.string("hi")], "hi"),
    ("%s", [.string("hi")], "hi"),
    ("%q", [.string("hi")], "\"hi\""),
    ("%+q", [.string("hi")], "\"hi\""),
    ("%#q", [.string("hi")], "`hi`"),
    ("%x", [.string("hi")], "6869"),
    ("% X", [.string("hi")], "68 69"),
    ("%# x", [.string("hi")], "0x68 0x69"),
    ("%8s|", [.string("hi")], "      hi|"),
    ("%-8q|", [.string("hi")], "\"hi\"    |"),
    ("%.2s", [.string("hi")], "hi"),
    ("%.1q", [.string("hi")], "\"h\""),
    ("%05s", [.string("hi")], "000hi"),
    ("%#v", [.string("hi")], "\"hi\""),
    ("%d", [.string("hi")], "%!d(string=hi)"),
    ("%T", [.string("hi")], "string"),
    ("%v", [.string("\u{E9}\u{65E5}\u{672C}")], "\u{E9}\u{65E5}\u{672C}"),
    ("%s", [.string("\u{E9}\u{65E5}\u{672C}")], "\u{E9}\u{65E5}\u{672C}"),
    ("%q", [.string("\u{E9}\u{65E5}\u{672C}")], "\"\u{E9}\u{65E5}\u{672C}\""),
    ("%+q", [.string("\u{E9}\u{65E5}\u{672C}")], "\"\\u00e9\\u65e5\\u672c\""),
    ("%#q", [.string("\u{E9}\u{65E5}\u{672C}")], "`\u{E9}\u{65E5}\u{672C}`"),
    ("%x", [.string("\u{E9}\u{65E5}\u{672C}")], "c3a9e697a5e69cac"),
    ("% X", [.string("\u{E9}\u{65E5}\u{672C}")], "C3 A9 E6 97 A5 E6 9C AC"),
    ("%# x", [.string("\u{E9}\u{65E5}\u{672C}")], "0xc3 0xa9 0xe6 0x97 0xa5 0xe6 0x9c 0xac"),
    ("%8s|", [.string("\u{E9}\u{65E5}\u{672C}")], "     \u{E9}\u{65E5}\u{672C}|"),
    ("%-8q|", [.string("\u{E9}\u{65E5}\u{672C}")], "\"\u{E9}\u{65E5}\u{672C}\"   |"),
    ("%.2s", [.string("\u{E9}\u{65E5}\u{672C}")], "\u{E9}\u{65E5}"),
    ("%.1q", [.string("\u{E9}\u{65E5}\u{672C}")], "\"\u{E9}\""),
    ("%05s", [.string("\u{E9}\u{65E5}\u{672C}")], "00\u{E9}\u{65E5}\u{672C}"),
    ("%#v", [.string("\u{E9}\u{65E5}\u{672C}")], "\"\u{E9}\u{65E5}\u{672C}\""),
    ("%d", [.string("\u{E9}\u{65E5}\u{672C}")], "%!d(string=\u{E9}\u{65E5}\u{672C})"),
    ("%T", [.string("\u{E9}\u{65E5}\u{672C}")], "string"),
    ("%v", [.string("a\"b\n\t")], "a\"b\n\t"),
    ("%s", [.string("a\"b\n\t")], "a\"b\n\t"),
    ("%q", [.string("a\"b\n\t")], "\"a\\\"b\\n\\t\""),
    ("%+q", [.string("a\"b\n\t")], "\"a\\\"b\\n\\t\""),
    ("%#q", [.string("a\"b\n\t")], "\"a\\\"b\\n\\t\""),
    ("%x", [.string("a\"b\n\t")], "6122620a09"),
    ("% X", [.string("a\"b\n\t")], "61 22 62 0A 09"),
    ("%# x", [.string("a\"b\n\t")], "0x61 0x22 0x62 0x0a 0x09"),
    ("%8s|", [.string("a\"b\n\t")], "   a\"b\n\t|"),
    ("%-8q|", [.string("a\"b\n\t")], "\"a\\\"b\\n\\t\"|"),
    ("%.2s", [.string("a\"b\n\t")], "a\""),
    ("%.1q", [.string("a\"b\n\t")], "\"a\""),
    ("%05s", [.string("a\"b\n\t")], "a\"b\n\t"),
    ("%#v", [.string("a\"b\n\t")], "\"a\\\"b\\n\\t\""),
    ("%d", [.string("a\"b\n\t")], "%!d(string=a\"b\n\t)"),
    ("%T", [.string("a\"b\n\t")], "string"),
    ("%v", [.string("`raw`")], "`raw`"),
    ("%s", [.string("`raw`")], "`raw`"),
    ("%q", [.string("`raw`")], "\"`raw`\""),
    ("%+q", [.string("`raw`")], "\"`raw`\""),
    ("%#q", [.string("`raw`")], "\"`raw`\""),
    ("%x", [.string("`raw`")], "6072617760"),
    ("% X", [.string("`raw`")], "60 72 61 77 60"),
    ("%# x", [.string("`raw`")], "0x60 0x72 0x61 0x77 0x60"),
    ("%8s|", [.string("`raw`")], "   `raw`|"),
    ("%-8q|", [.string("`raw`")], "\"`raw`\" |"),
    ("%.2s", [.string("`raw`")], "`r"),
    ("%.1q", [.string("`raw`")], "\"`\""),
    ("%05s", [.string("`raw`")], "`raw`"),
    ("%#v", [.string("`raw`")], "\"`raw`\""),
    ("%d", [.string("`raw`")], "%!d(string=`raw`)"),
    ("%T", [.string("`raw`")], "string"),
    ("%v", [.string("\u{7}\u{AD}\u{1F600}")], "\u{7}\u{AD}\u{1F600}"),
    ("%s", [.string("\u{7}\u{AD}\u{1F600}")], "\u{7}\u{AD}\u{1F600}"),
    ("%q", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\\u00ad\u{1F600}\""),
    ("%+q", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\\u00ad\\U0001f600\""),
    ("%#q", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\\u00ad\u{1F600}\""),
    ("%x", [.string("\u{7}\u{AD}\u{1F600}")], "07c2adf09f9880"),
    ("% X", [.string("\u{7}\u{AD}\u{1F600}")], "07 C2 AD F0 9F 98 80"),
    ("%# x", [.string("\u{7}\u{AD}\u{1F600}")], "0x07 0xc2 0xad 0xf0 0x9f 0x98 0x80"),
    ("%8s|", [.string("\u{7}\u{AD}\u{1F600}")], "     \u{7}\u{AD}\u{1F600}|"),
    ("%-8q|", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\\u00ad\u{1F600}\"|"),
    ("%.2s", [.string("\u{7}\u{AD}\u{1F600}")], "\u{7}\u{AD}"),
    ("%.1q", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\""),
    ("%05s", [.string("\u{7}\u{AD}\u{1F600}")], "00\u{7}\u{AD}\u{1F600}"),
    ("%#v", [.string("\u{7}\u{AD}\u{1F600}")], "\"\\a\\u00ad\u{1F600}\""),
    ("%d", [.string("\u{7}\u{AD}\u{1F600}")], "%!d(string=\u{7}\u{AD}\u{1F600})"),
    ("%T", [.string("\u{7}\u{AD}\u{1F600}")], "string"),
    ("%v", [.string("")], ""),
    ("%s", [.string("")], ""),
    ("%q", [.string("")], "\"\""),
    ("%+q", [.string("")], "\"\""),
    ("%#q", [.string("")], "``"),
    ("%x", [.string("")], ""),
    ("% X", [.string("")], ""),
    ("%# x", [.string("")], ""),
    ("%8s|", [.string("")], "        |"),
    ("%-8q|", [.string("")], "\"\"      |"),
    ("%.2s", [.string("")], ""),
    ("%.1q", [.string("")], "\"\""),
    ("%05s", [.string("")], "00000"),
    ("%#v", [.string("")], "\"\""),
    ("%d", [.string("")], "%!d(string=)"),
    ("%T", [.string("")], "string"),
]

/// Operands with Go 1.19's fmt.Sprint and fmt.Sprintln results.
private let printCases: [([Value], String, String)] = [
    ([], "", "\n"),
    ([.int(1), .int(2)], "1 2", "1 2\n"),
    ([.string("a"), .string("b")], "ab", "a b\n"),
    ([.int(1), .string("a"), .int(2)], "1a2", "1 a 2\n"),
    ([.string("a"), .int64(1), .string("b")], "a1b", "a 1 b\n"),
    ([.float64(1.5), .bool(true), .null], "1.5 true <nil>", "1.5 true <nil>\n"),
    ([.array([.int(1)]), .string("x"), .map(ValueMap([("a", .int(1))]))], "[1]xmap[a:1]", "[1] x map[a:1]\n"),
    ([eventRecord("a", 1, .null), .uint8(7)], "{a 1 <nil>} 7", "{a 1 <nil>} 7\n"),
    ([.string(""), .int(1), .string("")], "1", " 1 \n"),
]

/// Checks `GoFormatter.sprintf` against a table of Go results.
func expectSprintf(_ cases: [(String, [Value], String)], lenientNumbers: Bool = false) {
    for (format, args, expected) in cases {
        let actual = GoFormatter.sprintf(format, args, lenientNumbers: lenientNumbers)
        #expect(actual == expected, "Sprintf(\(format), \(args))")
    }
}

@Test func integerVerbsMatchGo() {
    expectSprintf(integerCases)
}

@Test func stringVerbsMatchGo() {
    expectSprintf(stringCases)
}

@Test func sprintAndSprintlnMatchGo() {
    for (args, sprint, sprintln) in printCases {
        #expect(GoFormatter.sprint(args) == sprint)
        #expect(GoFormatter.sprintln(args) == sprintln)
    }
}

@Test func appendDefaultPrintsLikeFprint() {
    // Expected strings are Go's fmt.Sprint of the same values.
    let cases: [(Value, String)] = [
        (.string("héllo"), "héllo"), (.int(-42), "-42"), (.int64(9_223_372_036_854_775_807), "9223372036854775807"),
        (.uint8(65), "65"), (.float64(1e6), "1e+06"), (.float64(2), "2"), (.float64(-0.0), "-0"),
        (.float64(.infinity), "+Inf"), (.float64(.nan), "NaN"), (.bool(false), "false"), (.missing, "<nil>"),
        (.null, "<nil>"), (.array([.int(1), .null]), "[1 <nil>]"), (.map(ValueMap([("a", .null)])), "map[a:<nil>]"),
    ]
    for (value, expected) in cases {
        var out = Array("> ".utf8)
        GoFormatter.appendDefault(value, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "> " + expected)
    }
}

@Test func sprintfAppendsToExistingBytes() {
    var out = Array("log: ".utf8)
    GoFormatter.sprintf("%s=%03d", [.string("n"), .int(7)], into: &out)
    GoFormatter.sprint([.int(1), .int(2)], into: &out)
    GoFormatter.sprintln([.string("!")], into: &out)
    #expect(String(decoding: out, as: UTF8.self) == "log: n=0071 2!\n")
}

@Test func missingPrintsAsNilInterface() {
    #expect(GoFormatter.sprintf("%v|%d|%T|%5v", [.missing, .missing, .missing, .missing]) == "<nil>|%!d(<nil>)|<nil>|<nil>")
}
