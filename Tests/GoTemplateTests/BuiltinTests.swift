// Go's builtin functions (and, or, not, len, index, slice, eq/ne/lt/le/gt/ge, html, js, urlquery,
// print, printf, println) plus toJson. Expected outputs and errors come from Go 1.19's
// text/template via the conformance oracle (`/tmp/oracle batch`) on the same template and data.

import Testing
@testable import GoTemplate

@Suite("Builtins")
struct BuiltinTests {
    @Test("and, or and not: values returned, short-circuit evaluation", arguments: andOrCases)
    func andOrNot(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("len, index and slice", arguments: lenIndexSliceCases)
    func lenIndexSlice(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("index with a character constant on a map is Go's type error", arguments: lenIndexSliceCasesErrors)
    func indexErrors(_ c: ErrorCase) {
        expectFailure(c)
    }

    @Test("slice accepts a constant index but not an interface {} index from the data")
    func sliceIndexFromData() throws {
        let data: Value = ["arr": [1, 2, 3], "i": 1]
        #expect(try render("{{slice .arr 1}}", data) == "[2 3]")
        guard let (output, error) = failingExecution("{{slice .arr .i}}", data) else { return }
        #expect(output == "")
        #expect(error.message == "template: :1:2: executing \"\" at <slice .arr .i>: error calling slice: cannot index slice/array with type interface {}")
    }

    @Test("index accepts an int64 index taken from the data")
    func indexIndexFromData() throws {
        #expect(try render("{{index .arr .i}}", ["arr": [1, 2, 3], "i": 1]) == "2")
    }

    @Test("or and and do not evaluate arguments after the deciding one")
    func shortCircuit() throws {
        #expect(try render("{{or 1 (index .arr 99)}}", ["arr": [1]]) == "1")
        #expect(try render("{{and 0 (index .arr 99)}}", ["arr": [1]]) == "0")
    }

    @Test("eq, ne, lt, le, gt, ge across int, int64, uint8, float64 and string", arguments: comparisonCases)
    func comparisons(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("html, js and urlquery escaping", arguments: escapeCases)
    func escapes(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("print, println, printf and toJson", arguments: printCases)
    func printing(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("a registered function replaces a builtin of the same name")
    func builtinOverride() throws {
        let shout = TemplateFunction(arity: .exactly(1)) { _ in .string("LEN") }
        #expect(try render("{{len .}}", [1, 2], functions: ["len": shout]) == "LEN")
    }
}

private let andOrCases: [ExecCase] = [
    ExecCase("andReturnsFirstFalsy", "{{and 1 0 2}}|{{and 1 \"\" 2}}|{{and 1 2 3}}", .missing, "0||3"),
    ExecCase("orReturnsFirstTruthy", "{{or 0 \"\" 3 4}}|{{or 0 \"\"}}|{{or .nope \"dflt\"}}", [:], "3||dflt"),
    ExecCase("andSingleArgument", "{{and .a}}", ["a": [1]], "[1]"),
    ExecCase("orShortCircuitsBeforeError", "{{or 1 (index .arr 99)}}", ["arr": [1]], "1"),
    ExecCase("andShortCircuitsBeforeError", "{{and 0 (index .arr 99)}}", ["arr": [1]], "0"),
    ExecCase("orShortCircuitsUndefinedField", "{{or .a .a.b.c}}", ["a": "x"], "x"),
    ExecCase("andReturnsValueNotBool", "{{printf \"%T\" (and 1 \"s\")}}", .missing, "string"),
    ExecCase("orOfMissingIsNoValue", "{{or .x .y}}", [:], "<no value>"),
    ExecCase("notValues", "{{not 0}} {{not 1}} {{not \"\"}} {{not .m}} {{not .l}} {{not .nope}}", ["m": [:], "l": [1]], "true false true true false true"),
    ExecCase("orAsPipelineStage", "{{.x | or .y}}|{{.y | and .x}}", ["x": "X", "y": ""], "X|"),
    ExecCase("andOrNested", "{{if and .a (or .b .c)}}yes{{else}}no{{end}}", ["a": 1, "c": true], "yes"),
    ExecCase("notOfNull", "{{not .n}}", ["n": nil], "true"),
]

private let lenIndexSliceCases: [ExecCase] = [
    ExecCase("lenOfStringArrayMap", "{{len .s}} {{len .a}} {{len .m}}", ["s": "héllo", "a": [1, 2], "m": ["x": 1]], "6 2 1"),
    ExecCase("lenResultIsInt", "{{printf \"%T\" (len .)}}", [1], "int"),
    ExecCase("indexArray", "{{index .a 1}}", ["a": ["x", "y"]], "y"),
    ExecCase("indexMap", "{{index .m \"k\"}}", ["m": ["k": "v"]], "v"),
    ExecCase("indexMissingMapKey", "{{index .m \"nope\"}}", ["m": ["k": "v"]], "<no value>"),
    ExecCase("indexNested", "{{index .a 1 0}}", ["a": [[1], [2, 3]]], "2"),
    ExecCase("indexWithDataInteger", "{{index .a .i}}", ["a": ["x", "y"], "i": 1], "y"),
    ExecCase("indexStringGivesByte", "{{index .s 1}} {{printf \"%T\" (index .s 1)}}", ["s": "abc"], "98 uint8"),
    ExecCase("indexWithNoIndices", "{{index .a}}", ["a": [1, 2]], "[1 2]"),
    ExecCase("sliceArray", "{{slice .a 1}} {{slice .a 1 2}} {{slice .a}}", ["a": [1, 2, 3]], "[2 3] [2] [1 2 3]"),
    ExecCase("sliceString", "{{slice .s 1 3}} {{slice .s 2}}", ["s": "hello"], "el llo"),
    ExecCase("sliceFullRange", "{{slice .a 0 3}}", ["a": [1, 2, 3]], "[1 2 3]"),
    ExecCase("sliceWithLen", "{{slice .a 1 (len .a)}}", ["a": [1, 2, 3]], "[2 3]"),
    ExecCase("sliceOfSlice", "{{slice (slice .a 1) 1}}", ["a": [1, 2, 3]], "[3]"),
    ExecCase("indexWithLenExpression", "{{index .a (len .b)}}", ["a": ["x", "y"], "b": [0]], "y"),
    ExecCase("indexMapValueNull", "{{index .m \"n\"}}|{{printf \"%v\" (index .m \"n\")}}", ["m": ["n": nil]], "<no value>|<nil>"),
    ExecCase("sliceEmpty", "[{{slice .a 3}}]", ["a": [1, 2, 3]], "[[]]"),
]

private let lenIndexSliceCasesErrors: [ErrorCase] = [
    ErrorCase("indexWithCharConstant", "{{index .m 'a'}}", ["m": ["a": 1]], output: "", "template: :1:2: executing \"\" at <index .m 'a'>: error calling index: value has type int; should be string"),
]

private let comparisonCases: [ExecCase] = [
    ExecCase("eqInts", "{{eq 1 1}} {{eq 1 2}}", .missing, "true false"),
    ExecCase("eqMultipleArgs", "{{eq 3 1 2 3}} {{eq 3 1 2}}", .missing, "true false"),
    ExecCase("eqStrings", "{{eq .s \"a\"}} {{eq \"a\" \"b\" \"a\"}}", ["s": "a"], "true true"),
    ExecCase("eqInt64WithConstant", "{{eq .i 2}} {{ne .i 2}}", ["i": 2], "true false"),
    ExecCase("eqInt64WithInt64", "{{eq .i .j}}", ["i": 2, "j": 2], "true"),
    ExecCase("eqFloatWithFloatConstant", "{{eq .f 2.5}}", ["f": 2.5], "true"),
    ExecCase("eqBools", "{{eq .t true}} {{eq false .t}}", ["t": true], "true false"),
    ExecCase("eqByteWithInt", "{{eq (index .s 0) 97}}", ["s": "abc"], "true"),
    ExecCase("eqNilArguments", "{{eq .n nil}}", ["n": nil], "true"),
    ExecCase("eqMissingWithNil", "{{eq .nope nil}}", [:], "true"),
    ExecCase("ltAcrossInts", "{{lt 1 2}} {{lt .i 3}} {{lt .i .j}} {{lt 2 .i}}", ["i": 2, "j": 5], "true true true false"),
    ExecCase("leGtGe", "{{le 2 2}} {{gt 3 2}} {{ge 2 3}} {{le .f 1.5}}", ["f": 1.5], "true true false true"),
    ExecCase("compareStrings", "{{lt \"a\" \"b\"}} {{gt \"abc\" \"abd\"}} {{le \"x\" \"x\"}} {{ge .s \"m\"}}", ["s": "z"], "true false true true"),
    ExecCase("compareByteWithInt", "{{lt (index .s 0) 98}} {{gt (index .s 0) .i}}", ["s": "abc", "i": 1], "true true"),
    ExecCase("compareNegativeWithUint8", "{{lt -1 (index .s 0)}} {{gt (index .s 0) -1}}", ["s": "a"], "true true"),
    ExecCase("compareFloats", "{{lt 1.5 2.5}} {{gt .f 0.1}}", ["f": 0.001], "true false"),
    ExecCase("neStrings", "{{ne \"a\" \"b\"}}", .missing, "true"),
    ExecCase("eqLargeInt64", "{{eq .a 9223372036854775807}}", ["a": 9223372036854775807], "true"),
]

private let escapeCases: [ExecCase] = [
    ExecCase("html", "{{html .}}", "<a href=\"x\">&'\0</a>", "&lt;a href=&#34;x&#34;&gt;&amp;&#39;�&lt;/a&gt;"),
    ExecCase("htmlOfMissing", "{{html .nope}}", [:], "&lt;no value&gt;"),
    ExecCase("htmlMultipleArgs", "{{html \"<\" 1 \">\"}}", .missing, "&lt;1&gt;"),
    ExecCase("js", "{{js .}}", "it's \"q\" <b> & = \\ \n \t \u{2028} é \u{1}", "it\\'s \\\"q\\\" \\u003Cb\\u003E \\u0026 \\u003D \\\\ \\u000A \\u0009 \\u2028 é \\u0001"),
    ExecCase("jsNumbers", "{{js 1 2}}", .missing, "1 2"),
    ExecCase("urlquery", "{{urlquery .}}", "a b&c=d/é?~_-.", "a+b%26c%3Dd%2F%C3%A9%3F~_-."),
    ExecCase("urlqueryMultipleArgs", "{{urlquery \"a\" \"b c\"}}", .missing, "ab+c"),
    ExecCase("urlqueryOfMissing", "{{urlquery .nope}}", [:], "%3Cno+value%3E"),
    ExecCase("htmlOfNonStrings", "{{html .a}} {{html .m}} {{html 1.5}}", ["a": ["<x>", 1], "m": ["k": "&"]], "[&lt;x&gt; 1] map[k:&amp;] 1.5"),
    ExecCase("jsOfNonStrings", "{{js .a}} {{js 1.5}} {{js true}}", ["a": ["<x>", "'"]], "[\\u003Cx\\u003E \\'] 1.5 true"),
    ExecCase("urlqueryOfNonStrings", "{{urlquery .a 1.5}}", ["a": ["a b", 1]], "%5Ba+b+1%5D+1.5"),
    ExecCase("pipeToHtml", "{{.s | html}}", ["s": "<&>"], "&lt;&amp;&gt;"),
]

private let printCases: [ExecCase] = [
    ExecCase("printSpacesBetweenNonStrings", "{{print 1 2 \"a\" \"b\" 3}}", .missing, "1 2ab3"),
    ExecCase("printMixed", "{{print \"a\" 1 2.5 true nil}}", .missing, "a1 2.5 true <nil>"),
    ExecCase("println", "{{println 1 \"a\" 2}}", .missing, "1 a 2\n"),
    ExecCase("printlnNoArgs", "[{{println}}]", .missing, "[\n]"),
    ExecCase("printNoArgs", "[{{print}}]", .missing, "[]"),
    ExecCase("printfVerbs", "{{printf \"%d %5.2f %s %q %v %x %t\" 42 3.14159 \"s\" \"q\" .m 255 true}}", ["m": ["k": [1]]], "42  3.14 s \"q\" map[k:[1]] ff true"),
    ExecCase("printfWidthFlags", "{{printf \"[%-5d][%05d][%+d][%8.3s]\" 42 42 42 \"abcdef\"}}", .missing, "[42   ][00042][+42][     abc]"),
    ExecCase("printfTypeVerb", "{{printf \"%T %T %T %T %T\" . .a .f .s .n}}", ["a": [1], "f": 1.5, "s": "x", "n": nil], "map[string]interface {} []interface {} float64 string <nil>"),
    ExecCase("printfPlusV", "{{printf \"%+v %#v\" .m .m}}", ["m": ["a": 1]], "map[a:1] map[string]interface {}{\"a\":1}"),
    ExecCase("printfMissingArgument", "{{printf \"%d %d\" 1}}", .missing, "1 %!d(MISSING)"),
    ExecCase("printfExtraArgument", "{{printf \"%d\" 1 2}}", .missing, "1%!(EXTRA int=2)"),
    ExecCase("printfWrongVerb", "{{printf \"%d\" \"s\"}}", .missing, "%!d(string=s)"),
    ExecCase("printfPercent", "{{printf \"100%%\"}}", .missing, "100%"),
    ExecCase("printfIntAsFloatIsBadVerb", "{{printf \"%.1f\" .i}}", ["i": 3], "%!f(int64=3)"),
    ExecCase("printfFloatFormats", "{{printf \"%g %e %.3g %v\" .f .f .f .g}}", ["f": 1234.5678, "g": 1e+21], "1234.5678 1.234568e+03 1.23e+03 1e+21"),
    ExecCase("printfByte", "{{printf \"%c %v %d\" (index .s 0) (index .s 0) (index .s 0)}}", ["s": "A"], "A 65 65"),
    ExecCase("printfNilValues", "{{printf \"%v %s %d\" .n .nope nil}}", ["n": nil], "<nil> %!s(<nil>) %!d(<nil>)"),
    ExecCase("printfStringFromVariable", "{{$f := \"<%s>\"}}{{printf $f \"x\"}}", .missing, "<x>"),
    ExecCase("printfCollections", "{{printf \"%s|%d|%v|%x\" .s .i .m .s}}", ["s": ["ab", "c"], "i": [1, 2], "m": ["b": [1], "a": ["c": nil]]], "[ab c]|[1 2]|map[a:map[c:<nil>] b:[1]]|[6162 63]"),
    ExecCase("printfQuoteInt", "{{printf \"%q %U %c\" 97 97 97}}", .missing, "'a' U+0061 a"),
    ExecCase("toJson", "{{toJson .}}", ["b": [1, 2.5, "<&>"], "a": nil, "c": ["x": true]], "{\"a\":null,\"b\":[1,2.5,\"\\u003c\\u0026\\u003e\"],\"c\":{\"x\":true}}"),
    ExecCase("toJsonOfMissing", "{{toJson .nope}}", [:], "null"),
    ExecCase("toJsonOfConstant", "{{toJson 1.0}} {{toJson \"s\"}} {{toJson 'a'}}", .missing, "1 \"s\" 97"),
]
