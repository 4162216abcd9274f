import Foundation
import Testing

@testable import AuditRouterServer

/// The alerting rules shipped in `docs/alerts.yml`: they name only series the router serves, and
/// (where `promtool` is installed, as `.ci/run` does) they are valid and fire as their unit tests
/// in `docs/alerts.test.yml` expect.
@Suite struct AlertRulesTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    /// `promtool` on the `PATH`, if any.
    static let promtool: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        .split(separator: ":").map { "\($0)/promtool" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("every series the rules name, and every label value they select on, is one the router serves")
    func rulesNameServedSeries() throws {
        let rules = try String(contentsOf: Self.docs.appendingPathComponent("alerts.yml"), encoding: .utf8)
        let metrics = RouterMetrics(sinks: ["siem"])
        metrics.eventRejected(source: "flipt", reason: "backpressure")
        metrics.attemptFinished(sink: "siem", outcome: "retry", duration: .seconds(6))
        metrics.attemptFinished(sink: "siem", outcome: "delivered", duration: .milliseconds(3))
        let exposition = Exposition(metrics).text
        let names = Set(rules.matches(of: /audit_router_[a-z_]+/).map { String($0.output) })
        #expect(names.count == 6, "\(names.sorted())")
        for name in names {
            #expect(exposition.contains("\n\(name){") || exposition.contains("\n\(name) "), "\(name) is not served")
        }
        for selector in rules.matches(of: /(outcome|reason)(!?=)"([a-z_]+)"/) {
            #expect(exposition.contains("\(selector.output.1)=\"\(selector.output.3)\""), "no series has \(selector.output.0)")
        }
    }

    @Test("promtool: the rules are valid and fire as docs/alerts.test.yml expects", .enabled(if: promtool != nil))
    func promtoolChecksAndTestsTheRules() throws {
        for arguments in [["check", "rules", "alerts.yml"], ["test", "rules", "alerts.test.yml"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.promtool!)
            process.arguments = arguments
            process.currentDirectoryURL = Self.docs
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "promtool \(arguments.joined(separator: " ")):\n\(text)")
        }
    }
}
