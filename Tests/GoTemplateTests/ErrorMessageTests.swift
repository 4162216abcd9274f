// Execution errors: Go's full message (`template: NAME:LINE:COL: executing "NAME" at <NODE>: …`),
// the output written before the error, and the recursion limit. Expected values come from Go
// 1.19's text/template via the conformance oracle; custom-function errors from a Go program with
// an equivalent function map.

import Testing
@testable import GoTemplate

private struct Boom: Error, CustomStringConvertible {
    var description: String { "boom" }
}

@Suite("Execution errors")
struct ErrorMessageTests {
    @Test("execution errors carry Go's message and the partial output", arguments: execErrorCases)
    func executionError(_ c: ErrorCase) {
        expectFailure(c)
    }

    @Test("error positions and nodes: multi-line actions, CRLF, chains, pipeline stages", arguments: positionErrorCases)
    func errorPosition(_ c: ErrorCase) {
        expectFailure(c)
    }

    @Test("cases that look like errors but render in Go", arguments: renderedLookalikeCases)
    func renderedLookalike(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("infinite template recursion stops at Go's depth limit instead of crashing")
    func recursionLimit() {
        let text = "{{define \"x\"}}{{template \"x\" .}}{{end}}{{template \"x\" .}}"
        guard let (output, error) = failingExecution(text) else { return }
        #expect(error.message.contains("exceeded maximum template depth (100000)"))
        #expect(error.message == "template: :1:25: executing \"x\" at <{{template \"x\" .}}>: exceeded maximum template depth (100000)")
        #expect(output == "")
    }

    @Test("output written by the recursion before the depth limit is kept")
    func recursionLimitPartialOutput() {
        let text = "ab{{define \"x\"}}-{{template \"x\" .}}{{end}}{{template \"x\" .}}"
        guard let (output, error) = failingExecution(text) else { return }
        #expect(error.message == "template: :1:28: executing \"x\" at <{{template \"x\" .}}>: exceeded maximum template depth (100000)")
        #expect(output.utf8.count == 100_002)
        #expect(output.hasPrefix("ab---"))
    }

    @Test("an error thrown by a custom function is reported as error calling NAME")
    func customFunctionError() {
        let fail = TemplateFunction(arity: .atLeast(0)) { _ in throw Boom() }
        guard let (output, error) = failingExecution("a{{fail 1}}b", functions: ["fail": fail]) else { return }
        #expect(output == "a")
        #expect(error.message == "template: :1:3: executing \"\" at <fail 1>: error calling fail: boom")
    }

    @Test("a custom function called with the wrong number of arguments")
    func customFunctionArity() {
        let double = TemplateFunction(arity: .exactly(1)) { args in args[0] }
        guard let (_, error) = failingExecution("{{double 1 2}}", functions: ["double": double]) else { return }
        #expect(error.message == "template: :1:2: executing \"\" at <double>: wrong number of args for double: want 1 got 2")
    }

    @Test("executing an undefined template by name (Go's ExecuteTemplate)",
          arguments: [("", "template: no template \"nope\" associated with template \"\""),
                      ("main", "template: no template \"nope\" associated with template \"main\"")])
    func undefinedNamedTemplate(_ name: String, _ message: String) throws {
        let template = try Template(name: name, text: "M{{define \"sub\"}}S{{end}}")
        do {
            _ = try template.render(nil, templateNamed: "nope")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == message)
            #expect(error.phase == .execution)
        }
    }

    @Test("TemplateError's description is its message")
    func errorDescription() {
        guard let (_, error) = failingExecution("{{.n.x}}", ["n": nil]) else { return }
        #expect(error.description == error.message)
        #expect("\(error)" == "template: :1:4: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x")
    }
}

private let renderedLookalikeCases: [ExecCase] = [
    ExecCase("fieldOfNilData", "{{.x.y}}", .missing, "<no value>"),
    ExecCase("fieldOnVariableOfNull", "{{$v := .n}}{{$v.x}}", ["n": nil], "<no value>"),
    ExecCase("sliceThreeIndicesOnArray", "{{slice .a 0 1 2}}", ["a": [1, 2, 3]], "[1]"),
    ExecCase("eqMissingWithInt", "{{eq .nope 1}}", [:], "false"),
    ExecCase("chainOnParenthesizedNull", "{{(.n).x}}", ["n": nil], "<no value>"),
    ExecCase("emptyMainTemplate", "{{define \"a\"}}y{{end}}", .missing, name: "x", ""),
]

private let execErrorCases: [ErrorCase] = [
    ErrorCase("fieldOfNull", "{{.n.x}}", ["n": nil], output: "", "template: :1:4: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("fieldOfString", "{{.s.x}}", ["s": "str"], output: "", "template: :1:4: executing \"\" at <.s.x>: can't evaluate field x in type interface {}"),
    ErrorCase("fieldOfNumber", "{{.i.x}}", ["i": 1], output: "", "template: :1:4: executing \"\" at <.i.x>: can't evaluate field x in type interface {}"),
    ErrorCase("fieldOfArray", "{{.a.x}}", ["a": [1]], output: "", "template: :1:4: executing \"\" at <.a.x>: can't evaluate field x in type interface {}"),
    ErrorCase("argumentsToField", "{{.a 1}}", ["a": "x"], output: "", "template: :1:2: executing \"\" at <.a>: a is not a method but has arguments"),
    ErrorCase("argumentsToFieldOfNull", "{{.n.x 1}}", ["n": nil], output: "", "template: :1:4: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("nilIsNotACommand", "{{nil}}", .missing, output: "", "template: :1:2: executing \"\" at <nil>: nil is not a command"),
    ErrorCase("nilIsNotACommandInIf", "{{if nil}}x{{end}}", .missing, output: "", "template: :1:5: executing \"\" at <nil>: nil is not a command"),
    ErrorCase("indexOutOfRange", "{{index .arr 99}}", ["arr": [1]], output: "", "template: :1:2: executing \"\" at <index .arr 99>: error calling index: index out of range: 99"),
    ErrorCase("indexNegative", "{{index .arr -1}}", ["arr": [1]], output: "", "template: :1:2: executing \"\" at <index .arr -1>: error calling index: index out of range: -1"),
    ErrorCase("indexOfNumber", "{{index .i 0}}", ["i": 5], output: "", "template: :1:2: executing \"\" at <index .i 0>: error calling index: can't index item of type int64"),
    ErrorCase("indexOfNull", "{{index .n 0}}", ["n": nil], output: "", "template: :1:2: executing \"\" at <index .n 0>: error calling index: index of untyped nil"),
    ErrorCase("indexMapWithInt", "{{index .m 1}}", ["m": ["a": 1]], output: "", "template: :1:2: executing \"\" at <index .m 1>: error calling index: value has type int; should be string"),
    ErrorCase("indexArrayWithString", "{{index .a \"x\"}}", ["a": [1]], output: "", "template: :1:2: executing \"\" at <index .a \"x\">: error calling index: cannot index slice/array with type string"),
    ErrorCase("indexArrayWithFloat", "{{index .a .f}}", ["a": [1], "f": 1.0], output: "", "template: :1:2: executing \"\" at <index .a .f>: error calling index: cannot index slice/array with type float64"),
    ErrorCase("sliceWithDataIndex", "{{slice .arr .i}}", ["arr": [1, 2, 3], "i": 1], output: "", "template: :1:2: executing \"\" at <slice .arr .i>: error calling slice: cannot index slice/array with type interface {}"),
    ErrorCase("sliceOutOfRange", "{{slice .arr 1 5}}", ["arr": [1, 2, 3]], output: "", "template: :1:2: executing \"\" at <slice .arr 1 5>: error calling slice: index out of range: 5"),
    ErrorCase("sliceInverted", "{{slice .arr 2 1}}", ["arr": [1, 2, 3]], output: "", "template: :1:2: executing \"\" at <slice .arr 2 1>: error calling slice: invalid slice index: 2 > 1"),
    ErrorCase("sliceThreeIndicesOnString", "{{slice .s 1 2 3}}", ["s": "abc"], output: "", "template: :1:2: executing \"\" at <slice .s 1 2 3>: error calling slice: cannot 3-index slice a string"),
    ErrorCase("sliceOfMap", "{{slice .m 0}}", ["m": [:]], output: "", "template: :1:2: executing \"\" at <slice .m 0>: error calling slice: can't slice item of type map[string]interface {}"),
    ErrorCase("sliceTooManyIndices", "{{slice .a 0 1 2 3}}", ["a": [1, 2, 3]], output: "", "template: :1:2: executing \"\" at <slice .a 0 1 2 3>: error calling slice: too many slice indexes: 4"),
    ErrorCase("eqFloatWithIntConstant", "{{eq .f 2}}", ["f": 2.0], output: "", "template: :1:2: executing \"\" at <eq .f 2>: error calling eq: incompatible types for comparison"),
    ErrorCase("eqInt64WithFloat64", "{{eq .i .f}}", ["i": 2, "f": 2.0], output: "", "template: :1:2: executing \"\" at <eq .i .f>: error calling eq: incompatible types for comparison"),
    ErrorCase("ltInt64WithFloatConstant", "{{lt .i 2.5}}", ["i": 2], output: "", "template: :1:2: executing \"\" at <lt .i 2.5>: error calling lt: incompatible types for comparison"),
    ErrorCase("eqStringWithInt", "{{eq .s 1}}", ["s": "1"], output: "", "template: :1:2: executing \"\" at <eq .s 1>: error calling eq: incompatible types for comparison"),
    ErrorCase("eqMaps", "{{eq .m .m}}", ["m": [:]], output: "", "template: :1:2: executing \"\" at <eq .m .m>: error calling eq: non-comparable type map[]: map[string]interface {}"),
    ErrorCase("eqArrays", "{{eq .a .a}}", ["a": [1]], output: "", "template: :1:2: executing \"\" at <eq .a .a>: error calling eq: non-comparable type [%!s(int64=1)]: []interface {}"),
    ErrorCase("ltBools", "{{lt true false}}", .missing, output: "", "template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison"),
    ErrorCase("ltMaps", "{{lt .m .m}}", ["m": [:]], output: "", "template: :1:2: executing \"\" at <lt .m .m>: error calling lt: invalid type for comparison"),
    ErrorCase("ltNil", "{{lt .n 1}}", ["n": nil], output: "", "template: :1:2: executing \"\" at <lt .n 1>: error calling lt: invalid type for comparison"),
    ErrorCase("eqNoArguments", "{{eq}}", .missing, output: "", "template: :1:2: executing \"\" at <eq>: wrong number of args for eq: want at least 1 got 0"),
    ErrorCase("eqOneArgument", "{{eq 1}}", .missing, output: "", "template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison"),
    ErrorCase("neThreeArguments", "{{ne 1 2 3}}", .missing, output: "", "template: :1:2: executing \"\" at <ne>: wrong number of args for ne: want 2 got 3"),
    ErrorCase("lenOfNumber", "{{len .i}}", ["i": 3], output: "", "template: :1:2: executing \"\" at <len .i>: error calling len: len of type int64"),
    ErrorCase("lenOfNull", "{{len .n}}", ["n": nil], output: "", "template: :1:2: executing \"\" at <len .n>: error calling len: len of nil pointer"),
    ErrorCase("lenOfMissing", "{{len .nope}}", [:], output: "", "template: :1:2: executing \"\" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value"),
    ErrorCase("wrongArgumentCount", "{{len 1 2}}", .missing, output: "", "template: :1:2: executing \"\" at <len>: wrong number of args for len: want 1 got 2"),
    ErrorCase("notWithoutArgument", "{{not}}", .missing, output: "", "template: :1:2: executing \"\" at <not>: wrong number of args for not: want 1 got 0"),
    ErrorCase("andWithoutArgument", "{{and}}", .missing, output: "", "template: :1:2: executing \"\" at <and>: wrong number of args for and: want at least 1 got 0"),
    ErrorCase("printfWithoutFormat", "{{printf}}", .missing, output: "", "template: :1:2: executing \"\" at <printf>: wrong number of args for printf: want at least 1 got 0"),
    ErrorCase("printfNonStringFormat", "{{printf 1}}", .missing, output: "", "template: :1:9: executing \"\" at <1>: expected string; found 1"),
    ErrorCase("printfFormatFromData", "{{printf .n}}", ["n": 1], output: "", "template: :1:9: executing \"\" at <.n>: wrong type for value; expected string; got int64"),
    ErrorCase("callNonFunction", "{{call .f}}", ["f": "x"], output: "", "template: :1:2: executing \"\" at <call .f>: error calling call: non-function of type string"),
    ErrorCase("callNil", "{{call .n}}", ["n": nil], output: "", "template: :1:2: executing \"\" at <call .n>: error calling call: call of nil"),
    ErrorCase("rangeOverString", "{{range .s}}x{{end}}", ["s": "abc"], output: "", "template: :1:8: executing \"\" at <.s>: range can't iterate over abc"),
    ErrorCase("rangeOverBool", "{{range true}}x{{end}}", .missing, output: "", "template: :1:8: executing \"\" at <true>: range can't iterate over true"),
    ErrorCase("rangeOverFloat", "{{range .f}}x{{end}}", ["f": 1.5], output: "", "template: :1:8: executing \"\" at <.f>: range can't iterate over 1.5"),
    ErrorCase("undefinedTemplate", "a{{template \"nope\"}}b", .missing, output: "a", "template: :1:12: executing \"\" at <{{template \"nope\"}}>: template \"nope\" not defined"),
    ErrorCase("assignUndeclaredVariable", "x{{$x = 1}}", .missing, output: "x", "template: :1:8: executing \"\" at <1>: undefined variable: $x"),
    ErrorCase("partialOutputBeforeError", "abc{{.n.x}}def", ["n": nil], output: "abc", "template: :1:7: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("partialOutputInRange", "{{range .}}{{.x}},{{end}}", [["x": 1], ["x": 2], "s"], output: "1,2,", "template: :1:13: executing \"\" at <.x>: can't evaluate field x in type interface {}"),
    ErrorCase("errorPositionOnLaterLine", "line1\nline2 {{.a}}\n  {{.n.x}}", ["a": 1, "n": nil], output: "line1\nline2 1\n  ", "template: :3:6: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorColumnCountsBytes", "é€{{.n.x}}", ["n": nil], output: "é€", "template: :1:9: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorInDefinedTemplate", "{{define \"t\"}}\n  {{.a.b}}{{end}}{{template \"t\" .}}", ["a": nil], output: "\n  ", "template: :2:6: executing \"t\" at <.a.b>: nil pointer evaluating interface {}.b"),
    ErrorCase("errorUsesTemplateName", "x\n{{index .a 5}}", ["a": []], name: "webhook.tmpl", output: "x\n", "template: webhook.tmpl:2:2: executing \"webhook.tmpl\" at <index .a 5>: error calling index: index out of range: 5"),
    ErrorCase("errorInDefinedTemplateNamed", "{{define \"t\"}}{{len .}}{{end}}{{template \"t\" 3}}", .missing, name: "main", output: "", "template: main:1:16: executing \"t\" at <len .>: error calling len: len of type int"),
    ErrorCase("errorNodeShowsPipeline", "{{printf \"%d\" (index .a 9) | len}}", ["a": []], output: "", "template: :1:15: executing \"\" at <index .a 9>: error calling index: index out of range: 9"),
    ErrorCase("errorNodeIsNotTruncated", "{{index .aVeryLongFieldName .anotherLongFieldName .yetAnotherOne}}", ["aVeryLongFieldName": [], "anotherLongFieldName": 1, "yetAnotherOne": 2], output: "", "template: :1:2: executing \"\" at <index .aVeryLongFieldName .anotherLongFieldName .yetAnotherOne>: error calling index: index out of range: 1"),
    ErrorCase("errorInIfCondition", "{{if .n.x}}y{{end}}", ["n": nil], output: "", "template: :1:7: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorInRangePipeline", "{{range .n.x}}y{{end}}", ["n": nil], output: "", "template: :1:10: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorInWithPipeline", "{{with index .a 3}}y{{end}}", ["a": []], output: "", "template: :1:7: executing \"\" at <index .a 3>: error calling index: index out of range: 3"),
    ErrorCase("errorInTemplateArgument", "{{define \"t\"}}{{end}}{{template \"t\" .n.x}}", ["n": nil], output: "", "template: :1:38: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("toJsonWithoutArgument", "{{toJson}}", .missing, output: "", "template: :1:2: executing \"\" at <toJson>: wrong number of args for toJson: want 1 got 0"),
]

private let positionErrorCases: [ErrorCase] = [
    ErrorCase("uintConstantOverflowsInt", "{{18446744073709551615}}", .missing, output: "", "template: :1:2: executing \"\" at <18446744073709551615>: 18446744073709551615 overflows int"),
    ErrorCase("errorInMultiLineAction", "a\n{{if\n  .n.x}}b{{end}}", ["n": nil], output: "a\n", "template: :3:4: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorAfterCRLF", "a\r\n{{.n.x}}", ["n": nil], output: "a\r\n", "template: :2:4: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorInChainNode", "{{(index .a 0).x.y}}", ["a": [["x": nil]]], output: "", "template: :1:12: executing \"\" at <0>: nil pointer evaluating interface {}.y"),
    ErrorCase("errorInVariableChain", "{{$v := .}}{{$v.n.x}}", ["n": nil], output: "", "template: :1:15: executing \"\" at <$v.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("indexStringOutOfRange", "{{index \"abc\" 5}}", .missing, output: "", "template: :1:2: executing \"\" at <index \"abc\" 5>: error calling index: index out of range: 5"),
    ErrorCase("errorInsideParenthesizedArgument", "{{printf \"%v\" (len .i)}}", ["i": 1], output: "", "template: :1:15: executing \"\" at <len .i>: error calling len: len of type int64"),
    ErrorCase("errorInSecondPipelineStage", "{{.a | index .m}}", ["a": "k", "m": []], output: "", "template: :1:7: executing \"\" at <index .m>: error calling index: cannot index slice/array with type string"),
    ErrorCase("errorInElseIfCondition", "{{if .a}}x{{else if .n.x}}y{{end}}", ["n": nil], output: "", "template: :1:22: executing \"\" at <.n.x>: nil pointer evaluating interface {}.x"),
    ErrorCase("errorNodeDollarChain", "{{with .a}}{{$.n.x}}{{end}}", ["a": 1, "n": nil], output: "", "template: :1:14: executing \"\" at <$.n.x>: nil pointer evaluating interface {}.x"),
]
