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

    @Test("output exactly at the limit renders; one byte past it fails at the action that wrote it, keeping what was written")
    func outputLimitAtAction() throws {
        #expect(try render("ab{{.}}", .string("cd"), options: budget(bytes: 4)) == "abcd")
        guard let (output, error) = failingExecution("ab{{.}}", .string("cde"), name: "t", options: budget(bytes: 4)) else { return }
        #expect(error.phase == .execution)
        #expect(error.message == "template: t:1:4: executing \"t\" at <{{.}}>: output exceeds the limit of 4 bytes")
        #expect(output == "abcde")
    }

    @Test("text past the limit fails without naming an action")
    func outputLimitAtText() {
        guard let (output, error) = failingExecution("{{.}}xyz", .string("ab"), name: "t", options: budget(bytes: 4)) else { return }
        #expect(error.message == "template: t: output exceeds the limit of 4 bytes")
        #expect(output == "abxyz")
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
        #expect(error.message == "template: t:1:8: executing \"t\" at <.a>: execution exceeds the limit of 100 steps (nodes walked and range iterations)")
    }

    @Test("nested ranges over event data stop at the step limit instead of running for minutes", .timeLimit(.minutes(1)))
    func nestedRangesStop() {
        let big: Value = .map(ValueMap([("a", .array((0..<2000).map { .int($0) }))]))
        // 2000³ = 8·10⁹ iterations without a limit.
        let text = "{{range .a}}{{range $.a}}{{range $.a}}{{end}}{{end}}{{end}}"
        guard let (_, error) = failingExecution(text, big, options: budget(steps: 100_000)) else { return }
        #expect(error.message.hasSuffix("execution exceeds the limit of 100000 steps (nodes walked and range iterations)"))
    }

    @Test("recursive template calls that write nothing stop at the step limit", .timeLimit(.minutes(1)))
    func silentRecursionStops() {
        // Data nested 40 deep, two elements at each level: 2⁴¹ calls, none deeper than 41.
        var tree: Value = .array([])
        for _ in 0..<40 { tree = .array([tree, tree]) }
        let text = "{{define \"a\"}}{{range .}}{{template \"a\" .}}{{end}}{{end}}{{template \"a\" .}}"
        guard let (output, error) = failingExecution(text, tree, options: budget(steps: 10_000)) else { return }
        #expect(error.message.hasSuffix("execution exceeds the limit of 10000 steps (nodes walked and range iterations)"))
        #expect(output == "")
    }

    @Test("limits survive the hop onto a large stack for deep recursion")
    func limitsOnLargeStack() {
        let text = "{{define \"x\"}}a{{template \"x\" .}}{{end}}{{template \"x\" .}}"
        guard let (output, error) = failingExecution(text, options: budget(bytes: 60_000)) else { return }
        #expect(error.message == "template: x: output exceeds the limit of 60000 bytes")
        #expect(output.count == 60_001)
    }
}
