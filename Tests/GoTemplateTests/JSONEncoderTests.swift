// GoJSON.marshal against Go 1.19's json.Marshal of the value Go would hold (int64, float64,
// map[string]interface{}, []interface{}, structs with json tags). Expected bytes come from Go.

import Testing
@testable import GoTemplate

private func marshal(_ value: Value, escapeHTML: Bool = true) throws -> String {
    try GoJSON.marshal(value, escapeHTML: escapeHTML)
}

@Suite("JSON encoder")
struct JSONEncoderTests {
    @Test("float64 in encoding/json's format", arguments: [
        (0.0, "0"), (-0.0, "-0"), (1, "1"), (-1.5, "-1.5"), (1e6, "1000000"),
        (1e20, "100000000000000000000"), (1e21, "1e+21"), (1.5e21, "1.5e+21"), (1e-6, "0.000001"),
        (9.99e-7, "9.99e-7"), (1e-7, "1e-7"), (123.456, "123.456"), (0.1, "0.1"), (1e100, "1e+100"),
        (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (12.5, "12.5"),
        (2.0, "2"), (1234567.0, "1234567"), (1e-10, "1e-10"),
    ])
    func float(_ x: Double, _ expected: String) throws {
        #expect(try marshal(.float64(x)) == expected)
    }

    @Test("integers, booleans, nil and empty containers")
    func scalars() throws {
        let value: Value = [.int64(.min), .int64(.max), .int(0), .uint8(255), true, false, nil, [], .map(ValueMap())]
        #expect(try marshal(value) == "[-9223372036854775808,9223372036854775807,0,255,true,false,null,[],{}]")
        #expect(try marshal(.missing) == "null")
    }

    @Test("keys sorted, strings escaped as json.Marshal does (HTML escaping on)")
    func strings() throws {
        let value: Value = [
            "b": 1, "a": "x", "<": ">", "é": "\u{2028}",
            "ctl": "\u{0}\u{8}\u{C}\n\r\t\u{1F}\u{7F}", "q": "\"\\/",
        ]
        #expect(try marshal(value)
            == #"{"\u003c":"\u003e","a":"x","b":1,"ctl":"\u0000\u0008\u000c\n\r\t\u001f"# + "\u{7F}"
            + #"","q":"\"\\/","é":"\u2028"}"#)
        #expect(try marshal(["a<b>&c", "🙂", "\u{FFFD}", "María García"])
            == #"["a\u003cb\u003e\u0026c","🙂","\#u{FFFD}","María García"]"#)
    }

    @Test("without HTML escaping, as an Encoder with SetEscapeHTML(false)")
    func noHTMLEscaping() throws {
        #expect(try marshal(["a<b>&c", "\u{2028}\u{2029}", "\"\\\u{1}"], escapeHTML: false)
            == #"["a<b>&c","\u2028\u2029","\"\\\u0001"]"#)
    }

    @Test("invalid UTF-8 bytes become \\ufffd one by one")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x61, 0xFF, 0xE2, 0x82, 0x62, 0xED, 0xA0, 0x80, 0xE2, 0x82, 0xAC]
        var writer = ByteWriter(capacity: 16)
        bytes.withUnsafeBufferPointer { appendJSONString($0, escapeHTML: true, to: &writer) }
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #""a\ufffd\ufffd\ufffdb\ufffd\ufffd\ufffd€""#)
    }

    @Test("appending a string literal to an array")
    func appendToArray() {
        var out = Array("x=".utf8)
        appendJSONString("<\u{2028}>", escapeHTML: false, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x="<\u2028>""#)
    }

    @Test("NaN and infinities are Go's UnsupportedValueError; the output is left alone")
    func unsupported() {
        for (value, message) in [(Value.float64(.nan), "NaN"), (.float64(.infinity), "+Inf"), (["a": [.float64(-.infinity)]], "-Inf")] {
            var out = Array("kept".utf8)
            #expect(throws: JSONEncodingError(description: "json: unsupported value: \(message)")) {
                try GoJSON.marshal(value, into: &out)
            }
            #expect(out == Array("kept".utf8))
        }
    }

    /// Go: `struct{Version string "json:\"version\""; Skip string "json:\"-\""; hidden string;
    /// Empty string "json:\"empty,omitempty\""; Zero float64 "json:\"zero,omitempty\"";
    /// Nil interface{} "json:\"nil,omitempty\""; NilKept interface{} "json:\"nilKept\"";
    /// Metadata Inner "json:\"metadata\""; Payload interface{} "json:\"payload\""; Untagged int64;
    /// Html string "json:\"<h&>\""}` with `Inner{A int "json:\"a\""; B string "json:\"b,omitempty\""}`.
    private func event(empty: String = "", zero: Double = 0, nilValue: Value = .null, payload: Value = .null,
                       untagged: Int64 = 0, html: String = "", version: String = "", a: Int = 0) -> Value {
        let inner = Record(typeName: "main.Inner", fields: [
            .init(name: "A", jsonName: "a", value: .int(a)),
            .init(name: "B", jsonName: "b", omitEmpty: true, value: ""),
        ])
        return .record(Record(typeName: "main.Event", fields: [
            .init(name: "Version", jsonName: "version", value: .string(version)),
            .init(name: "Skip", jsonName: "-", value: "x"),
            .init(name: "hidden", value: "h"),
            .init(name: "Empty", jsonName: "empty", omitEmpty: true, value: .string(empty)),
            .init(name: "Zero", jsonName: "zero", omitEmpty: true, value: .float64(zero)),
            .init(name: "Nil", jsonName: "nil", omitEmpty: true, isInterface: true, value: nilValue),
            .init(name: "NilKept", jsonName: "nilKept", isInterface: true, value: .null),
            .init(name: "Metadata", jsonName: "metadata", value: .record(inner)),
            .init(name: "Payload", jsonName: "payload", isInterface: true, value: payload),
            .init(name: "Untagged", value: .int64(untagged)),
            .init(name: "Html", jsonName: "<h&>", value: .string(html)),
        ]))
    }

    @Test("records: declaration order, JSON names, `-`, omitempty, unexported fields")
    func records() throws {
        #expect(try marshal(event(payload: ["k": [1, 2.5, nil]], untagged: 7, html: "<&>", version: "0.2", a: 1))
            == #"{"version":"0.2","nilKept":null,"metadata":{"a":1},"payload":{"k":[1,2.5,null]},"#
            + #""Untagged":7,"\u003ch\u0026\u003e":"\u003c\u0026\u003e"}"#)
        #expect(try marshal(event(empty: "e", zero: -0.0, nilValue: "n"))
            == #"{"version":"","empty":"e","nil":"n","nilKept":null,"metadata":{"a":0},"payload":null,"#
            + #""Untagged":0,"\u003ch\u0026\u003e":""}"#)
    }

    @Test("records whose first fields are left out take no stray comma")
    func recordLeadingSkips() throws {
        func lead(last: Bool) -> Value {
            .record(Record(typeName: "main.Lead", fields: [
                .init(name: "hidden", value: "h"),
                .init(name: "Skip", jsonName: "-", value: "s"),
                .init(name: "Empty", jsonName: "empty", omitEmpty: true, value: []),
                .init(name: "Last", jsonName: "last", value: .bool(last)),
            ]))
        }
        #expect(try marshal(lead(last: true)) == #"{"last":true}"#)
        #expect(try marshal([lead(last: false), lead(last: true)]) == #"[{"last":false},{"last":true}]"#)
        #expect(try marshal(.record(Record(typeName: "main.None", fields: []))) == "{}")
    }

    @Test("records nested deeper than the recursion limit")
    func deepRecords() throws {
        let depth = 3 * GoJSON.recursionLimit
        var value: Value = "leaf"
        for _ in 0..<depth {
            value = .record(Record(typeName: "main.Node", fields: [
                .init(name: "hidden", value: "h"),
                .init(name: "Empty", jsonName: "empty", omitEmpty: true, value: ""),
                .init(name: "V", jsonName: "v", value: [value]),
                .init(name: "Skip", jsonName: "-", value: "s"),
                .init(name: "Tail", jsonName: "tail", value: "t"),
            ]))
        }
        let expected = String(repeating: #"{"v":["#, count: depth) + #""leaf""#
            + String(repeating: #"],"tail":"t"}"#, count: depth)
        #expect(try marshal(value) == expected)
    }

    @Test("nesting far deeper than the recursion limit")
    func deepNesting() throws {
        let depth = 10_000
        var value: Value = ["x": 1]
        for level in 0..<depth { value = level % 2 == 0 ? [value, 2] : ["k": value] }
        let levels = 0..<depth
        let openers = levels.reversed().map { $0 % 2 == 0 ? "[" : #"{"k":"# }
        let closers = levels.map { $0 % 2 == 0 ? ",2]" : "}" }
        #expect(try marshal(value) == openers.joined() + #"{"x":1}"# + closers.joined())
    }
}
