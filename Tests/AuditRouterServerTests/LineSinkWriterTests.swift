import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

/// `stdout` and `file` sinks: one line per event.
@Suite struct LineSinkWriterTests {
    static func line(_ body: String) -> String {
        String(decoding: LineSinkWriter.singleLine(Array(body.utf8)), as: UTF8.self)
    }

    // MARK: JSON bodies

    @Test func prettyJSONIsCompactedWithoutReorderingKeys() {
        let pretty = """
            {
              "zeta": 1,
              "alpha": [1, 2, {"b": true, "a": null}],
            \t"mid": { }
            }

            """
        #expect(Self.line(pretty) == #"{"zeta":1,"alpha":[1,2,{"b":true,"a":null}],"mid":{}}"#)
    }

    @Test func crlfJSONIsCompacted() {
        #expect(Self.line("{\r\n  \"a\": 1\r\n}\r\n") == #"{"a":1}"#)
    }

    @Test func compactJSONIsUnchanged() {
        let compact = #"{"version":"0.2","type":"flag","payload":{"key":"k","rollout":50.5}}"#
        #expect(Self.line(compact) == compact)
    }

    @Test func spacesInsideStringsAreKept() {
        #expect(Self.line(#"{ "text" : "flag   created by  Ann" }"#) == #"{"text":"flag   created by  Ann"}"#)
    }

    @Test func escapedQuotesDoNotEndAString() {
        #expect(Self.line(#"{ "text": "say \"a  b\" now", "n": 1 }"#) == #"{"text":"say \"a  b\" now","n":1}"#)
    }

    @Test func anEscapedBackslashBeforeTheClosingQuoteEndsTheString() {
        #expect(Self.line(#"{ "path": "C:\\", "next": "x  y" , "k": [ 1 ] }"#) == #"{"path":"C:\\","next":"x  y","k":[1]}"#)
    }

    @Test func escapedLineBreaksInStringsStayEscaped() {
        #expect(Self.line(#"{ "text": "one\ntwo\t three" }"#) == #"{"text":"one\ntwo\t three"}"#)
    }

    @Test func nonASCIITextIsKept() {
        #expect(Self.line("{ \"text\": \"Kasse «neu» ✓  ok\" }") == "{\"text\":\"Kasse «neu» ✓  ok\"}")
    }

    @Test func aTopLevelJSONStringIsKept() {
        #expect(Self.line("  \"a  b\"\n") == "\"a  b\"")
    }

    // MARK: other bodies

    @Test func aTextBodyKeepsOneLine() {
        #expect(Self.line("flag created\nby Ann\r\nat noon") == #"flag created\nby Ann\nat noon"#)
    }

    /// Template files end with a line break; the line must not end with a literal `\n`.
    @Test func aTextBodysTrailingLineBreakIsNotEscaped() {
        #expect(Self.line("flag created by Ann\n") == "flag created by Ann")
    }

    @Test func aTextBodyKeepsItsSpaces() {
        #expect(Self.line("  flag  created  ") == "  flag  created  ")
    }

    @Test func brokenJSONIsTreatedAsText() {
        #expect(Self.line("{\"a\": 1,\n \"b\": }") == #"{"a": 1,\n "b": }"#)
    }

    @Test func noBodyIsAnEmptyLine() {
        #expect(Self.line("").isEmpty)
    }

    @Test(arguments: [
        "{\n\"a\": 1\n}", "{\"a\":\n\n\"b\"}", "text\nwith\nlines\n", "[\n1,\n2\n]", "plain\r\nwindows\r\n",
    ])
    func theLineNeverHoldsALineBreak(body: String) {
        #expect(!LineSinkWriter.singleLine(Array(body.utf8)).contains(0x0A))
    }

    // MARK: writing files

    @Test func aFileSinkAppendsOneLinePerBody() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("line-sink-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/events.jsonl").path
        let sink = try SinkConfiguration(name: "file", kind: .file, filePath: path)
        let writer = LineSinkWriter()
        #expect(await writer.write(Array("{\n  \"n\": 1\n}".utf8), sink: sink) == .written)
        #expect(await writer.write(Array("{\"n\": 2}".utf8), sink: sink) == .written)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"n\":1}\n{\"n\":2}\n")
        // Concurrent writers: every line whole, none lost.
        await withTaskGroup { group in
            for n in 3...50 { group.addTask { _ = await writer.write(Array("{\"n\": \(n)}".utf8), sink: sink) } }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(Set(lines) == Set((1...50).map { "{\"n\":\($0)}"[...] }))
    }

    @Test func anHTTPSinkIsRejected() async throws {
        let sink = try SinkConfiguration(name: "web", url: "https://hooks.test")
        #expect(await LineSinkWriter().write(Array("{}".utf8), sink: sink) == .rejected("not a line sink"))
    }

    @Test func aFileThatCannotBeOpenedIsAConnectionFailure() async throws {
        let sink = try SinkConfiguration(name: "file", kind: .file, filePath: "/proc/audit-router-cannot-write-here/events.jsonl")
        let outcome = await LineSinkWriter().write(Array("{}".utf8), sink: sink)
        guard case .connectionFailed(let message) = outcome else {
            Issue.record("expected connectionFailed, got \(outcome)")
            return
        }
        #expect(message.hasPrefix("/proc/audit-router-cannot-write-here/events.jsonl: "))
    }
}
