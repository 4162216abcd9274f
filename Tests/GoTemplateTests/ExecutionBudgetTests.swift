// The execution budget (`Options.maxOutputBytes`, `Options.maxSteps`): an extension of this
// port, off by default. Go has no such limits, so the messages are this port's, worded as Go's
// execution errors (`template: NAME:LINE:COL: executing "NAME" at <NODE>: …`).

import Testing
@testable import GoTemplate

private func budget(bytes: Int? = nil, steps: Int? = nil) -> Template.Options {
    Template.Options(maxOutputBytes: bytes, maxSteps: steps)
}

private let items: Value = .map(ValueMap([("a", .array((0..<100).map { .int($0) }))]))

@Suite("Execution budget")
struct ExecutionBudgetTests {
    @Test("without limits (the default) nothing is counted against the template")
    func unlimitedByDefault() throws {
        let text = "{{range .a}}{{range $.a}}{{.}}{{end}}{{end}}"
        #expect(try render(text, items).count == 100 * 190)
    }

    @Test("output exactly at the limit renders; one byte past it fails at the action that wrote it, keeping the output up to the limit")
    func outputLimitAtAction() throws {
        #expect(try render("ab{{.}}", .string("cd"), options: budget(bytes: 4)) == "abcd")
        guard let (output, error) = failingExecution("ab{{.}}", .string("cde"), name: "t", options: budget(bytes: 4)) else { return }
        #expect(error.phase == .execution)
        #expect(error.message == "template: t:1:4: executing \"t\" at <{{.}}>: output exceeds the limit of 4 bytes")
        #expect(output == "abcd")
    }

    @Test("text past the limit fails without naming an action")
    func outputLimitAtText() {
        guard let (output, error) = failingExecution("{{.}}xyz", .string("ab"), name: "t", options: budget(bytes: 4)) else { return }
        #expect(error.message == "template: t: output exceeds the limit of 4 bytes")
        #expect(output == "abxy")
    }

    @Test("the output limit counts only this execution's bytes, not what the buffer held before")
    func outputLimitIsRelative() throws {
        let template = try Template(text: "{{.}}", options: budget(bytes: 3))
        var output = Array("already here".utf8)
        try template.execute(.string("abc"), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "already hereabc")
        #expect(throws: TemplateError.self) { try template.execute(.string("abcd"), into: &output) }
    }

    @Test("toJson, printf and nested template calls are counted where they write")
    func outputLimitAcrossWriters() {
        let cases: [(String, String)] = [
            ("{{toJson .a}}", "<{{toJson .a}}>"),
            ("{{printf \"%v\" .a}}", "<{{printf \"%v\" .a}}>"),
            ("{{define \"x\"}}{{.}}{{end}}{{range .a}}{{template \"x\" .}}{{end}}", "<{{.}}>"),
        ]
        for (text, site) in cases {
            guard let (_, error) = failingExecution(text, items, options: budget(bytes: 50)) else { continue }
            #expect(error.message.hasSuffix("at \(site): output exceeds the limit of 50 bytes"), "\(text): \(error.message)")
        }
    }

    @Test("steps: nodes walked and range iterations, so an empty range body still counts")
    func stepCounting() throws {
        // One range node and 100 iterations: 101 steps.
        #expect(try render("{{range .a}}{{end}}", items, options: budget(steps: 101)) == "")
        guard let (_, error) = failingExecution("{{range .a}}{{end}}", items, name: "t", options: budget(steps: 100)) else { return }
        #expect(error.message == "template: t:1:8: executing \"t\" at <.a>: execution exceeds the limit of 100 steps (nodes walked, range iterations and builtins' work)")
    }

    @Test("nested ranges over event data stop at the step limit instead of running for minutes", .timeLimit(.minutes(1)))
    func nestedRangesStop() {
        let big: Value = .map(ValueMap([("a", .array((0..<2000).map { .int($0) }))]))
        // 2000³ = 8·10⁹ iterations without a limit.
        let text = "{{range .a}}{{range $.a}}{{range $.a}}{{end}}{{end}}{{end}}"
        guard let (_, error) = failingExecution(text, big, options: budget(steps: 100_000)) else { return }
        #expect(error.message.hasSuffix("execution exceeds the limit of 100000 steps (nodes walked, range iterations and builtins' work)"))
    }

    @Test("recursive template calls that write nothing stop at the step limit", .timeLimit(.minutes(1)))
    func silentRecursionStops() {
        // Data nested 40 deep, two elements at each level: 2⁴¹ calls, none deeper than 41.
        var tree: Value = .array([])
        for _ in 0..<40 { tree = .array([tree, tree]) }
        let text = "{{define \"a\"}}{{range .}}{{template \"a\" .}}{{end}}{{end}}{{template \"a\" .}}"
        guard let (output, error) = failingExecution(text, tree, options: budget(steps: 10_000)) else { return }
        #expect(error.message.hasSuffix("execution exceeds the limit of 10000 steps (nodes walked, range iterations and builtins' work)"))
        #expect(output == "")
    }

    @Test("limits survive the hop onto a large stack for deep recursion")
    func limitsOnLargeStack() {
        let text = "{{define \"x\"}}a{{template \"x\" .}}{{end}}{{template \"x\" .}}"
        guard let (output, error) = failingExecution(text, options: budget(bytes: 60_000)) else { return }
        #expect(error.message == "template: x: output exceeds the limit of 60000 bytes")
        #expect(output.count == 60_000)
    }

    @Test("a step refused names the node refused, not the one before it")
    func stepErrorSite() {
        guard let (output, error) = failingExecution("{{.A}}{{.B}}", .map(ValueMap([("A", "a"), ("B", "b")])), name: "t", options: budget(steps: 1)) else { return }
        #expect(error.message == "template: t:1:8: executing \"t\" at <{{.B}}>: execution exceeds the limit of 1 steps (nodes walked, range iterations and builtins' work)")
        #expect(output == "a")
    }

    @Test("builtins are charged for the text they make or compare and the elements slice copies, printed or not", .timeLimit(.minutes(1)))
    func builtinWork() {
        let zeros: Value = .array(Array(repeating: .int(0), count: 50_000))
        let cases = [
            // Each slice copies up to 50k elements into a variable: quadratic, and nothing printed.
            "{{range $i, $_ := .}}{{$r := slice $ $i}}{{end}}ok",
            // Each toJson makes 100 KB that only len sees.
            "{{range .}}{{if eq (len (toJson $)) 0}}x{{end}}{{end}}ok",
            // Comparing two 100 KB strings, again and again.
            "{{$j := toJson .}}{{range .}}{{if eq $j $j}}{{end}}{{end}}ok",
        ]
        for text in cases {
            guard let (_, error) = failingExecution(text, zeros, options: budget(steps: 1_000_000)) else { continue }
            #expect(error.message.hasSuffix("execution exceeds the limit of 1000000 steps (nodes walked, range iterations and builtins' work)"), "\(text): \(error.message)")
        }
    }

    @Test("slicing a long string copies and is charged for the slice only; comparing strings of different lengths is nearly free")
    func sliceAndComparisonCharges() throws {
        let long = String(repeating: "x", count: 800_000)
        let data: Value = .map(ValueMap([("s", .string(long)), ("arr", .array(Array(repeating: .int(0), count: 200)))]))
        // 200 one-byte slices and 200 comparisons against a short string, well within 10,000 steps.
        #expect(try render("{{range .arr}}{{if slice $.s 0 1}}{{end}}{{if eq $.s \"a\"}}{{end}}{{end}}ok", data, options: budget(steps: 10_000)) == "ok")
        // Equal lengths are compared byte by byte, and charged so.
        guard let (_, error) = failingExecution("{{range .arr}}{{if eq $.s $.s}}{{end}}{{end}}", data, options: budget(steps: 1_000_000)) else { return }
        #expect(error.message.hasSuffix("execution exceeds the limit of 1000000 steps (nodes walked, range iterations and builtins' work)"))
    }

    @Test("print, println and the escapers stop making text past the limit instead of building all of it")
    func printStopsEarly() {
        let big = String(repeating: "y", count: 1 << 20)
        let data: Value = .map(ValueMap([("s", .string(big))]))
        let manyArguments = Array(repeating: "$.s", count: 100).joined(separator: " ")
        for function in ["print", "println", "html", "js", "urlquery"] {
            guard let (_, error) = failingExecution("{{$y := \(function) \(manyArguments)}}", data, options: budget(bytes: 4 << 20)) else { continue }
            #expect(error.message.contains("error calling \(function): its result of"), "\(function): \(error.message)")
            // Stopped after the fifth argument or so, not after the hundredth.
            let size = error.message.split(separator: " ").compactMap { Int($0) }.first ?? 0
            #expect(size < 8 << 20, "\(function) built \(size) bytes")
        }
        guard let (output, error) = failingExecution("{{print \(manyArguments)}}", data, options: budget(bytes: 4 << 20)) else { return }
        #expect(error.message.hasSuffix("output exceeds the limit of 4194304 bytes"))
        #expect(output.utf8.count == 4 << 20)
    }

    @Test("a builtin's result longer than the output limit is an error, printed or kept in a variable")
    func valueLimit() {
        let doubling = "{{$s := \"xxxxxxxxxxxxxxxx\"}}{{range .}}{{$s = print $s $s}}{{end}}{{len $s}}"
        let forty: Value = .array(Array(repeating: .int(0), count: 40))
        guard let (_, error) = failingExecution(doubling, forty, name: "t", options: budget(bytes: 1 << 20)) else { return }
        #expect(error.message == "template: t:1:46: executing \"t\" at <print $s $s>: error calling print: its result of 2097152 bytes exceeds the limit of 1048576 bytes")
    }

    @Test("printf stops formatting once past the limit instead of writing every verb first")
    func printfStopsEarly() {
        let text = "{{printf \"" + String(repeating: "%1000000d", count: 200) + "\" " + String(repeating: "1 ", count: 200) + "}}"
        guard let (output, error) = failingExecution(text, options: budget(bytes: 10)) else { return }
        #expect(error.message.hasSuffix("output exceeds the limit of 10 bytes"))
        #expect(output.count == 10)
    }
}
