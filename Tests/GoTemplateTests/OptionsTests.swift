// Template options. `missingKey` expectations come from a Go 1.19 program running
// `template.New("").Funcs(toJson).Option("missingkey=…").Parse(text)` on the oracle's data model.
// `lenientNumbers` is this port's extension: with it, integer/float comparisons compare by value
// and printf's float verbs accept integers; without it, behaviour is Go's (errors / %!f).

import Testing
@testable import GoTemplate

struct OptionCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let data: Value
    let missingKey: Template.Options.MissingKey
    let output: String

    init(_ id: String, _ text: String, _ data: Value, _ missingKey: Template.Options.MissingKey, _ output: String) {
        self.id = id
        self.text = text
        self.data = data
        self.missingKey = missingKey
        self.output = output
    }

    var testDescription: String { id }
}

struct OptionErrorCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let data: Value
    let missingKey: Template.Options.MissingKey
    let output: String
    let message: String

    init(_ id: String, _ text: String, _ data: Value, _ missingKey: Template.Options.MissingKey, output: String, _ message: String) {
        self.id = id
        self.text = text
        self.data = data
        self.missingKey = missingKey
        self.output = output
        self.message = message
    }

    var testDescription: String { id }
}

private let lenient = Template.Options(lenientNumbers: true)

@Suite("Options")
struct OptionsTests {
    @Test("missingkey=default, zero and error render as Go", arguments: missingKeyCases)
    func missingKey(_ c: OptionCase) throws {
        #expect(try render(c.text, c.data, options: .init(missingKey: c.missingKey)) == c.output)
    }

    @Test("missingkey errors match Go's message and partial output", arguments: missingKeyErrorCases)
    func missingKeyError(_ c: OptionErrorCase) {
        expectFailure(ErrorCase(c.id, c.text, c.data, output: c.output, c.message), options: .init(missingKey: c.missingKey))
    }

    @Test("the default options are Go's defaults")
    func defaults() {
        let options = Template.Options()
        #expect(options.missingKey == .default)
        #expect(options.lenientNumbers == false)
    }

    @Test("a template keeps the options it was parsed with")
    func optionsStored() throws {
        let template = try Template(text: "{{.x}}", options: .init(missingKey: .error, lenientNumbers: true))
        #expect(template.options.missingKey == .error)
        #expect(template.options.lenientNumbers)
    }

    // MARK: lenientNumbers

    @Test("lenient: an int64/float64 mix compares by value",
          arguments: lenientComparisonCases)
    func lenientComparison(_ text: String, _ data: Value, _ expected: String) throws {
        #expect(try render(text, data, options: lenient) == expected)
    }

    @Test("lenient: comparisons that Go already allows are unchanged",
          arguments: lenientUnchangedCases)
    func lenientUnchanged(_ text: String, _ data: Value, _ expected: String) throws {
        #expect(try render(text, data, options: lenient) == expected)
    }

    @Test("lenient: a number against a string is still incompatible")
    func lenientStringStillError() {
        guard let (_, error) = failingExecution("{{eq .f \"2\"}}", ["f": 2.0], options: lenient) else { return }
        #expect(error.message == "template: :1:2: executing \"\" at <eq .f \"2\">: error calling eq: incompatible types for comparison")
    }

    @Test("lenient: a large int64 and a float64 compare by exact value, not after rounding to float64")
    func lenientExactLargeIntegers() throws {
        // 2^53 + 1 is not 2^53; converting the integer to a Double first would say they are equal.
        #expect(try render("{{eq .i .f}}", ["i": 9_007_199_254_740_993, "f": 9_007_199_254_740_992.0], options: lenient) == "false")
        #expect(try render("{{lt .f .i}}", ["i": 9_007_199_254_740_993, "f": 9_007_199_254_740_992.0], options: lenient) == "true")
    }

    @Test("lenient: printf float verbs format integers as floats",
          arguments: lenientPrintfCases)
    func lenientPrintf(_ text: String, _ data: Value, _ expected: String) throws {
        #expect(try render(text, data, options: lenient) == expected)
    }

    @Test("without lenientNumbers, an int64/float64 comparison is Go's error",
          arguments: strictComparisonCases)
    func strictComparison(_ text: String, _ data: Value, _ message: String) {
        guard let (_, error) = failingExecution(text, data) else { return }
        #expect(error.message == message)
    }

    @Test("without lenientNumbers, printf %f of an integer prints Go's bad-verb marker")
    func strictPrintf() throws {
        #expect(try render("{{printf \"%.1f\" .i}}", ["i": 3]) == "%!f(int64=3)")
    }
}

private let missingKeyCases: [OptionCase] = [
    OptionCase("zeroPrintsNoValue", "{{.x}}", [:], .zero, "<no value>"),
    OptionCase("zeroNestedMissing", "{{.a.x}}", ["a": [:]], .zero, "<no value>"),
    OptionCase("zeroPrintf", "{{printf \"%v %T\" .x .x}}", [:], .zero, "<nil> <nil>"),
    OptionCase("zeroIf", "{{if .x}}yes{{else}}no{{end}}", [:], .zero, "no"),
    OptionCase("zeroHtml", "{{html .x}}", [:], .zero, "&lt;no value&gt;"),
    OptionCase("zeroPrint", "{{print .x}}", [:], .zero, "<nil>"),
    OptionCase("zeroToJson", "{{toJson .x}}", [:], .zero, "null"),
    OptionCase("zeroEqNil", "{{eq .x nil}}", [:], .zero, "true"),
    OptionCase("zeroEqInt", "{{eq .x 1}}", [:], .zero, "false"),
    OptionCase("zeroRange", "{{range .x}}a{{else}}none{{end}}", [:], .zero, "none"),
    OptionCase("zeroVariable", "{{$v := .x}}{{$v}}", [:], .zero, "<no value>"),
    OptionCase("zeroWithPipeline", "{{.x | print}}", [:], .zero, "<nil>"),
    OptionCase("zeroNilData", "{{.x}}", .missing, .zero, "<no value>"),
    OptionCase("zeroPresentNull", "{{.n}}", ["n": nil], .zero, "<no value>"),
    OptionCase("errorPresentNull", "{{.n}}", ["n": nil], .error, "<no value>"),
    OptionCase("errorIndexIgnoresOption", "{{index . \"x\"}}", [:], .error, "<no value>"),
    OptionCase("errorPresentKey", "{{.a}}", ["a": 1], .error, "1"),
    OptionCase("defaultOption", "{{.x}}", [:], .default, "<no value>"),
    OptionCase("invalidOption", "{{.x}}|{{.a.x}}", ["a": [:]], .default, "<no value>|<no value>"),
]

private let missingKeyErrorCases: [OptionErrorCase] = [
    OptionErrorCase("zeroFieldOfZero", "{{.x.y}}", [:], .zero, output: "", "template: :1:4: executing \"\" at <.x.y>: nil pointer evaluating interface {}.y"),
    OptionErrorCase("zeroLen", "{{len .x}}", [:], .zero, output: "", "template: :1:2: executing \"\" at <len .x>: error calling len: len of nil pointer"),
    OptionErrorCase("errorMissingKey", "a{{.x}}b", [:], .error, output: "a", "template: :1:3: executing \"\" at <.x>: map has no entry for key \"x\""),
    OptionErrorCase("errorNestedMissing", "{{.a.x}}", ["a": [:]], .error, output: "", "template: :1:4: executing \"\" at <.a.x>: map has no entry for key \"x\""),
    OptionErrorCase("errorInIf", "{{if .x}}yes{{end}}", [:], .error, output: "", "template: :1:5: executing \"\" at <.x>: map has no entry for key \"x\""),
    OptionErrorCase("errorInOr", "{{or .x 1}}", [:], .error, output: "", "template: :1:5: executing \"\" at <.x>: map has no entry for key \"x\""),
    OptionErrorCase("errorInRange", "{{range .}}{{.x}}{{end}}", [["x": 1], [:]], .error, output: "1", "template: :1:13: executing \"\" at <.x>: map has no entry for key \"x\""),
    OptionErrorCase("errorNilData", "{{.x}}", .missing, .error, output: "", "template: :1:2: executing \"\" at <.x>: nil data; no entry for key \"x\""),
    OptionErrorCase("errorInDefinedTemplate", "{{define \"t\"}}{{.k}}{{end}}{{template \"t\" .}}", [:], .error, output: "", "template: :1:16: executing \"t\" at <.k>: map has no entry for key \"k\""),
]

private let lenientComparisonCases: [(String, Value, String)] = [
    ("{{eq .f 2}}", ["f": 2.0], "true"),
    ("{{eq .f 2}}", ["f": 2.5], "false"),
    ("{{ne .f 2}}", ["f": 2.5], "true"),
    ("{{lt .i 2.5}}", ["i": 2], "true"),
    ("{{gt .i 2.5}}", ["i": 2], "false"),
    ("{{le .f 1}}", ["f": 1.0], "true"),
    ("{{ge .i .f}}", ["i": 3, "f": 2.5], "true"),
    ("{{eq .i .f}}", ["i": 2, "f": 2.0], "true"),
    ("{{eq .f 1 2 3}}", ["f": 3.0], "true"),
    ("{{eq 2 2.0}}", [:], "true"),
    ("{{lt (index .s 0) 97.5}}", ["s": "a"], "true"),
]

private let lenientUnchangedCases: [(String, Value, String)] = [
    ("{{eq .i 2}}", ["i": 2], "true"),
    ("{{lt .f 2.5}}", ["f": 2.0], "true"),
    ("{{eq .s \"a\"}}", ["s": "a"], "true"),
]

private let lenientPrintfCases: [(String, Value, String)] = [
    ("{{printf \"%.1f\" .i}}", ["i": 3], "3.0"),
    ("{{printf \"%.2f\" 7}}", [:], "7.00"),
    ("{{printf \"%e\" .i}}", ["i": 3], "3.000000e+00"),
    ("{{printf \"%g\" .i}}", ["i": 3], "3"),
    ("{{printf \"%5.1f|%d|%v\" .i .i .i}}", ["i": -2], " -2.0|-2|-2"),
]

private let strictComparisonCases: [(String, Value, String)] = [
    ("{{eq .f 2}}", ["f": 2.0], "template: :1:2: executing \"\" at <eq .f 2>: error calling eq: incompatible types for comparison"),
    ("{{lt .i 2.5}}", ["i": 2], "template: :1:2: executing \"\" at <lt .i 2.5>: error calling lt: incompatible types for comparison"),
    ("{{eq .i .f}}", ["i": 2, "f": 2.0], "template: :1:2: executing \"\" at <eq .i .f>: error calling eq: incompatible types for comparison"),
]
