import Foundation
import GoTemplate
import Testing

@testable import AuditRouter

/// Operator alerts as events, their routing, their configuration, and the shipped templates
/// rendering them.
@Suite struct OperatorAlertModelTests {
    @Test func kindsSplitIntoTypeAndAction() {
        #expect(AlertKind.allCases.map { "\($0.type)|\($0.action)" } == [
            "sink|failing", "sink|recovered", "sink|paused", "sink|resumed", "delivery|dead",
        ])
        let filter = try! EventFilter(["sink:*"])
        #expect(AlertKind.allCases.filter { $0.isSelected(by: filter) } == [.sinkFailing, .sinkRecovered, .sinkPaused, .sinkResumed])
        #expect(!AlertKind.deliveryDead.isSelected(by: .none))
    }

    @Test func anAlertIsAFliptShapedEventFromTheRouter() throws {
        let alert = OperatorAlert.paused(sink: "splunk", reason: "paused through the admin API", automatic: false)
        let event = alert.event(id: "evt_1", at: Date(timeIntervalSince1970: 1_726_541_406))
        #expect(event.source == nil && event.sourceName == "audit-router")
        #expect(event.nounVerb == "sink:paused")
        #expect(String(decoding: event.fliptJSON, as: UTF8.self) == #"{"version":"0.2","type":"sink","action":"paused","metadata":{"actor":{"name":"audit-router"}},"payload":{"automatic":false,"description":"splunk paused through the admin API","key":"splunk","reason":"paused through the admin API","sink":"splunk"},"timestamp":"2024-09-17T02:50:06Z","status":"success"}"#)
        // The spool gives it back whole, source included.
        let stored = try #require(Event(storageValue: event.storageValue))
        #expect(stored == event)
        #expect(try Template(name: "t", text: "{{.Source}}", functions: .standard).render(event.templateValue()) == "audit-router")
    }

    @Test func aStoredEventWithAnUnknownSourceIsRefused() {
        var value = OperatorAlert.resumed(sink: "s", requeued: 1).event(id: "evt_1", at: Date()).storageValue
        if case .map(let map) = value {
            value = .map(ValueMap(zip(map.keys, map.values).map { $0.0 == "source" ? ($0.0, .string("nagios")) : $0 }))
        }
        #expect(Event(storageValue: value) == nil)
    }

    @Test func deadLetterAlertsCountAndNameTheLatest() {
        let letter = DeadLetter(deliveryID: "dlv_2", eventID: "evt_2", eventType: "flag:deleted", attempts: 3, statusCode: nil, error: "timed out")
        let one = OperatorAlert.deadLetters(sink: "hook", count: 1, since: Date(timeIntervalSince1970: 0), last: letter)
        #expect(one.description == "a delivery to hook failed for good (last: timed out)")
        let many = OperatorAlert.deadLetters(sink: "hook", count: 4, since: Date(timeIntervalSince1970: 0), last: letter)
        #expect(many.description == "4 deliveries to hook failed for good (last: timed out)")
        #expect(many.details["dead_letters"] == .int64(4))
        #expect(many.details["status_code"] == .null)
        #expect(many.details["since"] == .string("1970-01-01T00:00:00Z"))
    }

    @Test func alertsGoToTheSinksThatSelectThemButNeverToTheSinkTheyAreAbout() throws {
        let sinks = [
            try SinkConfiguration(name: "broken", url: "http://x", alerts: EventFilter(["*:*"])),
            try SinkConfiguration(name: "ops", url: "http://x", events: .none, alerts: EventFilter(["sink:*"])),
            try SinkConfiguration(name: "pager", url: "http://x", namespaces: ["production"], when: "false", alerts: EventFilter(["delivery:dead"])),
            try SinkConfiguration(name: "off", enabled: false, url: "http://x", alerts: .all),
            try SinkConfiguration(name: "audit", url: "http://x"),
        ]
        let router = EventRouter(sinks: sinks, meta: ValueMap())
        let paused = OperatorAlert.paused(sink: "broken", reason: "r", automatic: true).event(id: "evt_p", at: Date())
        #expect(router.routeAlert(paused, about: "broken").map(\.sink) == ["ops"])
        let dead = OperatorAlert.samples(sink: "broken").last!.event(id: "evt_d", at: Date())
        // `namespaces` and `when` do not apply to alerts.
        #expect(router.routeAlert(dead, about: "broken").map(\.sink) == ["pager"])
        #expect(router.routeAlert(dead, about: "ops").map(\.sink) == ["broken", "pager"])
        #expect(router.routeAlert(dead, about: "ops").allSatisfy { $0.eventID == "evt_d" && $0.id.hasPrefix("dlv_") })
        // An audit event never reaches a sink through its `alerts`; an alert-only sink takes no audit event.
        let audit = Event(id: "evt_a", source: .flipt, type: "sink", action: "paused", timestamp: "t")
        #expect(router.route([audit]).map(\.sink) == ["broken", "audit"])
    }

    @Test func configuration() throws {
        let fixture = try ConfigurationFixture()
        let config = try fixture.load("""
            alerting:
              failing_after: 3
              group_interval: 30s
            sinks:
              - name: ops
                url: http://ops
                events: []
                alerts: ["sink:*", "delivery:dead"]
              - name: audit
                url: http://audit
            """)
        #expect(config.alerting == AlertingSettings(failingAfter: 3, groupInterval: .seconds(30)))
        #expect(config.sinks[0].alerts.patternTexts == ["sink:*", "delivery:dead"])
        #expect(config.sinks[0].events.patternTexts == [])
        #expect(config.sinks[1].alerts.patternTexts == [])
        let defaults = try fixture.load("sinks: []\n")
        #expect(defaults.alerting == AlertingSettings(failingAfter: 5, groupInterval: .seconds(300)))
    }

    @Test func configurationProblems() throws {
        let fixture = try ConfigurationFixture()
        let problems = try fixture.problems("""
            alerting:
              failing_after: 0
              group_interval: often
              repeat: 5m
            sinks:
              - name: ops
                url: http://ops
                alerts: ["sink:pausd", "flag:*", "sink", "*:dead"]
            """)
        #expect(problems == [
            "config.yaml:2:3: alerting.failing_after: must be at least 1, got 0",
            #"config.yaml:3:3: alerting.group_interval: invalid duration "often" (use 500ms, 10s, 5m, 24h)"#,
            "config.yaml:4:3: alerting.repeat: unknown key (expected one of: failing_after, group_interval)",
            #"config.yaml:8:14: sinks[0].alerts[0]: "sink:pausd" selects no alert (the alerts are: sink:failing, sink:recovered, sink:paused, sink:resumed, delivery:dead)"#,
            #"config.yaml:8:28: sinks[0].alerts[1]: "flag:*" selects no alert (the alerts are: sink:failing, sink:recovered, sink:paused, sink:resumed, delivery:dead)"#,
            #"config.yaml:8:38: sinks[0].alerts[2]: invalid event filter "sink": expected noun:verb, each a name or *"#,
        ])
    }

    @Test func anEmptyEventsListNeedsAlerts() throws {
        let fixture = try ConfigurationFixture()
        #expect(try fixture.problems("sinks:\n  - name: idle\n    url: http://x\n    events: []\n") == [
            "config.yaml:4:5: sinks[0].events: empty list: the sink would receive nothing (leave the key out for every event, or give the sink alerts)",
        ])
        #expect(try fixture.problems("sinks:\n  - name: ops\n    url: http://x\n    events: []\n    alerts: [\"sink:paused\"]\n") == [])
        // A bad `alerts` is the one problem named, not also the empty `events`.
        #expect(try fixture.problems("sinks:\n  - name: ops\n    url: http://x\n    events: []\n    alerts: [\"flag:*\"]\n").count == 1)
    }

    @Test func anEmptyAlertsListIsNamed() throws {
        let fixture = try ConfigurationFixture()
        let emptyAlerts = "config.yaml:4:5: sinks[0].alerts: empty list: leave the key out for no alerts, or list the alerts the sink receives "
            + "(sink:failing, sink:recovered, sink:paused, sink:resumed, delivery:dead)"
        #expect(try fixture.problems("sinks:\n  - name: ops\n    url: http://x\n    alerts: []\n") == [emptyAlerts])
        // With `events: []` too, the empty `alerts` is the problem named.
        #expect(try fixture.problems("sinks:\n  - name: ops\n    url: http://x\n    alerts: []\n    events: []\n") == [emptyAlerts])
    }

    @Test(arguments: ShippedTemplate.allCases)
    func everyShippedTemplateRendersEveryAlert(_ template: ShippedTemplate) throws {
        for alert in OperatorAlert.samples(sink: "splunk") {
            let (body, json) = try template.render(alert.event(id: "evt_01J7XKQ8ZT4N5P6Q7R8S9T0V1W", at: Date()))
            #expect(json.value != nil, "\(template.fileName) for \(alert.kind.rawValue): \(body)")
            #expect(body.contains("splunk"), "\(template.fileName) names the sink for \(alert.kind.rawValue)")
        }
    }
}
