// JSONValueDecoder against Go 1.19: json.Decoder with UseNumber, numbers then made int64 when
// strconv.ParseInt accepts them and float64 otherwise (the conformance oracle's data model).
// Expected values and error messages come from Go on the same input.

import Testing
@testable import GoTemplate

/// The value with its Go types spelled out, so that `int64(1)` and `float64(1.0)` differ.
private func typed(_ value: Value) -> String {
    switch value {
    case .missing: return "missing"
    case .null: return "nil"
    case .bool(let b): return "\(b)"
    case .int(let i): return "int(\(i))"
    case .int64(let i): return "int64(\(i))"
    case .uint8(let i): return "uint8(\(i))"
    case .float64(let x): return "float64(\(x))"
    case .string(let s): return s.debugDescription
    case .array(let elements): return "[" + elements.map(typed).joined(separator: " ") + "]"
    case .map(let map): return "{" + zip(map.keys, map.values).map { "\($0):\(typed($1))" }.joined(separator: " ") + "}"
    case .record(let record): return record.typeName
    }
}

private func decode(_ text: String) throws -> String { typed(try JSONValueDecoder.decode(text)) }

private func decodingError(_ bytes: [UInt8]) -> JSONDecodingError? {
    do {
        _ = try JSONValueDecoder.decode(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("JSON decoder")
struct JSONDecoderTests {
    @Test("numbers: int64 when ParseInt accepts the text, else float64", arguments: [
        ("0", "int64(0)"), ("-0", "int64(0)"), ("-0.0", "float64(-0.0)"), ("1.0", "float64(1.0)"),
        ("1e2", "float64(100.0)"), ("1E-2", "float64(0.01)"),
        ("9223372036854775807", "int64(9223372036854775807)"),
        ("9223372036854775808", "float64(9.223372036854776e+18)"),
        ("-9223372036854775808", "int64(-9223372036854775808)"),
        ("-9223372036854775809", "float64(-9.223372036854776e+18)"),
        ("0.30000000000000004", "float64(0.30000000000000004)"), ("1e-400", "float64(0.0)"),
        ("123456789012345678901234567890", "float64(1.2345678901234568e+29)"),
        ("2.2250738585072011e-308", "float64(2.225073858507201e-308)"),
        ("1.7976931348623157e308", "float64(1.7976931348623157e+308)"),
    ])
    func numbers(_ text: String, _ expected: String) throws {
        #expect(try decode(text) == expected)
    }

    @Test("strings: escapes, surrogates and invalid UTF-8 as Go decodes them", arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\ud800""#, "\u{FFFD}"),
        (#""\udc00\ud800""#, "\u{FFFD}\u{FFFD}"),
        (#""\ud800\u0041""#, "\u{FFFD}A"),
        ("\"\u{7F}é🙂\u{2028}\"", "\u{7F}é🙂\u{2028}"),
    ])
    func strings(_ text: String, _ expected: String) throws {
        #expect(try decode(text) == expected.debugDescription)
    }

    @Test("invalid UTF-8 becomes U+FFFD byte by byte")
    func invalidUTF8() throws {
        let cases: [([UInt8], String)] = [
            ([0x22, 0xFF, 0x22], "\u{FFFD}"),
            ([0x22, 0x61, 0xE2, 0x82, 0x22], "a\u{FFFD}\u{FFFD}"),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "\u{FFFD}\u{FFFD}\u{FFFD}"),
        ]
        for (bytes, expected) in cases {
            #expect(typed(try JSONValueDecoder.decode(bytes)) == expected.debugDescription)
        }
        #expect(typed(try JSONValueDecoder.decode([0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D])) == "{\u{FFFD}:int64(1)}")
    }

    @Test("objects: sorted keys, the last duplicate wins; arrays keep their order")
    func containers() throws {
        #expect(try decode(#" {"b": [1, "2", 3.0, true, false, null, {}, []], "a": 1, "a": {"z": 2, "é": 3, "Z": 4}} "#)
            == #"{a:{Z:int64(4) z:int64(2) é:int64(3)} b:[int64(1) "2" float64(3.0) true false nil {} []]}"#)
    }

    @Test("syntax errors carry Go's message", arguments: [
        ("[1,]", "invalid character ']' looking for beginning of value"),
        (#"{"a" 1}"#, "invalid character '1' after object key"),
        (#"{"a":1,}"#, "invalid character '}' looking for beginning of object key string"),
        (#"{"a":1 "b":2}"#, "invalid character '\"' after object key:value pair"),
        ("[1 2]", "invalid character '2' after array element"),
        ("01", "invalid character '1' after top-level value"),
        ("1 2", "invalid character '2' after top-level value"),
        (#"{"a":1}x"#, "invalid character 'x' after top-level value"),
        ("1.", "unexpected EOF"), ("-", "unexpected EOF"), ("tru", "unexpected EOF"), ("[", "unexpected EOF"),
        ("", "unexpected EOF"), ("\"abc", "unexpected EOF"),
        ("1.e5", "invalid character 'e' after decimal point in numeric literal"),
        ("1e+x", "invalid character 'x' in exponent of numeric literal"),
        ("-a", "invalid character 'a' in numeric literal"),
        ("trux", "invalid character 'x' in literal true (expecting 'e')"),
        ("nUll", "invalid character 'U' in literal null (expecting 'u')"),
        (#""\x""#, "invalid character 'x' in string escape code"),
        (#""\u12g4""#, "invalid character 'g' in \\u hexadecimal character escape"),
        ("\"a\nb\"", "invalid character '\\n' in string literal"),
        ("NaN", "invalid character 'N' looking for beginning of value"),
        ("'a'", "invalid character '\\'' looking for beginning of value"),
        ("/* c */ 1", "invalid character '/' looking for beginning of value"),
        ("\u{A0}{}", "invalid character 'Â' looking for beginning of value"),
    ])
    func syntaxErrors(_ text: String, _ message: String) {
        #expect(decodingError(Array(text.utf8))?.message == message)
    }

    @Test("errors say where they are")
    func errorPosition() throws {
        let error = try #require(decodingError(Array("{\n  \"a\": [1,\n  2,, 3]\n}".utf8)))
        #expect(error.message == "invalid character ',' looking for beginning of value")
        #expect((error.offset, error.line, error.column) == (17, 3, 5))
        #expect(error.locatedDescription == "invalid character ',' looking for beginning of value (line 3, column 5, offset 17)")
        #expect(error.description == error.message)
    }

    @Test("numbers beyond float64's range are rejected unless a later duplicate key drops them")
    func outOfRange() throws {
        let message = #"number 1e400 does not fit a float64: strconv.ParseFloat: parsing "1e400": value out of range"#
        #expect(decodingError(Array("1e400".utf8))?.message == message)
        #expect(decodingError(Array("[0, -1e400]".utf8))?.message == "number -1e400 does not fit a float64: strconv.ParseFloat: parsing \"-1e400\": value out of range")
        #expect(try decode(#"{"a":1e400,"a":1}"#) == "{a:int64(1)}")
        // A syntax error later in the document wins, as Go parses the whole document first.
        #expect(decodingError(Array("[1e400,]".utf8))?.message == "invalid character ']' looking for beginning of value")
    }

    @Test("blank template data is nil data (Go's bytes.TrimSpace), but not for decode")
    func blankData() throws {
        for blank in ["", " \n\t\r", "\u{B}\u{C}", "\u{A0}\u{85} \u{3000}"] {
            #expect(try JSONValueDecoder.decodeData(Array(blank.utf8)) == nil)
        }
        #expect(try JSONValueDecoder.decodeData(Array(" null ".utf8)).map(typed) == "nil")
        #expect(throws: JSONDecodingError.self) { try JSONValueDecoder.decodeData(Array("\u{B}1".utf8)) }
        #expect(decodingError(Array("  ".utf8))?.message == "unexpected EOF")
    }

    @Test("nesting: 10000 levels decode, one more is Go's depth error, never a crash")
    func depth() throws {
        let limit = JSONValueDecoder.maxDepth
        var value = try JSONValueDecoder.decode(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        var levels = 1
        while case .array(let elements) = value, let first = elements.first {
            levels += 1
            value = first
        }
        #expect(levels == limit)
        let tooDeep = String(repeating: #"{"a":"#, count: limit) + "[]" + String(repeating: "}", count: limit)
        #expect(decodingError(Array(tooDeep.utf8))?.message == "invalid character '[' exceeded max depth")
        #expect(decodingError(Array(String(repeating: "[", count: 100_000).utf8))?.message == "invalid character '[' exceeded max depth")
    }

    @Test("a smaller maxDepth is enforced and named in the message")
    func customDepth() throws {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(throws: Never.self) { try Value(json: nested(5), maxDepth: 5) }
        #expect(throws: JSONDecodingError.self) { try Value(json: nested(6), maxDepth: 5) }
        do {
            _ = try Value(json: nested(6), maxDepth: 5)
        } catch {
            #expect(error.message == "invalid character '[' exceeded max depth of 5")
            #expect(error.offset == 5)
        }
    }

    @Test("validateJSON agrees with decoding on valid and invalid documents, and with Go's json.Valid on huge numbers")
    func validation() throws {
        for text in [#"{"a":[1,2,{"b":null}],"c":"\u00e9"}"#, "[]", " 12 ", #""x""#, "1e999"] {
            #expect(throws: Never.self, "\(text)") { try Value.validateJSON(Array(text.utf8)) }
        }
        for text in ["", "{", #"{"a":}"#, "[1,]", "[1] 2", "nul", #"{"a" 1}"#] {
            let decoding = decodingError(Array(text.utf8))?.message
            var validating: String?
            do { try Value.validateJSON(Array(text.utf8)) } catch { validating = error.message }
            #expect(validating != nil && validating == decoding, "\(text.debugDescription): \(String(describing: validating)) vs \(String(describing: decoding))")
        }
        let deep = JSONValueDecoder.maxDepth
        #expect(throws: Never.self) { try Value.validateJSON(Array((String(repeating: "[", count: deep) + String(repeating: "]", count: deep)).utf8)) }
        #expect(throws: JSONDecodingError.self) { try Value.validateJSON(Array(String(repeating: "[", count: deep + 1).utf8)) }
    }
}
