import Testing
@testable import GoTemplate

/// A Go struct `main.Event{Name string; Count int; Extra interface{}}`.
func eventRecord(_ name: String, _ count: Int, _ extra: Value) -> Value {
    .record(Record(typeName: "main.Event", fields: [
        Record.Field(name: "Name", value: .string(name)),
        Record.Field(name: "Count", value: .int(count)),
        Record.Field(name: "Extra", isInterface: true, value: extra),
    ]))
}

/// compositeCases, as printed by Go 1.19's fmt.Sprintf.
private let compositeCases: [(String, [Value], String)] = [
    ("%v", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[1 a <nil> 2.5 true]"),
    ("%+v", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[1 a <nil> 2.5 true]"),
    ("%#v", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[]interface {}{1, \"a\", interface {}(nil), 2.5, true}"),
    ("%d", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[1 %!d(string=a) <nil> %!d(float64=2.5) %!d(bool=true)]"),
    ("%s", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[%!s(int64=1) a <nil> %!s(float64=2.5) %!s(bool=true)]"),
    ("%q", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "['\\x01' \"a\" <nil> %!q(float64=2.5) %!q(bool=true)]"),
    ("%x", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[1 61 <nil> 0x1.4p+01 %!x(bool=true)]"),
    ("%T", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[]interface {}"),
    ("%5v", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[    1     a <nil>   2.5  true]"),
    ("%t", [.array([.int64(1), .string("a"), .null, .float64(2.5), .bool(true)])], "[%!t(int64=1) %!t(string=a) <nil> %!t(float64=2.5) true]"),
    ("%v", [.array([])], "[]"),
    ("%+v", [.array([])], "[]"),
    ("%#v", [.array([])], "[]interface {}{}"),
    ("%d", [.array([])], "[]"),
    ("%s", [.array([])], "[]"),
    ("%q", [.array([])], "[]"),
    ("%x", [.array([])], "[]"),
    ("%T", [.array([])], "[]interface {}"),
    ("%5v", [.array([])], "[]"),
    ("%t", [.array([])], "[]"),
    ("%v", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[a:x b:2 n:<nil>]"),
    ("%+v", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[a:x b:2 n:<nil>]"),
    ("%#v", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[string]interface {}{\"a\":\"x\", \"b\":2, \"n\":interface {}(nil)}"),
    ("%d", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[%!d(string=a):%!d(string=x) %!d(string=b):2 %!d(string=n):<nil>]"),
    ("%s", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[a:x b:%!s(int64=2) n:<nil>]"),
    ("%q", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[\"a\":\"x\" \"b\":'\\x02' \"n\":<nil>]"),
    ("%x", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[61:78 62:2 6e:<nil>]"),
    ("%T", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[string]interface {}"),
    ("%5v", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[    a:    x     b:    2     n:<nil>]"),
    ("%t", [.map(ValueMap([("a", .string("x")), ("b", .int64(2)), ("n", .null)]))], "map[%!t(string=a):%!t(string=x) %!t(string=b):%!t(int64=2) %!t(string=n):<nil>]"),
    ("%v", [.map(ValueMap([]))], "map[]"),
    ("%+v", [.map(ValueMap([]))], "map[]"),
    ("%#v", [.map(ValueMap([]))], "map[string]interface {}{}"),
    ("%d", [.map(ValueMap([]))], "map[]"),
    ("%s", [.map(ValueMap([]))], "map[]"),
    ("%q", [.map(ValueMap([]))], "map[]"),
    ("%x", [.map(ValueMap([]))], "map[]"),
    ("%T", [.map(ValueMap([]))], "map[string]interface {}"),
    ("%5v", [.map(ValueMap([]))], "map[]"),
    ("%t", [.map(ValueMap([]))], "map[]"),
    ("%v", [eventRecord("deploy", 3, .null)], "{deploy 3 <nil>}"),
    ("%+v", [eventRecord("deploy", 3, .null)], "{Name:deploy Count:3 Extra:<nil>}"),
    ("%#v", [eventRecord("deploy", 3, .null)], "main.Event{Name:\"deploy\", Count:3, Extra:interface {}(nil)}"),
    ("%d", [eventRecord("deploy", 3, .null)], "{%!d(string=deploy) 3 <nil>}"),
    ("%s", [eventRecord("deploy", 3, .null)], "{deploy %!s(int=3) <nil>}"),
    ("%q", [eventRecord("deploy", 3, .null)], "{\"deploy\" '\\x03' <nil>}"),
    ("%x", [eventRecord("deploy", 3, .null)], "{6465706c6f79 3 <nil>}"),
    ("%T", [eventRecord("deploy", 3, .null)], "main.Event"),
    ("%5v", [eventRecord("deploy", 3, .null)], "{deploy     3 <nil>}"),
    ("%t", [eventRecord("deploy", 3, .null)], "{%!t(string=deploy) %!t(int=3) <nil>}"),
    ("%v", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{x -1 [1.5 y]}"),
    ("%+v", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{Name:x Count:-1 Extra:[1.5 y]}"),
    ("%#v", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "main.Event{Name:\"x\", Count:-1, Extra:[]interface {}{1.5, \"y\"}}"),
    ("%d", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{%!d(string=x) -1 [%!d(float64=1.5) %!d(string=y)]}"),
    ("%s", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{x %!s(int=-1) [%!s(float64=1.5) y]}"),
    ("%q", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{\"x\" '\u{FFFD}' [%!q(float64=1.5) \"y\"]}"),
    ("%x", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{78 -1 [0x1.8p+00 79]}"),
    ("%T", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "main.Event"),
    ("%5v", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{    x    -1 [  1.5     y]}"),
    ("%t", [eventRecord("x", -1, .array([.float64(1.5), .string("y")]))], "{%!t(string=x) %!t(int=-1) [%!t(float64=1.5) %!t(string=y)]}"),
    ("%v", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[7] map[k:[]]]"),
    ("%+v", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[7] map[k:[]]]"),
    ("%#v", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[]interface {}{[]interface {}{0x7}, map[string]interface {}{\"k\":[]interface {}{}}}"),
    ("%d", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[7] map[%!d(string=k):[]]]"),
    ("%s", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[%!s(uint8=7)] map[k:[]]]"),
    ("%q", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[['\\a'] map[\"k\":[]]]"),
    ("%x", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[7] map[6b:[]]]"),
    ("%T", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[]interface {}"),
    ("%5v", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[    7] map[    k:[]]]"),
    ("%t", [.array([.array([.uint8(7)]), .map(ValueMap([("k", .array([]))]))])], "[[%!t(uint8=7)] map[%!t(string=k):[]]]"),
]

/// errorCases, as printed by Go 1.19's fmt.Sprintf.
private let errorCases: [(String, [Value], String)] = [
    ("%d", [.string("hi")], "%!d(string=hi)"),
    ("%s", [], "%!s(MISSING)"),
    ("%d", [.null], "%!d(<nil>)"),
    ("%v %T", [.null, .null], "<nil> <nil>"),
    ("%d %d", [.int(1)], "1 %!d(MISSING)"),
    ("%d", [.int(1), .string("x"), .null], "1%!(EXTRA string=x, <nil>)"),
    ("%z", [.int(3)], "%!z(int=3)"),
    ("%!", [.int(3)], "%!!(int=3)"),
    ("%", [], "%!(NOVERB)"),
    ("abc%", [], "abc%!(NOVERB)"),
    ("%-", [.int(1)], "%!(NOVERB)%!(EXTRA int=1)"),
    ("%5.2", [.int(1)], "%!(NOVERB)%!(EXTRA int=1)"),
    ("%%", [], "%"),
    ("%5%", [], "%"),
    ("%[2]d %[1]d", [.int(1), .int(2)], "2 1"),
    ("%[3]d", [.int(1), .int(2)], "%!d(BADINDEX)"),
    ("%[0]d", [.int(1)], "%!d(BADINDEX)"),
    ("%[x]d", [.int(1)], "%!d(BADINDEX)"),
    ("%[2]*[1]d", [.int(12), .int(5)], "   12"),
    ("%[1]d %d %d", [.int(1), .int(2)], "1 2 %!d(MISSING)"),
    ("%[2]d", [.int(1), .int(2)], "2"),
    ("%[1]2d", [.int(1)], "%!d(BADINDEX)"),
    ("%[1].2d", [.int(1)], "%!d(BADINDEX)"),
    ("%*d|", [.int(5), .int(3)], "    3|"),
    ("%-*d|", [.int(5), .int(3)], "3    |"),
    ("%*d|", [.int(-5), .int(3)], "3    |"),
    ("%.*f", [.int(2), .float64(3.14159)], "3.14"),
    ("%*.*f|", [.int(8), .int64(2), .float64(3.14159)], "    3.14|"),
    ("%*d", [.string("x"), .int(3)], "%!(BADWIDTH)3"),
    ("%.*d", [.string("x"), .int(3)], "%!(BADPREC)3"),
    ("%.*d", [.int(-1), .int(3)], "%!(BADPREC)3"),
    ("%*d", [.int(10000000), .int(1)], "%!(BADWIDTH)1"),
    ("%*d", [.uint8(3), .int(1)], "  1"),
    ("%\u{E4}", [.int(1)], "%!\u{E4}(int=1)"),
    ("%+t", [.int(3)], "%!t(int=+3)"),
    ("%#t", [.float64(1.0)], "%!t(float64=1.00000)"),
    ("%-5s", [.int(4)], "%!s(int=4    )"),
    ("%p", [.int(1)], "%!p(int=1)"),
    ("%p", [.string("s")], "%!p(string=s)"),
    ("%p", [], "%!p(MISSING)"),
    // %w wants an error: an array or map is a bad verb as a whole, printed with %v under the flags.
    ("%w", [.array([.int64(1), .string("x"), .null])], "%!w([]interface {}=[1 x <nil>])"),
    ("%5w", [.map(ValueMap([("a", .int64(1))]))], "%!w(map[string]interface {}=map[    a:    1])"),
    ("%w", [.int64(1)], "%!w(int64=1)"),
    ("%12345678901d", [.int(1)], "%!(NOVERB)%!(EXTRA int=1)"),
    ("no verbs", [.int64(1), .string("x"), .null, .array([.int(1)])], "no verbs%!(EXTRA int64=1, string=x, <nil>, []interface {}=[1])"),
]

@Test func compositeVerbsMatchGo() {
    expectSprintf(compositeCases)
}

@Test func errorReportsMatchGo() {
    expectSprintf(errorCases)
}

@Test func pointerVerbPrintsAPseudoAddressForSlicesAndMaps() {
    // Go prints the real address, which cannot be reproduced.
    #expect(GoFormatter.sprintf("%p %#p", [.array([]), .map(ValueMap())]) == "0xc000010000 c000010000")
}
