// Random templates and data fed to the parser and executor (issue 4, "Bad input"): nothing may
// crash or hang; parse and execution errors are fine. Deterministic: the seed is printed, and
// `FUZZ_SEED=<seed>` replays a run. Where Go and the conformance oracle are installed, a few
// hundred generated cases are also compared with Go 1.19's text/template.

import Foundation
import Testing
@testable import GoTemplate

/// SplitMix64, so that runs are reproducible from the printed seed.
struct TemplateFuzzRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates templates (well-formed ones, mutated ones, and token soup) and JSON data. Cases
/// stay cheap: integers that could be ranged over are at most 15 (huge ones appear only as printf
/// arguments), nesting is at most a few levels, and templates never call themselves (recursion
/// to Go's limit has cases of its own in `deepCases`).
struct TemplateGenerator {
    var random: TemplateFuzzRandom
    private var variables: [String] = []
    private var rangeDepth = 0
    /// The template being generated: "", "a" or "b".
    private var current = ""

    init(seed: UInt64) { random = TemplateFuzzRandom(state: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
    mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    static let keys = ["a", "b", "x", "Name", "items", "n", "s", "f", "t", "nil", "empty", "m", "ü", "<&>", "key"]
    static let strings = [#""""#, #""x""#, #""hello world""#, #""<b>&amp;\"q\"</b>""#, #""ü€😀""#, #""\u2028""#, #""a\nb\tc""#,
                          #""%d %s""#, #""{{.}}""#, #""\u0000""#, #""  ""#]
    static let numbers = ["0", "1", "2", "3", "7", "-1", "-3", "0.5", "1.0", "-0.0", "2.5e10", "1e21", "1e-7", "3.14159", "-9223372036854775808", "1e308"]

    /// A JSON document, nested at most `depth` levels.
    mutating func json(depth: Int = 3) -> String {
        switch count(0...(depth > 0 ? 9 : 5)) {
        case 0: return pick(["null", "true", "false"])
        case 1, 2: return pick(Self.numbers)
        case 3, 4, 5: return pick(Self.strings)
        case 6, 7: return "[" + (0..<count(0...4)).map { _ in json(depth: depth - 1) }.joined(separator: ",") + "]"
        default:
            let members = (0..<count(0...5)).map { _ in "\"\(pick(Self.keys))\":\(json(depth: depth - 1))" }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A well-formed (or nearly: undefined variables and bad arity slip in) template.
    mutating func template() -> String {
        variables = []
        rangeDepth = 0
        var text = ""
        for name in ["a", "b"] where chance(0.25) {
            current = name
            text += "{{define \"\(name)\"}}\(list(depth: 1)){{end}}"
        }
        current = ""
        return text + list(depth: 0)
    }

    mutating func list(depth: Int) -> String {
        (0..<count(1...4)).map { _ in item(depth: depth) }.joined()
    }

    mutating func item(depth: Int) -> String {
        let (l, r) = (chance(0.2) ? "{{- " : "{{", chance(0.2) ? " -}}" : "}}")
        switch count(0...(depth < 3 ? 11 : 5)) {
        case 0: return pick(["x", " ", "\n", "text ", "é", "<&>", "{", "}", "\t\n  "])
        case 1: return "\(l)/* \(pick(["c", "", "*"])) */\(r)"
        case 2:
            let name = "$v\(variables.count)"
            let declaration = "\(l)\(name) := \(pipeline(depth: depth))\(r)"
            variables.append(name)
            return declaration
        case 3 where !variables.isEmpty: return "\(l)\(pick(variables)) = \(pipeline(depth: depth))\(r)"
        // No recursion: a template calls only those after it in "", "a", "b", "zz" (recursion to
        // Go's limit of 100000 calls is slow, and has cases of its own below).
        case 4 where current != "zz":
            let callee = pick(["a", "b", "zz"].filter { $0 > current })
            return "\(l)template \"\(callee)\" \(pick(["", ".", ".a", ".items", ".x.n", "$", "1", #""s""#, "nil", "(.)"]))\(r)"
        case 5 where rangeDepth > 0: return "\(l)\(pick(["break", "continue"]))\(r)"
        case 6, 7, 8:
            let keyword = pick(["if", "with", "range", "range"] + (current.isEmpty || current == "a" ? ["block \"b\""] : []))
            let caller = current
            if keyword.hasPrefix("block") { current = "b" }
            defer { current = caller }
            let saved = variables.count
            var head = pipeline(depth: depth)
            if keyword == "range" && chance(0.4) {
                head = chance(0.5) ? "$k, $e := \(operand(depth: depth))" : "$e := \(operand(depth: depth))"
                variables += ["$e", "$k"]
            }
            if keyword == "range" { rangeDepth += 1 }
            var text = "\(l)\(keyword) \(head)\(r)\(list(depth: depth + 1))"
            if keyword == "range" { rangeDepth -= 1 }
            if !keyword.hasPrefix("block") && chance(0.3) { text += "{{else}}\(list(depth: depth + 1))" }
            if keyword == "if" && chance(0.2) { text += "{{else if \(pipeline(depth: depth))}}\(list(depth: depth + 1))" }
            variables.removeLast(variables.count - saved)
            return text + "{{end}}"
        default: return "\(l)\(pipeline(depth: depth))\(r)"
        }
    }

    mutating func pipeline(depth: Int) -> String {
        var text = command(depth: depth)
        for _ in 0..<(chance(0.3) ? count(1...2) : 0) {
            text += " | " + pick(["print", "printf \"%v\"", "html", "js", "urlquery", "len", "toJson", "not", "eq 1", "index", "println", "printf \"[%5.2v]\""])
        }
        return text
    }

    mutating func command(depth: Int) -> String {
        switch count(0...9) {
        case 0...3: return operand(depth: depth)
        case 4: return "printf \(pick(Self.formats))" + (0..<count(0...3)).map { _ in " " + (chance(0.2) ? pick(Self.huge) : operand(depth: depth)) }.joined()
        default:
            let function = pick(["and", "or", "not", "len", "index", "slice", "print", "println", "html", "js", "urlquery",
                                 "eq", "ne", "lt", "le", "gt", "ge", "toJson", chance(0.1) ? "upper" : "call"])
            return function + (0..<count(0...3)).map { _ in " " + operand(depth: depth) }.joined()
        }
    }

    static let formats = [#""%v""#, #""%d""#, #""%s""#, #""%q""#, #""%x""#, #""%X""#, #""%5.2f""#, #""%-4v|""#, #""%T""#, #""%#v""#, #""%+d""#,
                          #""%08.3f""#, #""%c""#, #""%U""#, #""%e""#, #""%g""#, #""%t""#, #""%p""#, #""%%""#, #""%!""#, #""%[2]v %[1]v""#,
                          #""%*d""#, #""%.*s""#, #""%[3]*.[2]*[1]f""#, #""%6.2q""#, #""% x""#, #""%b""#, #""%o""#, #""%O""#, #""%10.3e|%-10s|""#]
    // No complex constants (`1i`): the engine refuses them by design, where Go prints them.
    static let huge = ["9223372036854775807", "0x8000000000000000", "-9223372036854775809", "1e400", "1e308", "0x1p-2", "0x_1F", "1__0", "0777", "09"]

    mutating func operand(depth: Int) -> String {
        var text: String
        switch count(0...12) {
        case 0: text = "."
        case 1, 2: text = "." + pick(Self.keys.filter { $0.first!.isLetter && $0.allSatisfy { $0.isASCII } })
        case 3: text = "$"
        case 4: text = chance(0.03) ? "$undefined" : variables.isEmpty ? "$" : pick(variables)
        case 5, 6: text = pick(["0", "1", "2", "3", "-1", "1.5", "1e3", "0x0A", "0o17", "0b101", "'\\n'", "'\\t'", "-0", ".5", "1_0"])
        case 7, 8: text = pick(Self.strings.filter { !$0.contains("\\u") } + ["`raw\\n`", "``"])
        case 9: text = pick(["nil", "true", "false"])
        default: text = depth < 4 ? "(\(pipeline(depth: depth + 1)))" : "."
        }
        if chance(0.3) && (text.hasPrefix("$") || text.hasPrefix("(") || text == ".") {
            text += (text == "." ? "" : ".") + pick(["a", "x", "n", "items", "Name", "b"])
        }
        return text
    }

    static let fragments = ["{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", " ", "if", "else", "end", "range", "with", "define", "template",
                            "block", "break", "continue", "(", ")", "|", ":=", "=", ",", "$", "$x", ".", ".a", ".a.b", "\"", "`", "'",
                            "1", "nil", "true", "print", "printf", "index", "len", "eq", "and", "toJson", "\"a\"", "\\", "-", "\n", "\u{0}",
                            "\u{FEFF}", "\u{10FFFF}", "é", "😀", "\u{2028}", "{", "}", "0x", "1e", "%v", ".5", "'a"]

    /// Token soup: fragments and random scalars.
    mutating func soup() -> String {
        (0..<count(1...40)).map { _ in
            chance(0.1) ? Unicode.Scalar(UInt32(count(0...0x10FFFF))).map { String($0) } ?? "\u{FFFD}" : pick(Self.fragments)
        }.joined()
    }

    /// A well-formed template with a few bytes deleted, duplicated or replaced.
    mutating func mutated() -> String {
        var scalars = Array(template().unicodeScalars)
        for _ in 0..<count(1...3) where !scalars.isEmpty {
            let at = count(0...(scalars.count - 1))
            switch count(0...2) {
            case 0: scalars.removeSubrange(at..<min(scalars.count, at + count(1...4)))
            case 1: scalars.insert(contentsOf: scalars[at..<min(scalars.count, at + count(1...6))], at: at)
            default: scalars.insert(contentsOf: pick(Self.fragments).unicodeScalars, at: at)
            }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// A case: (template, JSON data). `kind` 0 well-formed, 1 mutated, 2 soup.
    mutating func next(kind: Int) -> (String, String) {
        let text = kind == 0 ? template() : kind == 1 ? mutated() : soup()
        return (text, json())
    }
}

/// What one case gave: the phase that failed ("ok", "parse", "exec", "data"; "crash" when the
/// process running it died), the output (partial on an execution error) and the error.
struct FuzzOutcome: Equatable {
    var phase: String, output: [UInt8], error: String
}

/// Parses and executes one case in this process.
func runFuzzCase(_ text: String, _ json: String) -> FuzzOutcome {
    let data: Value
    do { data = try Value(templateData: Array(json.utf8)) } catch { return FuzzOutcome(phase: "data", output: [], error: "\(error)") }
    let template: Template
    do { template = try Template(name: "", text: text, functions: .standard) } catch { return FuzzOutcome(phase: "parse", output: [], error: error.message) }
    var output: [UInt8] = []
    do { try template.execute(data, into: &output) } catch { return FuzzOutcome(phase: "exec", output: output, error: error.message) }
    return FuzzOutcome(phase: "ok", output: output, error: "")
}

/// Runs cases through a batch-protocol program (the Go oracle, or `audit-router template --batch`)
/// in a child process, so that a crash is a test failure rather than the end of the test runner.
/// After a crash (or a hang past `timeout`) it restarts after the case that killed it.
struct BatchRunner {
    let command: [String]
    let directory: URL

    func run(_ cases: [(String, String)], timeout: Double = 60) throws -> (results: [FuzzOutcome?], crashed: [Int]) {
        var results = [FuzzOutcome?](repeating: nil, count: cases.count), crashed: [Int] = [], start = 0
        while start < cases.count && crashed.count < 10 {
            let input = cases.indices.dropFirst(start).map { index in
                #"{"id":\#(index),"template":"# + String(decoding: Value.string(cases[index].0).jsonStringBytes(), as: UTF8.self) + #","data":\#(cases[index].1)}"#
            }
            try (input.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("cases.jsonl"), atomically: true, encoding: .utf8)
            let status = TemplateFuzzTests.run(command[0], Array(command.dropFirst()), in: directory.path, stdin: directory.path + "/cases.jsonl",
                                               stdout: directory.path + "/results.jsonl", timeout: timeout)
            let text = try String(contentsOf: directory.appendingPathComponent("results.jsonl"), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true).dropLast(text.hasSuffix("\n") ? 0 : 1)
            for line in lines {
                guard case .map(let result) = try Value(json: Array(line.utf8)), case .int64(let id)? = result["id"] else { continue }
                var outcome = FuzzOutcome(phase: "ok", output: [], error: "")
                if case .string(let b64)? = result["output_b64"], let data = Data(base64Encoded: b64) { outcome.output = Array(data) }
                else if case .string(let output)? = result["output"] { outcome.output = Array(output.utf8) }
                if case .string(let error)? = result["error"], case .string(let phase)? = result["phase"] { (outcome.phase, outcome.error) = (phase, error) }
                results[Int(id)] = outcome
            }
            if status == 0 { break }
            crashed.append(start + lines.count)
            results[start + lines.count] = FuzzOutcome(phase: "crash", output: [], error: status == nil ? "killed by a signal" : status == -1 ? "stuck for \(Int(timeout)) s" : "exit status \(status!)")
            start += lines.count + 1
        }
        return (results, crashed)
    }

    /// `audit-router template --batch`, when the binary has been built.
    static func swift(in directory: URL) -> BatchRunner? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let binary = ProcessInfo.processInfo.environment["AUDIT_ROUTER_BINARY"] ?? root.appendingPathComponent(".build/debug/audit-router").path
        return FileManager.default.isExecutableFile(atPath: binary) ? BatchRunner(command: [binary, "template", "--batch"], directory: directory) : nil
    }
}

@Suite("Template fuzz", .serialized)
struct TemplateFuzzTests {
    static var seed: UInt64 { ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7E57_F022 }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("template-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func describe(_ text: String, _ json: String) -> String {
        "template \(text.debugDescription.prefix(600)) data \(json.prefix(300))"
    }

    @Test("thousands of random templates and data: parse and execute never crash or hang")
    func randomTemplates() throws {
        let seed = Self.seed, clock = ContinuousClock(), started = clock.now
        print("TemplateFuzz seed \(seed) (replay with FUZZ_SEED=\(seed))")
        var generator = TemplateGenerator(seed: seed)
        let cases = (0..<6000).map { generator.next(kind: $0 % 3) }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // First in a child process: a case that crashes it is reported and kept out of this one.
        var crashed: [Int] = []
        if let batch = BatchRunner.swift(in: directory) {
            let run = try batch.run(cases)
            crashed = run.crashed
            print("TemplateFuzz: \(cases.count) cases through audit-router template --batch in \(clock.now - started)")
            for (index, outcome) in zip(crashed, crashed.map { run.results[$0]! }) {
                Issue.record("case \(index) \(outcome.error) in audit-router template --batch: \(Self.describe(cases[index].0, cases[index].1))")
            }
        } else {
            print("TemplateFuzz: audit-router is not built; cases run in this process only")
        }
        var phases: [String: Int] = [:], slowest: (Duration, Int) = (.zero, 0)
        for (index, (text, json)) in cases.enumerated() where !crashed.contains(index) {
            let caseStart = clock.now
            phases[runFuzzCase(text, json).phase, default: 0] += 1
            if clock.now - caseStart > slowest.0 { slowest = (clock.now - caseStart, index) }
        }
        print("TemplateFuzz: \(cases.count) cases in \(clock.now - started): \(phases.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")), \(crashed.count) crashed the child process; slowest \(slowest.0): case \(slowest.1)")
        #expect(crashed.isEmpty, "\(crashed.count) cases crashed the engine (seed \(seed))")
        #expect(phases["ok", default: 0] > cases.count / 10, "too few templates ran to the end for the fuzz to mean much")
    }

    @Test("a few hundred generated cases render as Go 1.19's text/template does (skipped without Go)")
    func compareWithGo() throws {
        let source = ProcessInfo.processInfo.environment["CONFORMANCE_ORACLE_DIR"] ?? "/work/shared/conformance/oracle"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/go"), FileManager.default.fileExists(atPath: source + "/main.go") else {
            print("TemplateFuzz: /usr/bin/go or the oracle (\(source)) is absent: comparison with Go skipped")
            return
        }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let oracle = directory.appendingPathComponent("oracle").path
        guard Self.run("/usr/bin/go", ["build", "-o", oracle, "."], in: source) == 0 else {
            print("TemplateFuzz: go build of the oracle in \(source) failed: comparison with Go skipped")
            return
        }
        var generator = TemplateGenerator(seed: Self.seed &+ 1)
        let cases = (0..<400).map { generator.next(kind: $0 % 5 < 3 ? 0 : $0 % 5 - 2) }
        let go = try BatchRunner(command: [oracle, "batch"], directory: directory).run(cases).results
        let swift = try BatchRunner.swift(in: directory)?.run(cases).results ?? cases.map { runFuzzCase($0.0, $0.1) }
        var mismatches: [String] = [], agreed = 0
        for index in cases.indices {
            guard let go = go[index], let swift = swift[index] else { continue }
            if swift.phase == go.phase && (swift.phase == "parse" || swift.output == go.output) { agreed += 1; continue }
            let shown = { (outcome: FuzzOutcome) in "\(outcome.phase) \(String(decoding: outcome.output, as: UTF8.self).debugDescription.prefix(300)) \(outcome.error)" }
            mismatches.append("\(Self.describe(cases[index].0, cases[index].1))\n  Go:    \(shown(go))\n  Swift: \(shown(swift))")
        }
        print("TemplateFuzz vs Go: \(cases.count) cases, \(agreed) agree, \(mismatches.count) differ")
        for mismatch in mismatches.prefix(15) { Issue.record(Comment(rawValue: mismatch)) }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) generated cases differ from Go (seed \(Self.seed))")
    }

    /// Runs a program to completion: its exit status, nil when a signal killed it, -1 when it was
    /// stopped after `timeout` seconds without adding to the file `stdout` (a stuck batch case).
    @discardableResult
    static func run(_ program: String, _ arguments: [String], in directory: String, stdin: String? = nil, stdout: String? = nil, timeout: Double = 120) -> Int32? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
        if let stdout { _ = FileManager.default.createFile(atPath: stdout, contents: nil) }
        process.standardOutput = stdout.flatMap { FileHandle(forWritingAtPath: $0) } ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        var size = 0, progress = Date()
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let now = stdout.flatMap { (try? FileManager.default.attributesOfItem(atPath: $0)[.size]) as? Int } ?? 0
            if now != size { (size, progress) = (now, Date()) }
            if Date().timeIntervalSince(progress) > timeout {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return -1
            }
        }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// Deep nesting in templates and data, run in a child process (`audit-router template --batch`), so
    /// that a stack overflow fails this test instead of killing the test runner. Go renders each.
    static let deepCases: [(String, String, String?)] = {
        let deepArrays = String(repeating: "[", count: 9000) + String(repeating: "]", count: 9000)
        let deepObjects = String(repeating: #"{"a":"#, count: 9000) + "1" + String(repeating: "}", count: 9000)
        return [
            ("100000 nested parentheses", "{{" + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + "}}", nil),
            ("20000 nested if blocks", String(repeating: "{{if 1}}", count: 20_000) + "x" + String(repeating: "{{end}}", count: 20_000), nil),
            ("20000 nested with blocks, unexecuted", "{{define \"z\"}}" + String(repeating: "{{with .}}", count: 20_000) + String(repeating: "{{end}}", count: 20_000) + "{{end}}", nil),
            ("100000 unclosed parentheses", "{{" + String(repeating: "(", count: 100_000), nil),
            ("{{.}} of arrays nested 9000 deep", "{{.}}", deepArrays),
            ("print of objects nested 9000 deep", "{{print .}}", deepObjects),
            ("printf %v, html, js, urlquery of nested arrays", #"{{printf "%v" .}}{{html .}}{{js .}}{{urlquery .}}"#, deepArrays),
            ("printf %#v of objects nested 9000 deep", #"{{printf "%#v" .}}"#, deepObjects),
            ("toJson of arrays nested 9000 deep", "{{toJson .}}", deepArrays),
            ("field chain 8999 long", "{{." + Array(repeating: "a", count: 8999).joined(separator: ".") + "}}", deepObjects),
            ("template recursion to Go's limit", #"{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}"#, "1"),
            ("template recursion through range to Go's limit", #"{{define "a"}}{{range .}}{{template "a" $}}{{end}}{{end}}{{template "a" .}}"#, "[1]"),
            ("recursive template walking arrays nested 5000 deep", #"{{define "w"}}{{range .}}{{template "w" .}}{{end}}{{end}}{{template "w" .}}"#,
             String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)),
            ("100000-stage pipeline", "{{1" + String(repeating: " | print", count: 100_000) + "}}", nil),
            ("huge printf widths", #"{{printf "%1000000000d|%.1000000000f|%*d" 1 1.5 9223372036854775807 1}}"#, nil),
        ]
    }()

    @Test("deep nesting in templates and data gives output or an error, never a crash",
          arguments: deepCases.indices)
    func deepNesting(_ index: Int) throws {
        let (name, text, json) = Self.deepCases[index]
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let batch = BatchRunner.swift(in: directory) else {
            print("TemplateFuzz: audit-router is not built (swift build): deep nesting case skipped")
            return
        }
        let outcome = try batch.run([(text, json ?? "null")], timeout: 60).results[0]
        #expect(outcome?.phase != "crash", "\(name): audit-router template --batch \(outcome?.error ?? "")")
    }
}
