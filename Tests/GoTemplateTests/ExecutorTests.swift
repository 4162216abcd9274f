// Execution of actions, branches, loops, variables, pipelines and nested templates. Expected
// outputs come from Go 1.19's text/template (the conformance oracle, `/tmp/oracle batch`) run on
// the same template and JSON data; the data literals below follow the oracle's data model
// (integer literals are int64, float literals float64, `nil` is JSON null, `.missing` no data).
// The Go 1.22/1.23 features at the end follow Go's documentation and sources.

import Testing
@testable import GoTemplate

struct ExecCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let data: Value
    let name: String
    let output: String

    init(_ id: String, _ text: String, _ data: Value, name: String = "", _ output: String) {
        self.id = id
        self.text = text
        self.data = data
        self.name = name
        self.output = output
    }

    var testDescription: String { id }
}

/// A case whose execution fails: Go's partial output and full error message.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let data: Value
    let name: String
    let output: String
    let message: String

    init(_ id: String, _ text: String, _ data: Value, name: String = "", output: String, _ message: String) {
        self.id = id
        self.text = text
        self.data = data
        self.name = name
        self.output = output
        self.message = message
    }

    var testDescription: String { id }
}

/// The library's standard function map (`toJson`, as Flipt registers it), used by every case.
let toJsonFunctions: FunctionMap = .standard

/// Parses and renders `text` with `toJson` available; throws the parse or execution error.
func render(_ text: String, _ data: Value = .missing, name: String = "", options: Template.Options = .init(),
            functions: FunctionMap = toJsonFunctions) throws -> String {
    try Template(name: name, text: text, functions: functions, options: options).render(data)
}

/// Parses and executes `text`, expecting an execution error; returns the partial output and the error,
/// or nil (after recording an issue) when parsing fails or execution succeeds.
func failingExecution(_ text: String, _ data: Value = .missing, name: String = "", options: Template.Options = .init(),
                      functions: FunctionMap = toJsonFunctions, sourceLocation: SourceLocation = #_sourceLocation)
    -> (output: String, error: TemplateError)?
{
    let template: Template
    do {
        template = try Template(name: name, text: text, functions: functions, options: options)
    } catch {
        Issue.record("unexpected parse error: \(error.message)", sourceLocation: sourceLocation)
        return nil
    }
    var output: [UInt8] = []
    do {
        try template.execute(data, into: &output)
    } catch {
        return (String(decoding: output, as: UTF8.self), error)
    }
    Issue.record("expected an execution error, got output \(String(decoding: output, as: UTF8.self).debugDescription)",
                 sourceLocation: sourceLocation)
    return nil
}

/// Checks an error case: execution phase, Go's message, Go's partial output.
func expectFailure(_ c: ErrorCase, options: Template.Options = .init(), sourceLocation: SourceLocation = #_sourceLocation) {
    guard let (output, error) = failingExecution(c.text, c.data, name: c.name, options: options,
                                                 sourceLocation: sourceLocation) else { return }
    #expect(error.phase == .execution, sourceLocation: sourceLocation)
    #expect(error.message == c.message, sourceLocation: sourceLocation)
    #expect(output == c.output, sourceLocation: sourceLocation)
}

@Suite("Executor")
struct ExecutorTests {
    @Test("fields, chained fields, missing keys and default printing", arguments: fieldCases)
    func fields(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("if, else if, with and else", arguments: conditionalCases)
    func conditionals(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("range over arrays and maps, $i $v, else, break and continue", arguments: rangeCases)
    func ranges(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("variables: declaration, assignment, scope and $", arguments: variableCases)
    func variables(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("pipelines, parenthesized pipelines and constants", arguments: pipelineCases)
    func pipelines(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("constants in every Go syntax: ints, floats, chars, strings", arguments: constantCases)
    func constants(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("layout: newlines in actions, trimming, key order, variable reuse", arguments: layoutCases)
    func layout(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("define, template and block, with $ and dot inside them", arguments: templateCases)
    func nestedTemplates(_ c: ExecCase) throws {
        #expect(try render(c.text, c.data, name: c.name) == c.output)
    }

    @Test("a template executes any number of times with different data")
    func reusableTemplate() throws {
        let template = try Template(text: "{{range .}}{{.}},{{end}}")
        #expect(try template.render([1, 2]) == "1,2,")
        #expect(try template.render(["a"]) == "a,")
        #expect(try template.render([]) == "")
    }

    @Test("execute appends to the existing output buffer")
    func executeAppends() throws {
        let template = try Template(text: "{{.}}")
        var output = Array("prefix:".utf8)
        try template.execute("x", into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "prefix:x")
    }

    @Test("render(templateNamed:) executes a defined template (Go's ExecuteTemplate)")
    func executeNamedTemplate() throws {
        let template = try Template(name: "main", text: "M{{define \"sub\"}}S{{.}}{{end}}")
        #expect(try template.render(1, templateNamed: "sub") == "S1")
        #expect(try template.render(1) == "M")
    }

    // MARK: Newer Go (documented behaviour; the Go 1.19 oracle rejects these)

    @Test("{{else with}} (Go 1.23) picks the first non-empty branch",
          arguments: elseWithCases)
    func elseWith(_ data: Value, _ expected: String) throws {
        #expect(try render("{{with .a}}A{{else with .b}}B{{else}}C{{end}}", data) == expected)
    }

    @Test("{{else with}} sets dot to its own value")
    func elseWithSetsDot() throws {
        #expect(try render("{{with .a}}{{.}}{{else with .b}}[{{.}}]{{end}}", ["b": "bee"]) == "[bee]")
        #expect(try render("{{with .a}}{{.}}{{else with .b}}[{{.}}]{{end}}", ["a": "ay", "b": "bee"]) == "ay")
    }

    @Test("range over an integer is Go 1.19's error, constant or from the data (a huge one would never end)",
          arguments: rangeIntegerCases)
    func rangeInteger(_ text: String, _ data: Value, _ expected: String) throws {
        guard let (output, error) = failingExecution(text, data) else { return }
        #expect(output.isEmpty)
        #expect(error.message.hasSuffix(expected), "\(error.message)")
    }
}

private let fieldCases: [ExecCase] = [
    ExecCase("dot", "{{.}}", "hello", "hello"),
    ExecCase("nilDataDot", "{{.}}", .missing, "<no value>"),
    ExecCase("nilDataField", "{{.x}}", .missing, "<no value>"),
    ExecCase("mapField", "{{.a}}", ["a": "x"], "x"),
    ExecCase("chainedFields", "{{.a.b.c}}", ["a": ["b": ["c": 7]]], "7"),
    ExecCase("missingKey", "{{.nope}}", ["a": 1], "<no value>"),
    ExecCase("missingKeyChain", "{{.nope.deeper}}", ["a": 1], "<no value>"),
    ExecCase("nullKey", "{{.n}}", ["n": nil], "<no value>"),
    ExecCase("dollarField", "{{with .a}}{{$.b}}{{end}}", ["a": 1, "b": "B"], "B"),
    ExecCase("variableField", "{{$x := .a}}{{$x.b}}", ["a": ["b": "nested"]], "nested"),
    ExecCase("parenthesizedChain", "{{(index .list 1).name}}", ["list": [["name": "a"], ["name": "b"]]], "b"),
    ExecCase("fieldOfPipelineResult", "{{(.a).b}}", ["a": ["b": 2]], "2"),
    ExecCase("unicodeKey", "{{.héllo}}", ["héllo": "wörld"], "wörld"),
    ExecCase("numericLookingKeyViaIndex", "{{index . \"1\"}}", ["1": "one"], "one"),
    ExecCase("textOnly", "plain text\n", .missing, "plain text\n"),
    ExecCase("commentOnly", "a{{/* comment */}}b", .missing, "ab"),
    ExecCase("trimmedActions", "a  {{- .x -}}  b", ["x": 1], "a1b"),
    ExecCase("trimmedNewlines", "{{range .l -}}\n  {{.}}\n{{- end}}", ["l": [1, 2]], "12"),
    ExecCase("printsFloatsLikeGo", "{{.a}} {{.b}} {{.c}} {{.d}} {{.e}}", ["a": 2.0, "b": 1000000.0, "c": 1e-06, "d": -0.0, "e": 1e+21], "2 1e+06 1e-06 -0 1e+21"),
    ExecCase("printsMap", "{{.}}", ["b": [1, 2], "a": 1, "c": ["d": nil]], "map[a:1 b:[1 2] c:map[d:<nil>]]"),
    ExecCase("printsArray", "{{.}}", [1, "a", nil, true, 2.5], "[1 a <nil> true 2.5]"),
    ExecCase("printsBoolsAndNull", "{{.t}} {{.f}} {{.n}}", ["t": true, "f": false, "n": nil], "true false <no value>"),
    ExecCase("largeInteger", "{{.a}} {{.b}}", ["a": 9223372036854775807, "b": 9.223372036854776e+18], "9223372036854775807 9.223372036854776e+18"),
]

private let conditionalCases: [ExecCase] = [
    ExecCase("ifTrue", "{{if .t}}yes{{end}}", ["t": true], "yes"),
    ExecCase("ifFalse", "{{if .f}}yes{{else}}no{{end}}", ["f": false], "no"),
    ExecCase("ifMissing", "{{if .nope}}yes{{else}}no{{end}}", [:], "no"),
    ExecCase("ifNull", "{{if .n}}yes{{else}}no{{end}}", ["n": nil], "no"),
    ExecCase("ifZeroInt", "{{if .z}}yes{{else}}no{{end}}", ["z": 0], "no"),
    ExecCase("ifZeroFloat", "{{if .z}}yes{{else}}no{{end}}", ["z": 0.0], "no"),
    ExecCase("ifNegativeZeroFloat", "{{if .z}}yes{{else}}no{{end}}", ["z": -0.0], "no"),
    ExecCase("ifEmptyString", "{{if .s}}yes{{else}}no{{end}}", ["s": ""], "no"),
    ExecCase("ifEmptyArray", "{{if .a}}yes{{else}}no{{end}}", ["a": []], "no"),
    ExecCase("ifEmptyMap", "{{if .m}}yes{{else}}no{{end}}", ["m": [:]], "no"),
    ExecCase("ifNonEmptyMap", "{{if .m}}yes{{else}}no{{end}}", ["m": ["k": nil]], "yes"),
    ExecCase("ifConstants", "{{if 0}}a{{end}}{{if 1}}b{{end}}{{if \"\"}}c{{end}}{{if \"x\"}}d{{end}}", .missing, "bd"),
    ExecCase("elseIfChain", "{{if .a}}A{{else if .b}}B{{else if .c}}C{{else}}D{{end}}", ["c": 1], "C"),
    ExecCase("elseIfFallsThrough", "{{if .a}}A{{else if .b}}B{{else}}D{{end}}", [:], "D"),
    ExecCase("ifWithPipeline", "{{if eq .a 1 | not}}x{{else}}y{{end}}", ["a": 1], "y"),
    ExecCase("ifDeclaresVariable", "{{if $x := .a}}{{$x}}{{else}}none{{$x}}{{end}}", ["a": 0], "none0"),
    ExecCase("withSetsDot", "{{with .a}}{{.b}}{{end}}", ["a": ["b": "inner"]], "inner"),
    ExecCase("withElse", "{{with .a}}yes{{else}}no {{.}}{{end}}", ["a": ""], "no map[a:]"),
    ExecCase("withVariable", "{{with $v := .a}}{{$v}}-{{.}}{{end}}", ["a": 5], "5-5"),
    ExecCase("withKeepsDotInElse", "{{with .nope}}x{{else}}{{.k}}{{end}}", ["k": "outer"], "outer"),
    ExecCase("nestedWithRestoresDot", "{{with .a}}{{with .b}}{{.}}{{end}}{{.c}}{{end}}", ["a": ["b": 1, "c": 2]], "12"),
]

private let rangeCases: [ExecCase] = [
    ExecCase("rangeArray", "{{range .}}[{{.}}]{{end}}", [1, 2, 3], "[1][2][3]"),
    ExecCase("rangeArrayIndexAndValue", "{{range $i, $v := .}}{{$i}}={{$v}} {{end}}", ["a", "b"], "0=a 1=b "),
    ExecCase("rangeArrayOneVariableIsElement", "{{range $v := .}}{{$v}}{{end}}", ["a", "b"], "ab"),
    ExecCase("rangeMapSortedKeys", "{{range $k, $v := .}}{{$k}}:{{$v}},{{end}}", ["b": 2, "a": 1, "C": 3, "aa": 0], "C:3,a:1,aa:0,b:2,"),
    ExecCase("rangeMapValues", "{{range .}}{{.}}{{end}}", ["z": 1, "y": 2], "21"),
    ExecCase("rangeEmptyElse", "{{range .}}x{{else}}empty{{end}}", [], "empty"),
    ExecCase("rangeEmptyMapElse", "{{range .}}x{{else}}empty{{end}}", [:], "empty"),
    ExecCase("rangeMissingElse", "{{range .nope}}x{{else}}none{{end}}", [:], "none"),
    ExecCase("rangeNullElse", "{{range .n}}x{{else}}none{{end}}", ["n": nil], "none"),
    ExecCase("rangeBreak", "{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}", [1, 2, 3, 4], "12"),
    ExecCase("rangeContinue", "{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}", [1, 2, 3], "13"),
    ExecCase("breakInNestedRangeOnlyInner", "{{range .}}{{range .}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}};{{end}}", [[1, 2, 3], [4, 2]], "1;4;"),
    ExecCase("continueInsideWithInRange", "{{range .}}{{with .}}{{continue}}{{end}}{{.}}{{end}}", [0, 1, "", "a"], "0"),
    ExecCase("rangeDotRestoredAfter", "{{range .l}}{{.}}{{end}}{{.x}}", ["l": [1], "x": "after"], "1after"),
    ExecCase("rangeDollarInside", "{{range .l}}{{$.x}}{{.}}{{end}}", ["l": [1, 2], "x": "$"], "$1$2"),
    ExecCase("rangeOverPipeline", "{{range index . \"l\"}}{{.}}{{end}}", ["l": ["p", "q"]], "pq"),
    ExecCase("rangeNested", "{{range $i, $r := .}}{{range $j, $c := $r}}{{$i}}{{$j}}{{$c}} {{end}}{{end}}", [["a", "b"], ["c"]], "00a 01b 10c "),
    ExecCase("rangeAssignsOuterVariable", "{{$last := \"\"}}{{range .}}{{$last = .}}{{end}}{{$last}}", ["a", "b", "c"], "c"),
    ExecCase("rangeAssignExistingVariables", "{{$i := 0}}{{$v := 0}}{{range $i, $v = .}}{{end}}{{$i}} {{$v}}", ["x", "y"], "1 y"),
    ExecCase("rangeMapIndexVariableIsKey", "{{range $k, $_ := .}}{{printf \"%T\" $k}}{{end}}", ["a": 1], "string"),
    ExecCase("rangeIndexIsInt", "{{range $i, $_ := .}}{{printf \"%T\" $i}}{{end}}", ["a"], "int"),
    ExecCase("rangeElementTypes", "{{range .}}{{printf \"%T \" .}}{{end}}", [1, 1.5, "s", true, nil, [], [:]], "int64 float64 string bool <nil> []interface {} map[string]interface {} "),
]

private let variableCases: [ExecCase] = [
    ExecCase("declareAndUse", "{{$x := 1}}{{$x}}", .missing, "1"),
    ExecCase("assignChangesValue", "{{$x := 1}}{{$x = 2}}{{$x}}", .missing, "2"),
    ExecCase("declareShadowsInsideIf", "{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}", .missing, "21"),
    ExecCase("assignInsideIfChangesOuter", "{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", .missing, "2"),
    ExecCase("assignInsideWithChangesOuter", "{{$x := \"a\"}}{{with .}}{{$x = .}}{{end}}{{$x}}", "b", "b"),
    ExecCase("declarationPrintsNothing", "[{{$x := \"hidden\"}}]", .missing, "[]"),
    ExecCase("assignmentPrintsNothing", "{{$x := 1}}[{{$x = 2}}]", .missing, "[]"),
    ExecCase("dollarIsData", "{{$}}", ["a": 1], "map[a:1]"),
    ExecCase("dollarFieldInWith", "{{with .a}}{{$.b}}{{end}}", ["a": 1, "b": 2], "2"),
    ExecCase("variableHoldsMap", "{{$m := .}}{{$m.k}}", ["k": "v"], "v"),
    ExecCase("variableFromPipeline", "{{$x := printf \"%d-%d\" 1 2}}{{$x}}", .missing, "1-2"),
    ExecCase("variableFromParenthesized", "{{$x := (len .)}}{{$x}}", [1, 2, 3], "3"),
    ExecCase("variableHoldingMissingKey", "{{$x := .nope}}{{$x}}|{{printf \"%v\" $x}}", [:], "<no value>|<nil>"),
    ExecCase("variableHoldingNull", "{{$x := .n}}{{$x}}|{{printf \"%v\" $x}}", ["n": nil], "<no value>|<nil>"),
]

private let pipelineCases: [ExecCase] = [
    ExecCase("pipeIntoFunction", "{{.s | printf \"%q\"}}", ["s": "hi"], "\"hi\""),
    ExecCase("pipeLastArgument", "{{\"b\" | printf \"%s%s\" \"a\"}}", .missing, "ab"),
    ExecCase("multiStagePipeline", "{{.a | len | printf \"%03d\"}}", ["a": [1, 2]], "002"),
    ExecCase("parenthesizedArguments", "{{printf \"%s-%s\" (index .l 0) (index .l 1)}}", ["l": ["x", "y"]], "x-y"),
    ExecCase("nestedParentheses", "{{len (index (index . \"a\") 0)}}", ["a": ["four"]], "4"),
    ExecCase("parenthesizedPipelineInside", "{{printf \"%v\" (.a | len)}}", ["a": "abc"], "3"),
    ExecCase("pipelineIntoNot", "{{.t | not}}", ["t": true], "false"),
    ExecCase("constantsPrint", "{{1}} {{1.5}} {{'a'}} {{\"s\"}} {{`r`}} {{true}} {{0x10}} {{1e3}} {{-0.0}} {{1_000}}", .missing, "1 1.5 97 s r true 16 1000 -0 1000"),
    ExecCase("charConstantIsInt", "{{printf \"%T %v\" 'x' 'x'}}", .missing, "int 120"),
    ExecCase("constantTypes", "{{printf \"%T %T %T %T\" 1 1.0 1e2 0x1p-2}}", .missing, "int float64 float64 float64"),
    ExecCase("dataNumberTypes", "{{printf \"%T %T %T\" .i .f .e}}", ["i": 1, "f": 1.0, "e": 100.0], "int64 float64 float64"),
    ExecCase("stringEscapes", "{{\"a\\tb\\u00e9\\x41\\n\"}}", .missing, "a\tbéA\n"),
    ExecCase("nilPrintsViaPrint", "{{print nil}}", .missing, "<nil>"),
]

private let templateCases: [ExecCase] = [
    ExecCase("defineAndCall", "{{define \"t\"}}T({{.}}){{end}}{{template \"t\" 5}}", .missing, "T(5)"),
    ExecCase("templateWithoutDataHasNilDot", "{{define \"t\"}}[{{.}}]{{end}}{{template \"t\"}}", ["a": 1], "[<no value>]"),
    ExecCase("templateDollarIsItsDot", "{{define \"t\"}}{{$}}{{end}}{{template \"t\" .a}}", ["a": "inner"], "inner"),
    ExecCase("templateVariablesDoNotLeak", "{{define \"t\"}}{{$x := 2}}{{$x}}{{end}}{{$x := 1}}{{template \"t\"}}{{$x}}", .missing, "21"),
    ExecCase("templatePipelineArgument", "{{define \"t\"}}{{.}}{{end}}{{template \"t\" .a | len}}", ["a": [1, 2, 3]], "3"),
    ExecCase("recursiveTemplate", "{{define \"r\"}}{{.n}}{{with .next}}>{{template \"r\" .}}{{end}}{{end}}{{template \"r\" .}}", ["n": 1, "next": ["n": 2, "next": ["n": 3]]], "1>2>3"),
    ExecCase("blockDefault", "{{block \"b\" .}}default {{.}}{{end}}", "dot", "default dot"),
    ExecCase("templateCallsMainByName", "{{define \"t\"}}{{if .}}{{template \"main\" false}}{{else}}end{{end}}{{end}}{{template \"t\" .}}", true, name: "main", "end"),
    ExecCase("templateInRange", "{{define \"item\"}}<{{.}}>{{end}}{{range .}}{{template \"item\" .}}{{end}}", [1, 2], "<1><2>"),
    ExecCase("definitionAfterUse", "{{template \"later\" .}}{{define \"later\"}}L{{.}}{{end}}", 1, "L1"),
    ExecCase("templateWithDollarInRange", "{{define \"t\"}}{{$}}{{end}}{{range .l}}{{template \"t\" $.x}}{{end}}", ["l": [1, 2], "x": "X"], "XX"),
    ExecCase("emptyNamedTemplate", "{{define \"e\"}}{{end}}[{{template \"e\"}}]", .missing, "[]"),
]

private let elseWithCases: [(Value, String)] = [(["a": 1], "A"), (["b": 1], "B"), (["a": 0, "b": ""], "C"), ([:], "C")]

private let rangeIntegerCases: [(String, Value, String)] = [
    ("{{range 3}}{{.}}{{end}}", [:], "range can't iterate over 3"),
    ("{{range $i, $e := 3}}{{end}}", [:], "range can't iterate over 3"),
    ("{{range .n}}{{.}}{{end}}", ["n": .int64(9_223_372_036_854_775_807)], "range can't iterate over 9223372036854775807"),
    ("{{range 0}}x{{else}}none{{end}}", [:], "range can't iterate over 0"),
    ("{{range .n}}x{{else}}none{{end}}", ["n": -2], "range can't iterate over -2"),
]

private let constantCases: [ExecCase] = [
    ExecCase("integerSyntaxes", "{{-0}} {{+5}} {{0b101}} {{0o17}} {{017}} {{0x_1F}} {{1_000}}", .missing, "0 5 5 15 15 31 1000"),
    ExecCase("floatConstantsPrint", "{{0.1}} {{1e-7}} {{123456789.0}} {{1.}} {{.5}} {{0x1p4}} {{1e100}}", .missing, "0.1 1e-07 1.23456789e+08 1 0.5 16 1e+100"),
    ExecCase("hexFloatIsFloat", "{{printf \"%T %T %T\" 0x1p4 0x10 1e3}}", .missing, "float64 int float64"),
    ExecCase("charConstants", "{{'\\n'}} {{'\\u00e9'}} {{'\\x41'}} {{'\\''}} {{'本'}}", .missing, "10 233 65 39 26412"),
    ExecCase("charConstantType", "{{printf \"%T\" '\\n'}}", .missing, "int"),
    ExecCase("stringConstantLength", "{{len \"\\u00e9\"}} {{len `\\n`}}", .missing, "2 2"),
    ExecCase("rawStringKeepsBackslashes", "{{`a\\nb`}}", .missing, "a\\nb"),
    ExecCase("stringWithNul", "{{printf \"%q\" \"a\\x00b\"}}", .missing, "\"a\\x00b\""),
    ExecCase("constantIndexOnString", "{{index \"abc\" 1}} {{slice \"abc\" 1 2}}", .missing, "98 b"),
    ExecCase("largeIntegerConstant", "{{9223372036854775807}}", .missing, "9223372036854775807"),
    ExecCase("negativeHexConstant", "{{-0x10}}", .missing, "-16"),
    ExecCase("floatThatLooksInteger", "{{1.0}} {{printf \"%T\" 1.0}} {{1e3}}", .missing, "1 float64 1000"),
]

private let layoutCases: [ExecCase] = [
    ExecCase("newlinesInsideAction", "{{.a\n|\nprintf \"%v!\"}}", ["a": 1], "1!"),
    ExecCase("trimAroundComments", "a {{- /* c */ -}} b {{- /* d */}} c", .missing, "ab c"),
    ExecCase("trimAroundElse", "{{if .t -}} yes {{- else -}} no {{- end}}", ["t": false], "no"),
    ExecCase("trimCRLF", "a \r\n{{- .x -}}\r\n b", ["x": 1], "a1b"),
    ExecCase("mapKeysSortedByBytes", "{{range $k, $v := .}}{{$k}}{{end}}", ["z": 1, "Z": 2, "é": 3, "a": 4, "_": 5, "1": 6], "1Z_azé"),
    ExecCase("printNestedEmpty", "{{.}}", ["a": [], "b": [:], "c": [[]], "d": ""], "map[a:[] b:map[] c:[[]] d:]"),
    ExecCase("printArrayOfStrings", "{{print .}} {{println .}}", ["a", "b"], "[a b] [a b]\n"),
    ExecCase("rangeVariableRedeclaredEachIteration", "{{range .}}{{$x := .}}{{$x}}{{end}}", [1, 2], "12"),
    ExecCase("assignRangeVariable", "{{range $i, $e := .}}{{$i = 5}}{{$i}}{{end}}", ["a", "b"], "55"),
    ExecCase("rawStringTemplateName", "{{define `a b`}}AB{{end}}{{template `a b`}}", .missing, "AB"),
    ExecCase("urlqueryNoArgs", "[{{urlquery}}]", .missing, "[]"),
    ExecCase("dollarInsideDefineIsArgument", "{{define \"t\"}}{{range .}}{{$}}{{end}}{{end}}{{template \"t\" .l}}", ["l": [1, 2]], "[1 2][1 2]"),
]

/// Complex constants parse as in Go, but executing one is an error: the data model has no
/// complex numbers (see the README's template reference).
@Test("complex constants parse but do not execute")
func complexConstantsAreRejectedAtExecution() throws {
    let template = try Template(text: "a{{1+2i}}")
    var output: [UInt8] = []
    #expect(throws: TemplateError.self) { try template.execute(.missing, into: &output) }
    #expect(String(decoding: output, as: UTF8.self) == "a")
}
