import Foundation
import Testing

@testable import AuditRouter

/// The repository's own `config.yaml`, which must work on a fresh machine with nothing set.
@Suite struct ConfigurationShippedFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let path = repository.appendingPathComponent("config.yaml").path

    /// Every sink the shipped file declares, in order.
    static let sinkNames = [
        "stdout", "events-file", "slack", "ops-slack", "teams", "discord", "splunk", "datadog", "elastic", "pagerduty", "cloudevents",
        "webhook",
    ]

    @Test func loadsWithAnEmptyEnvironment() throws {
        let config = try ConfigurationLoader.load(path: Self.path, environment: [:])
        #expect(config.server.listen == "127.0.0.1:8080")
        #expect(config.server.ingestToken == nil && config.server.adminToken == nil)
        #expect(config.spool.path == Self.repository.appendingPathComponent("data/spool.sqlite").path)
        #expect(config.sources.count == 4 && config.sources.values.allSatisfy { $0.secret == nil })
        #expect(config.sinks.map(\.name) == Self.sinkNames)
        #expect(config.sinks.filter(\.enabled).map(\.name) == ["stdout", "events-file"])
        #expect(config.sinks[0].kind == .stdout)
        #expect(config.sinks[1].kind == .file)
        #expect(config.sinks[1].filePath == Self.repository.appendingPathComponent("data/events.jsonl").path)
        for sink in config.sinks.dropFirst(2) {
            #expect(sink.kind == .http && sink.bodyFile?.hasSuffix(".tmpl") == true, "\(sink.name)")
        }
    }

    @Test func eachHTTPSinkTurnsOnWithItsVariable() throws {
        let environment = [
            "SLACK_WEBHOOK_URL": "https://hooks.slack.test/1", "OPS_SLACK_WEBHOOK_URL": "https://hooks.slack.test/ops", "TEAMS_WEBHOOK_URL": "https://teams.test/1",
            "DISCORD_WEBHOOK_URL": "https://discord.test/1", "SPLUNK_HEC_URL": "https://splunk.test:8088/services/collector/event",
            "SPLUNK_HEC_TOKEN": "t", "DATADOG_API_KEY": "k", "ELASTIC_URL": "https://es.test:9200/audit/_doc",
            "PAGERDUTY_ROUTING_KEY": "r", "CLOUDEVENTS_URL": "https://ce.test/", "WEBHOOK_URL": "https://hook.test/",
            "STDOUT_ENABLED": "false",
        ]
        let config = try ConfigurationLoader.load(path: Self.path, environment: environment)
        #expect(config.sinks.filter(\.enabled).map(\.name) == Array(Self.sinkNames.dropFirst()))
        let data = sampleEvent.templateValue(meta: config.meta)
        let urls = try config.sinks.compactMap { try $0.urlTemplate?.render(data) }
        #expect(urls.contains("https://http-intake.logs.datadoghq.com/api/v2/logs"))
        #expect(urls.contains("https://hooks.slack.test/1"))
        let splunk = try #require(config.sinks.first { $0.name == "splunk" })
        #expect(try splunk.headerTemplates.first { $0.name == "Authorization" }?.template.render(data) == "Splunk t")
        #expect(config.meta["pagerduty_routing_key"] == "r")
        let ops = try #require(config.sinks.first { $0.name == "ops-slack" })
        #expect(ops.events.patternTexts.isEmpty && ops.alerts.patternTexts == ["*:*"])
        #expect(config.alerting == AlertingSettings(failingAfter: 5, groupInterval: .seconds(300)))
        // Splunk needs its token too: a URL alone would send `Authorization: Splunk` and be refused.
        let urlOnly = try ConfigurationLoader.load(path: Self.path, environment: ["SPLUNK_HEC_URL": "https://splunk.test:8088/services/collector/event"])
        #expect(urlOnly.sinks.first { $0.name == "splunk" }?.enabled == false)
    }
}
