// Parse trees and parse errors. Expected trees are Go 1.19's `Tree.Root.String()` for every
// template of the set (`template.New(name).Funcs(toJson).Parse(text)`); expected errors are the
// `err.Error()` text of the same call.

import Testing
@testable import GoTemplate

struct TreeCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let name: String
    let trees: [String: String]

    init(_ id: String, _ text: String, name: String, _ trees: [String: String]) {
        self.id = id
        self.text = text
        self.name = name
        self.trees = trees
    }

    var testDescription: String { id }
}

struct ParseErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let name: String
    let message: String

    init(_ id: String, _ text: String, name: String, _ message: String) {
        self.id = id
        self.text = text
        self.name = name
        self.message = message
    }

    var testDescription: String { id }
}

/// The parse error `text` raises, or nil when it parses.
func parseError(_ text: String, name: String = "", functions: FunctionMap = toJsonFunctions) -> TemplateError? {
    do {
        _ = try Template(name: name, text: text, functions: functions)
        return nil
    } catch {
        return error
    }
}

@Suite("Parser")
struct ParserTests {
    @Test("parse trees print as Go's Tree.Root.String()", arguments: treeCases)
    func tree(_ c: TreeCase) throws {
        let template = try Template(name: c.name, text: c.text, functions: toJsonFunctions)
        var printed: [String: String] = [:]
        for (name, tree) in template.storage.trees { printed[name] = tree.root.description }
        #expect(printed == c.trees)
        #expect(template.templateNames == c.trees.keys.sorted())
    }

    @Test("parse errors carry Go's message and line", arguments: parseErrorCases)
    func parseErrorMessage(_ c: ParseErrorCase) {
        let error = parseError(c.text, name: c.name)
        #expect(error?.message == c.message)
        #expect(error?.phase == .parse)
    }

    @Test("a custom function named break does not shadow the keyword (Go 1.19 lexes it first)")
    func customBreakFunction() {
        let noop = TemplateFunction(arity: .atLeast(0)) { _ in .string("") }
        let error = parseError("{{break 1}}", functions: ["break": noop, "continue": noop])
        #expect(error?.message == "template: :1: unexpected \"1\" in {{break}}")
    }

    @Test("a custom function is resolved at parse time")
    func customFunctionDefined() throws {
        let upper = TemplateFunction(arity: .exactly(1)) { args in
            if case .string(let s) = args[0] { return .string(s.uppercased()) }
            return args[0]
        }
        let template = try Template(text: "{{upper .}}", functions: ["upper": upper])
        #expect(try template.render("abc") == "ABC")
    }

    @Test("the {{else with}} chain of Go 1.23 parses as a nested with")
    func elseWithChain() throws {
        let template = try Template(text: "{{with .a}}A{{else with .b}}B{{else}}C{{end}}")
        #expect(template.storage.trees[""]?.root.description == "{{with .a}}A{{else}}{{with .b}}B{{else}}C{{end}}{{end}}")
    }

    @Test("short texts that nest deep parse, run and are freed on a Swift task's stack without overflowing it")
    func deepNestingInShortText() async throws {
        // Under 8 KiB, 3000 levels: past what a cooperative thread's stack holds in plain recursion.
        let parens = "{{" + String(repeating: "(", count: 3000) + ".n" + String(repeating: ")", count: 3000) + "}}"
        let ifs = String(repeating: "{{if 1}}", count: 900) + "x" + String(repeating: "{{end}}", count: 900)
        let rendered = try await Task.detached {
            try [parens, ifs].map { text in try Template(text: text).render(.map(ValueMap([("n", .int(7))]))) }
        }.value
        #expect(rendered == ["7", "x"])
        let tooDeep = "{{" + String(repeating: "(", count: Parser.maxNesting + 1) + "1" + String(repeating: ")", count: Parser.maxNesting + 1) + "}}"
        #expect(parseError(tooDeep)?.message == "template: :1: nesting deeper than 10000 levels")
    }

    @Test("{{else with}} after {{else}} is an error like {{else if}}")
    func elseWithAfterElse() {
        let error = parseError("{{with .a}}{{else}}{{else with .b}}{{end}}")
        #expect(error?.message == "template: :1: expected end; found {{else}}")
    }
}

private let treeCases: [TreeCase] = [
    TreeCase("empty", "", name: "", ["": ""]),
    TreeCase("comment", "{{/*\n\n\n*/}}", name: "", ["": ""]),
    TreeCase("text", "some text", name: "", ["": "some text"]),
    TreeCase("field", "{{.X}}", name: "", ["": "{{.X}}"]),
    TreeCase("simpleCommand", "{{printf}}", name: "", ["": "{{printf}}"]),
    TreeCase("dollar", "{{$}}", name: "", ["": "{{$}}"]),
    TreeCase("variableWithFields", "{{$.I}}", name: "", ["": "{{$.I}}"]),
    TreeCase("multiWordCommand", "{{printf `%d` 23}}", name: "", ["": "{{printf `%d` 23}}"]),
    TreeCase("pipeline", "{{.X|.Y}}", name: "", ["": "{{.X | .Y}}"]),
    TreeCase("pipelineWithDeclaration", "{{$x := .X|.Y}}", name: "", ["": "{{$x := .X | .Y}}"]),
    TreeCase("assignmentPrintsAsDeclaration", "{{$x := 1}}{{$x = 2}}", name: "", ["": "{{$x := 1}}{{$x := 2}}"]),
    TreeCase("nestedPipeline", "{{.X (.Y .Z) (.A | .B .C) (.E)}}", name: "", ["": "{{.X (.Y .Z) (.A | .B .C) (.E)}}"]),
    TreeCase("fieldOfParentheses", "{{(.Y .Z).Field}}", name: "", ["": "{{(.Y .Z).Field}}"]),
    TreeCase("simpleIf", "{{if .X}}hello{{end}}", name: "", ["": "{{if .X}}hello{{end}}"]),
    TreeCase("ifElse", "{{if .X}}true{{else}}false{{end}}", name: "", ["": "{{if .X}}true{{else}}false{{end}}"]),
    TreeCase("ifElseIf", "{{if .X}}true{{else if .Y}}false{{end}}", name: "", ["": "{{if .X}}true{{else}}{{if .Y}}false{{end}}{{end}}"]),
    TreeCase("ifElseChain", "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+", name: "", ["": "+{{if .X}}X{{else}}{{if .Y}}Y{{else}}{{if .Z}}Z{{end}}{{end}}{{end}}+"]),
    TreeCase("simpleRange", "{{range .X}}hello{{end}}", name: "", ["": "{{range .X}}hello{{end}}"]),
    TreeCase("chainedFieldRange", "{{range .X.Y.Z}}hello{{end}}", name: "", ["": "{{range .X.Y.Z}}hello{{end}}"]),
    TreeCase("nestedRange", "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}", name: "", ["": "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}"]),
    TreeCase("rangeElse", "{{range .X}}true{{else}}false{{end}}", name: "", ["": "{{range .X}}true{{else}}false{{end}}"]),
    TreeCase("rangeOneVariable", "{{range $x := .SI}}{{.}}{{end}}", name: "", ["": "{{range $x := .SI}}{{.}}{{end}}"]),
    TreeCase("rangeTwoVariables", "{{range $x, $y := .SI}}{{$x}}{{$y}}{{end}}", name: "", ["": "{{range $x, $y := .SI}}{{$x}}{{$y}}{{end}}"]),
    TreeCase("rangeBreakContinue", "{{range .SI}}{{.}}{{break}}{{ continue }}{{end}}", name: "", ["": "{{range .SI}}{{.}}{{break}}{{continue}}{{end}}"]),
    TreeCase("constants", "{{printf .SI 1 -3.2i true false 'a' nil \"s\" `r`}}", name: "", ["": "{{printf .SI 1 -3.2i true false 'a' nil \"s\" `r`}}"]),
    TreeCase("numberSyntaxesKeepText", "{{printf 0x1F 0o17 0b1 1_000 1e3 .5 0x1p-2 'x'}}", name: "", ["": "{{printf 0x1F 0o17 0b1 1_000 1e3 .5 0x1p-2 'x'}}"]),
    TreeCase("templateCall", "{{template `x`}}", name: "", ["": "{{template \"x\"}}"]),
    TreeCase("templateWithArgument", "{{template \"x\" .Y}}", name: "", ["": "{{template \"x\" .Y}}"]),
    TreeCase("with", "{{with .X}}hello{{end}}", name: "", ["": "{{with .X}}hello{{end}}"]),
    TreeCase("withElse", "{{with .X}}hello{{else}}goodbye{{end}}", name: "", ["": "{{with .X}}hello{{else}}goodbye{{end}}"]),
    TreeCase("trimLeftAndRight", "x \r\n\t{{- 3 -}}\n\n\ty", name: "", ["": "x{{3}}y"]),
    TreeCase("trimWithExtraSpaces", "x\n{{-  3   -}}\ny", name: "", ["": "x{{3}}y"]),
    TreeCase("commentTrimLeftAndRight", "x \r\n\t{{- /* */ -}}\n\n\ty", name: "", ["": "xy"]),
    TreeCase("blockDefinition", "{{block \"foo\" .}}hello{{end}}", name: "", ["": "{{template \"foo\" .}}", "foo": "hello"]),
    TreeCase("defineAndCall", "a{{define \"t\"}}T{{.}}{{end}}b{{template \"t\" 1}}", name: "", ["": "ab{{template \"t\" 1}}", "t": "T{{.}}"]),
    TreeCase("newlineInAssignment", "{{ $x \n := \n 1 \n }}", name: "", ["": "{{$x := 1}}"]),
    TreeCase("variableScopeInWith", "{{with $x := 3}}{{$x}}{{end}}{{$x := 4}}{{$x}}", name: "", ["": "{{with $x := 3}}{{$x}}{{end}}{{$x := 4}}{{$x}}"]),
    TreeCase("variableInsideDefineStartsFresh", "{{$x := 1}}{{define \"t\"}}{{$x := 2}}{{$x}}{{end}}{{$x}}", name: "", ["": "{{$x := 1}}{{$x}}", "t": "{{$x := 2}}{{$x}}"]),
    TreeCase("chainOnVariable", "{{$x := .}}{{$x.a.b}}", name: "", ["": "{{$x := .}}{{$x.a.b}}"]),
    TreeCase("chainOnParenthesized", "{{(index .a 0).b.c}}", name: "", ["": "{{(index .a 0).b.c}}"]),
    TreeCase("stringEscapesKeepQuotedForm", "{{printf \"\\x41\\u00e9\\n\"}}", name: "", ["": "{{printf \"\\x41\\u00e9\\n\"}}"]),
    TreeCase("emptyDefineIsIgnoredByRedefinition", "{{define \"a\"}}{{end}}{{define \"a\"}}x{{end}}", name: "", ["": "", "a": "x"]),
    TreeCase("redefinitionWithEmptyKeepsFirst", "{{define \"a\"}}x{{end}}{{define \"a\"}} {{end}}", name: "", ["": "", "a": "x"]),
    TreeCase("elseWithNewerGo", "{{with .a}}A{{else}}{{with .b}}B{{end}}{{end}}", name: "", ["": "{{with .a}}A{{else}}{{with .b}}B{{end}}{{end}}"]),
    TreeCase("spacesInsideParens", "{{( printf  \"a\" ) }}", name: "", ["": "{{(printf \"a\")}}"]),
    TreeCase("toJsonIsDefined", "{{toJson .}}", name: "", ["": "{{toJson .}}"]),
    TreeCase("emptyDefineIsKept", "{{define \"b\"}}{{end}}{{define \"a\"}}x{{end}}", name: "", ["": "", "a": "x", "b": ""]),
    TreeCase("emptyBlockReplacedByDefine", "{{block \"b\" .}}{{end}}{{define \"b\"}}y{{end}}", name: "m", ["b": "y", "m": "{{template \"b\" .}}"]),
    TreeCase("breakInsideRangeInsideDefine", "{{define \"t\"}}{{range .}}{{break}}{{end}}{{end}}", name: "", ["": "", "t": "{{range .}}{{break}}{{end}}"]),
    TreeCase("definedName", "x{{template \"named\" .}}", name: "named", ["named": "x{{template \"named\" .}}"]),
    TreeCase("assignToUndeclared", "{{$x = 1}}", name: "", ["": "{{$x := 1}}"]),
    TreeCase("nilCommand", "{{nil}}", name: "", ["": "{{nil}}"]),
]

private let parseErrorCases: [ParseErrorCase] = [
    ParseErrorCase("unclosedAction", "hello{{range", name: "", "template: :1: unclosed action"),
    ParseErrorCase("unmatchedEnd", "{{end}}", name: "", "template: :1: unexpected {{end}}"),
    ParseErrorCase("unmatchedElse", "{{else}}", name: "", "template: :1: unexpected {{else}}"),
    ParseErrorCase("unmatchedElseAfterIf", "{{if .X}}hello{{end}}{{else}}", name: "", "template: :1: unexpected {{else}}"),
    ParseErrorCase("multipleElse", "{{if .X}}1{{else}}2{{else}}3{{end}}", name: "", "template: :1: expected end; found {{else}}"),
    ParseErrorCase("missingEnd", "hello{{range .x}}", name: "", "template: :1: unexpected EOF"),
    ParseErrorCase("missingEndAfterElse", "hello{{range .x}}{{else}}", name: "", "template: :1: unexpected EOF"),
    ParseErrorCase("undefinedFunction", "hello{{undefined}}", name: "", "template: :1: function \"undefined\" not defined"),
    ParseErrorCase("undefinedFunctionUpper", "{{upper .x}}", name: "", "template: :1: function \"upper\" not defined"),
    ParseErrorCase("toJsonIsCaseSensitive", "{{tojson .x}}", name: "", "template: :1: function \"tojson\" not defined"),
    ParseErrorCase("undefinedVariable", "{{$x}}", name: "", "template: :1: undefined variable \"$x\""),
    ParseErrorCase("variableUndefinedAfterEnd", "{{with $x := 4}}{{end}}{{$x}}", name: "", "template: :1: undefined variable \"$x\""),
    ParseErrorCase("variableUndefinedAfterRangeEnd", "{{range $i, $e := .}}{{end}}{{$e}}", name: "", "template: :1: undefined variable \"$e\""),
    ParseErrorCase("variableUndefinedInDefine", "{{$x := 1}}{{define \"t\"}}{{$x}}{{end}}", name: "", "template: :1: undefined variable \"$x\""),
    ParseErrorCase("templateNameVariable", "{{template $v}}", name: "", "template: :1: unexpected \"$v\" in template clause"),
    ParseErrorCase("declareWithField", "{{with $x.Y := 4}}{{end}}", name: "", "template: :1: undefined variable \"$x\""),
    ParseErrorCase("templateNameField", "{{template .X}}", name: "", "template: :1: unexpected \".X\" in template clause"),
    ParseErrorCase("invalidPunctuation", "{{printf 3, 4}}", name: "", "template: :1: unexpected \",\" in operand"),
    ParseErrorCase("multiDeclarationOutsideRange", "{{with $v, $u := 3}}{{end}}", name: "", "template: :1: too many declarations in with"),
    ParseErrorCase("tooManyDeclarationsInRange", "{{range $u, $v, $w := 3}}{{end}}", name: "", "template: :1: too many declarations in range"),
    ParseErrorCase("dotAppliedToParentheses", "{{printf (printf .).}}", name: "", "template: :1: unexpected <.> in operand"),
    ParseErrorCase("adjacentArguments", "{{printf 3`x`}}", name: "", "template: :1: unexpected \"`x`\" in operand"),
    ParseErrorCase("adjacentArgumentsWithDot", "{{printf `x`.}}", name: "", "template: :1: unexpected <.> in operand"),
    ParseErrorCase("extraEndAfterIf", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}", name: "", "template: :1: unexpected {{end}}"),
    ParseErrorCase("breakOutsideRange", "{{range .}}{{end}} {{break}}", name: "", "template: :1: {{break}} outside {{range}}"),
    ParseErrorCase("continueOutsideRange", "{{range .}}{{end}} {{continue}}", name: "", "template: :1: {{continue}} outside {{range}}"),
    ParseErrorCase("breakInRangeElse", "{{range .}}{{else}}{{break}}{{end}}", name: "", "template: :1: {{break}} outside {{range}}"),
    ParseErrorCase("breakWithArgument", "{{range .}}{{break 1}}{{end}}", name: "", "template: :1: unexpected \"1\" in {{break}}"),
    ParseErrorCase("plusAssign", "{{$x := 0}}{{$x += 1}}{{$x}}", name: "", "template: :1: illegal number syntax: \"+\""),
    ParseErrorCase("bangOperator", "{{$x := 0}}{{$x ! 2}}{{$x}}", name: "", "template: :1: unexpected \"!\" in operand"),
    ParseErrorCase("doubleDeclaration", "{{range $x := $y := 3}}{{end}}", name: "", "template: :1: undefined variable \"$y\""),
    ParseErrorCase("dotAfterInteger", "{{1.E}}", name: "", "template: :1: illegal number syntax: \"1.E\""),
    ParseErrorCase("dotAfterFloat", "{{0.1.E}}", name: "", "template: :1: unexpected . after term \"0.1\""),
    ParseErrorCase("dotAfterBoolean", "{{true.E}}", name: "", "template: :1: unexpected . after term \"true\""),
    ParseErrorCase("dotAfterChar", "{{'a'.any}}", name: "", "template: :1: unexpected . after term \"'a'\""),
    ParseErrorCase("dotAfterString", "{{\"hello\".guys}}", name: "", "template: :1: unexpected . after term \"\\\"hello\\\"\""),
    ParseErrorCase("dotAfterDot", "{{..E}}", name: "", "template: :1: unexpected . after term \".\""),
    ParseErrorCase("dotAfterNil", "{{nil.E}}", name: "", "template: :1: unexpected . after term \"nil\""),
    ParseErrorCase("wrongPipelineDot", "{{12|.}}", name: "", "template: :1: non executable command in pipeline stage 2"),
    ParseErrorCase("wrongPipelineNumber", "{{.|12|printf}}", name: "", "template: :1: non executable command in pipeline stage 2"),
    ParseErrorCase("wrongPipelineString", "{{.|printf|\"error\"}}", name: "", "template: :1: non executable command in pipeline stage 3"),
    ParseErrorCase("wrongPipelineChar", "{{12|printf|'e'}}", name: "", "template: :1: non executable command in pipeline stage 3"),
    ParseErrorCase("wrongPipelineBoolean", "{{.|true}}", name: "", "template: :1: non executable command in pipeline stage 2"),
    ParseErrorCase("wrongPipelineNil", "{{'c'|nil}}", name: "", "template: :1: non executable command in pipeline stage 2"),
    ParseErrorCase("emptyPipeline", "{{printf \"%d\" ( ) }}", name: "", "template: :1: missing value for parenthesized pipeline"),
    ParseErrorCase("emptyParenthesesAlone", "{{()}}", name: "", "template: :1: missing value for parenthesized pipeline"),
    ParseErrorCase("blockWithoutPipeline", "{{block \"foo\"}}hello{{end}}", name: "", "template: :1: missing value for block clause"),
    ParseErrorCase("emptyAction", "{{}}", name: "", "template: :1: missing value for command"),
    ParseErrorCase("missingTemplateName", "{{template}}", name: "", "template: :1: unexpected \"}}\" in template clause"),
    ParseErrorCase("defineWithoutName", "{{define}}x{{end}}", name: "", "template: :1: unexpected \"}}\" in define clause"),
    ParseErrorCase("defineMissingEnd", "{{define \"a\"}}x", name: "", "template: :1: unexpected EOF"),
    ParseErrorCase("defineWithElse", "{{define \"a\"}}x{{else}}y{{end}}", name: "", "template: :1: unexpected {{else}} in define clause"),
    ParseErrorCase("multipleDefinition", "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}", name: "", "template: :1: template: multiple definition of template \"a\""),
    ParseErrorCase("multipleDefinitionOfMain", "x{{define \"m\"}}y{{end}}", name: "m", "template: m:1: template: multiple definition of template \"m\""),
    ParseErrorCase("blockRedefinesDefine", "{{define \"b\"}}y{{end}}{{block \"b\" .}}z{{end}}", name: "m", "template: m:1: template: multiple definition of template \"b\""),
    ParseErrorCase("breakInsideDefineCalledFromRange", "{{range .}}{{template \"t\"}}{{end}}{{define \"t\"}}{{break}}{{end}}", name: "", "template: :1: {{break}} outside {{range}}"),
    ParseErrorCase("innerVariableOutOfScope", "{{with $x := 1}}{{with $y := 2}}{{$x}}{{$y}}{{end}}{{$y}}{{end}}", name: "", "template: :1: undefined variable \"$y\""),
    ParseErrorCase("errorLineNumber", "line1\nline2\n{{if .x}}\n{{end}\n", name: "", "template: :4: bad character U+007D '}'"),
    ParseErrorCase("unclosedActionSpanningLines", "a\n{{if\n.x\nb", name: "", "template: :4: function \"b\" not defined"),
    ParseErrorCase("unterminatedStringLine", "a\nb {{\"abc\n\"}}", name: "", "template: :2: unterminated quoted string"),
    ParseErrorCase("unclosedCommentLine", "a\n{{/* x\n y", name: "", "template: :2: unclosed comment"),
    ParseErrorCase("badNumberLine", "\n\n{{3k}}", name: "", "template: :3: bad number syntax: \"3k\""),
    ParseErrorCase("unexpectedRightParen", "{{printf 3)}}", name: "", "template: :1: unexpected \")\" in command"),
    ParseErrorCase("unclosedLeftParen", "{{(printf 3}}", name: "", "template: :1: unclosed left paren"),
    ParseErrorCase("badCharacterInAction", "{{.x#y}}", name: "", "template: :1: bad character U+0023 '#'"),
    ParseErrorCase("invalidCharacterConstant", "{{'ab'}}", name: "", "template: :1: malformed character constant: 'ab'"),
    ParseErrorCase("invalidStringEscape", "{{\"\\q\"}}", name: "", "template: :1: invalid syntax"),
    ParseErrorCase("integerOverflow", "{{printf 99999999999999999999}}", name: "", "template: :1: integer overflow: \"99999999999999999999\""),
    ParseErrorCase("illegalNumber", "{{printf 0x}}", name: "", "template: :1: illegal number syntax: \"0x\""),
    ParseErrorCase("unexpectedKeywordInOperand", "{{printf if}}", name: "", "template: :1: unexpected <if> in operand"),
    ParseErrorCase("rangeKeywordAsArgument", "{{if range}}{{end}}", name: "", "template: :1: unexpected <range> in if"),
    ParseErrorCase("missingValueForIf", "{{if}}{{end}}", name: "", "template: :1: missing value for if"),
    ParseErrorCase("missingValueForRange", "{{range}}{{end}}", name: "", "template: :1: missing value for range"),
    ParseErrorCase("missingValueForWith", "{{with}}{{end}}", name: "", "template: :1: missing value for with"),
    ParseErrorCase("declarationWithoutValue", "{{$x :=}}", name: "", "template: :1: missing value for command"),
    ParseErrorCase("nonExecutableCommandInPipeline", "{{printf \"x\" | 3}}", name: "", "template: :1: non executable command in pipeline stage 2"),
    ParseErrorCase("elseIfAfterElse", "{{if .a}}{{else}}{{else if .b}}{{end}}", name: "", "template: :1: expected end; found {{else}}"),
    ParseErrorCase("unexpectedEOFInDefine", "{{define \"a\"}}", name: "", "template: :1: unexpected EOF"),
    ParseErrorCase("parseErrorUsesTemplateName", "x\n{{.y", name: "my.tmpl", "template: my.tmpl:2: unclosed action"),
    ParseErrorCase("errorInsideDefineNamesOuterTemplate", "{{define \"inner\"}}\n{{.x}\n{{end}}", name: "outer", "template: outer:2: bad character U+007D '}'"),
]
