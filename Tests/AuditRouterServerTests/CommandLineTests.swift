import Foundation
import Testing

/// The `audit-router` binary's `validate`, `preview` and `template` commands, run as users run them.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// A temporary folder with `files` written into it.
    final class Folder {
        let url: URL
        init(_ files: [String: String]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("audit-router-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static let repository = RouterProcess.binary.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the binary in `directory` with a clean environment and `stdin`, killed after 60 seconds.
    static func run(_ arguments: [String], in directory: URL, stdin: String? = nil) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: RouterProcess.binary.path) else {
            throw TestFailure("\(RouterProcess.binary.path) is missing: run `swift build` before the tests")
        }
        let io = directory.appendingPathComponent(".io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: io) }
        let out = io.appendingPathComponent("stdout"), err = io.appendingPathComponent("stderr"), input = io.appendingPathComponent("stdin")
        for file in [out, err, input] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        try (stdin ?? "").write(to: input, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = RouterProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    static let fliptEvent = """
        {"version": "0.2", "type": "flag", "action": "created",
         "metadata": {"actor": {"authentication": "token", "email": "ann@example.com"}},
         "payload": {"key": "new-checkout", "namespace_key": "default", "enabled": true},
         "timestamp": "2024-05-01T10:00:00Z", "status": "success"}
        """

    static let previewConfig = """
        meta:
          cluster: eu-1
        sinks:
          - name: hook
            url: 'https://hooks.test/{{.Type}}/{{.Payload.key}}'
            headers: { X-Cluster: '{{.Meta.cluster}}' }
            body: '{"text": {{printf "%s %s" .Type .Action | toJson}}}'
          - name: broken
            url: https://hooks.test
            body: 'not json {{.Type}}'
          - name: out
            type: stdout
        """

    // MARK: validate

    @Test func validateAcceptsTheShippedConfiguration() throws {
        let run = try Self.run(["validate", "--config", "config.yaml"], in: Self.repository)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try /config\.yaml: [0-9]+ sinks \(2 enabled\), [1-9][0-9]* sample renders, 0 problems\n/.wholeMatch(in: run.stdout) != nil, "\(run.stdout)")
    }

    static let brokenConfig = """
        server:
          listen: 127.0.0.1:0
          colour: blue
        sinks:
          - name: hook
            url: http://x/{{.Type
            body: '{{ if }}'
        """

    /// The start of each problem line, in file order.
    static let brokenProblems = [
        "bad.yaml:3:3: server.colour: unknown key (expected one of: listen, ",
        "bad.yaml:6:5: sinks[0].url: template: hook.url:1: unclosed action",
        "bad.yaml:7:5: sinks[0].body: template: hook.body:1: missing value for if",
    ]

    @Test func validateListsEveryProblemWithItsPlace() throws {
        let folder = try Folder(["bad.yaml": Self.brokenConfig])
        let run = try Self.run(["validate", "--config", "bad.yaml"], in: folder.url)
        #expect(run.status != 0)
        let output = run.stdout + run.stderr
        for problem in Self.brokenProblems { #expect(output.contains(problem), "\(output)") }
    }

    /// The README: "prints each problem with its place; exit 1 on problems".
    @Test func validateExitsWithStatusOneOnLoadProblems() throws {
        let folder = try Folder(["bad.yaml": Self.brokenConfig])
        #expect(try Self.run(["validate", "--config", "bad.yaml"], in: folder.url).status == 1)
    }

    /// Every line is `file:line:col: key: message`, so editors and scripts can read them.
    @Test func validatePrintsOnlyProblemLines() throws {
        let folder = try Folder(["bad.yaml": Self.brokenConfig])
        let run = try Self.run(["validate", "--config", "bad.yaml"], in: folder.url)
        let lines = (run.stdout + run.stderr).split(separator: "\n").map(String.init)
        #expect(lines.count == Self.brokenProblems.count, "\(lines)")
        for (line, problem) in zip(lines, Self.brokenProblems) { #expect(line.hasPrefix(problem)) }
    }

    @Test func validateReportsASinkWhoseSampleRenderFails() throws {
        let folder = try Folder(["c.yaml": "sinks:\n  - name: broken\n    url: https://hooks.test\n    body: 'not json {{.Type}}'\n"])
        let run = try Self.run(["validate", "--config", "c.yaml"], in: folder.url)
        #expect(run.status == 1)
        // One line per distinct problem, naming the samples it came from.
        let lines = run.stdout.split(separator: "\n").filter { $0.contains("rendered body is not valid JSON") }
        #expect(lines.count == 1, "\(run.stdout)")
        #expect(lines.first?.hasPrefix("c.yaml: sinks[0] (broken): broken: rendered body is not valid JSON") == true, "\(run.stdout)")
        #expect(lines.first?.contains("(sample: flipt flag:created, ") == true && lines.first?.contains("samples in all)") == true, "\(run.stdout)")
        #expect(run.stdout.hasSuffix(" 1 problems\n"))
    }

    /// A sink no sample reaches (a namespace none has, an action none is) is still rendered.
    @Test func validateRendersASinkNoSamplePassesAnyway() throws {
        let folder = try Folder(["c.yaml": """
            sinks:
              - name: eu
                url: https://hooks.test
                namespaces: [eu-west]
                body: '{"x": {{ .Payload.nope.deeper }}}'
              - name: archive
                url: https://hooks.test
                events: ["flag:archived"]
                body: '{"x": {{ .Payload.nope.deeper }}}'
            """])
        let run = try Self.run(["validate", "--config", "c.yaml"], in: folder.url)
        #expect(run.status == 1)
        for place in ["sinks[0] (eu)", "sinks[1] (archive)"] {
            #expect(run.stdout.contains("c.yaml: \(place): "), "\(run.stdout)")
        }
        #expect(run.stdout.contains("(no sample passes the sink's filters; rendered against samples outside them)"), "\(run.stdout)")
    }

    @Test func validateRejectsAURLThatCannotBeSentTo() throws {
        let folder = try Folder(["c.yaml": "sinks:\n  - name: a\n    url: hooks.slack.com/services/x\n  - name: b\n    url: ftp://files.test/x\n"])
        let run = try Self.run(["validate", "--config", "c.yaml"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stdout + run.stderr == """
            c.yaml:3:5: sinks[0].url: url has no scheme (it must start with http:// or https://)
            c.yaml:5:5: sinks[1].url: url has scheme "ftp" (only http and https are sent to)

            """)
    }

    /// A `when` that fails to execute routes nothing at run time (a routing problem for every
    /// event), so validate must report it like any other template that fails on the samples.
    @Test func validateReportsAWhenThatFailsOnTheSamples() throws {
        let folder = try Folder(["w.yaml": "sinks:\n  - name: w\n    url: https://hooks.test\n    when: '{{ .Nope }}'\n"])
        let run = try Self.run(["validate", "--config", "w.yaml"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("w.yaml: sinks[0] (w): when: "), "\(run.stdout)")
        #expect(run.stdout.contains(#"executing "w.when" at <.Nope>: can't evaluate field Nope"#), "\(run.stdout)")
    }

    // MARK: preview

    @Test func previewPrintsMethodURLHeadersAndBody() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig, "event.json": Self.fliptEvent])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--event", "event.json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 8, "\(run.stdout)")
        #expect(lines[0] == "POST https://hooks.test/flag/new-checkout")
        #expect(lines[1] == "X-Cluster: eu-1")
        #expect(lines[2] == "Content-Type: application/json")
        #expect(try /X-Audit-Router-Delivery: dlv_[0-9A-Z]{26}/.wholeMatch(in: lines[3]) != nil)
        #expect(lines[4] == "X-Audit-Router-Event: flag:created")
        #expect(lines[5] == "")
        #expect(lines[6] == #"{"text": "flag created"}"#)
        #expect(lines[7] == "")
    }

    @Test func previewOfASinkWithoutABodyPrintsFliptJSON() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig, "event.json": Self.fliptEvent])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "out", "--event", "event.json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(
            #"{"version":"0.2","type":"flag","action":"created","metadata":{"actor":{"authentication":"token","email":"ann@example.com"}},"payload":{"enabled":true,"key":"new-checkout","namespace_key":"default"},"timestamp":"2024-05-01T10:00:00Z","status":"success"}"# + "\n"))
    }

    @Test func previewRendersASampleAlert() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--alert", "delivery:dead"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("POST https://hooks.test/delivery/webhook\n"), "\(run.stdout)")
        #expect(run.stdout.contains("X-Audit-Router-Event: delivery:dead\n"))
        #expect(run.stdout.hasSuffix(#"{"text": "delivery dead"}"# + "\n"))
        let unknown = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--alert", "sink:down"], in: folder.url)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains(#"unknown alert "sink:down" (sink:failing, sink:recovered, sink:paused, sink:resumed, delivery:dead)"#), "\(unknown.stderr)")
        let neither = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook"], in: folder.url)
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("give either --event FILE or --alert KIND"), "\(neither.stderr)")
    }

    @Test func previewNotesWhenTheSinksFiltersLeaveTheEventOut() throws {
        let config = Self.previewConfig + "\n  - name: segments\n    type: stdout\n    events: [\"segment:*\"]\n"
        let folder = try Folder(["c.yaml": config, "event.json": Self.fliptEvent, "none.json": "[]"])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "segments", "--event", "event.json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""type":"flag""#))  // rendered all the same
        #expect(run.stderr == "note: sink segments would not receive this flag:created event: its events, namespaces or when filter leaves it out\n")
        let hook = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--event", "event.json"], in: folder.url)
        #expect(hook.stderr.isEmpty, "\(hook.stderr)")
        let alert = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--alert", "sink:paused"], in: folder.url)
        #expect(alert.stderr == "note: sink hook would not receive this sink:paused alert: its alerts do not select it\n")
        let empty = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--event", "none.json"], in: folder.url)
        #expect(empty.status != 0)
        #expect(empty.stderr == "none.json: no events in the file\n")
    }

    @Test func previewFailsClearlyForAnUnknownSink() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig, "event.json": Self.fliptEvent])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "nope", "--event", "event.json"], in: folder.url)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(#"no sink named "nope" in c.yaml (sinks: hook, broken, out)"#), "\(run.stderr)")
    }

    @Test func previewFailsClearlyForABodyThatIsNotJSON() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig, "event.json": Self.fliptEvent])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "broken", "--event", "event.json"], in: folder.url)
        #expect(run.status != 0)
        #expect(run.stderr.contains("sink broken: broken: rendered body is not valid JSON"), "\(run.stderr)")
        #expect(!run.stderr.contains("not json flag"))
    }

    @Test func previewFailsClearlyForAnEventThatIsNotAFliptEvent() throws {
        let folder = try Folder(["c.yaml": Self.previewConfig, "event.json": #"{"type": "flag"}"#])
        let run = try Self.run(["preview", "--config", "c.yaml", "--sink", "hook", "--event", "event.json"], in: folder.url)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("event.json: "), "\(run.stderr)")
    }

    // MARK: template

    @Test func templateRendersAFileWithData() throws {
        let folder = try Folder(["t.tmpl": #"{{.name | printf "%q"}} has {{len .items}} items{{range .items}} {{.}}{{end}}"#, "d.json": #"{"name": "Ann", "items": [1, 2.5, "x"]}"#])
        let run = try Self.run(["template", "t.tmpl", "d.json"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stdout == #""Ann" has 3 items 1 2.5 x"#)
        #expect(run.stderr.isEmpty)
    }

    @Test func templateWithoutDataRendersText() throws {
        let folder = try Folder(["t.tmpl": "{{ toJson \"<a&b>\" }} {{ 3 | printf \"%03d\" }}\n"])
        let run = try Self.run(["template", "t.tmpl"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stdout == "\"\\u003ca\\u0026b\\u003e\" 003\n")
    }

    @Test func templateExecErrorPrintsPartialOutputAndTheErrorAndExitsOne() throws {
        let folder = try Folder(["t.tmpl": "a{{.x}}b{{index .y 5}}c", "d.json": #"{"x": 1, "y": [1]}"#])
        let run = try Self.run(["template", "--name", "page", "t.tmpl", "d.json"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stdout == "a1b")
        #expect(run.stderr == "template: page:1:10: executing \"page\" at <index .y 5>: error calling index: index out of range: 5\n")
    }

    @Test func templateParseErrorExitsOneWithNothingRendered() throws {
        let folder = try Folder(["t.tmpl": "ok {{ if }}"])
        let run = try Self.run(["template", "t.tmpl"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "template: :1: missing value for if\n")
    }

    @Test func templateBatchAnswersOneLinePerCase() throws {
        let input = """
            {"id": 1, "template": "{{.a}}", "data": {"a": "x"}}

            {"id": "two", "template": "{{if}}"}
            {"id": 3, "template": "a{{index .b 3}}", "data": {"b": []}, "name": "n"}
            {"id": 4, "template": "x", "data": {"a": [1, -1e309]}}
            {"id": 5, "template": "y", "data": 1, "extra": 1e999}
            {"id": 6, "template": "z"

            """
        let run = try Self.run(["template", "--batch"], in: Self.repository, stdin: input)
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").map(String.init) == [
            #"{"id":1,"output":"x"}"#,
            #"{"id":"two","error":"template: :1: missing value for if","phase":"parse"}"#,
            #"{"id":3,"output":"a","error":"template: n:1:3: executing \"n\" at <index .b 3>: error calling index: index out of range: 3","phase":"exec"}"#,
            // Data the data model rejects is a data error naming the case; members the protocol does not use are ignored.
            #"{"id":4,"error":"data: number -1e309 does not fit a float64: strconv.ParseFloat: parsing \"-1e309\": value out of range","phase":"data"}"#,
            #"{"id":5,"output":"y"}"#,
            #"{"id":null,"error":"input: json: cannot unmarshal into a case object","phase":"input"}"#,
        ])
    }
}
