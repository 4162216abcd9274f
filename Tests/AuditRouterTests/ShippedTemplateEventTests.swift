// PagerDuty Events API v2 and CloudEvents 1.0: the attributes each requires, ids that let the
// receiver deduplicate retried deliveries, and the event carried along unchanged.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct ShippedTemplateEventTests {
    @Test func pagerDutyIsATriggerEventDeduplicatedByEventID() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.pagerduty.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["routing_key"].string == "R0123456789ABCDEF0123456789ABCDE", "\(label)")
            #expect(json["event_action"].string == "trigger" && json["dedup_key"].string == event.id, "\(label)")
            let payload = json["payload"]
            let summary = try #require(payload["summary"].string, "\(label)")
            #expect((1...1024).contains(summary.utf16.count), "\(label)")
            #expect(ShippedText.shows(summary, ShippedText.key(event)) && ShippedText.shows(summary, ShippedText.actor(event)), "\(label)")
            #expect(payload["source"].string?.hasPrefix(event.sourceName) == true, "\(label)")
            #expect(payload["severity"].string == (event.action == "deleted" ? "warning" : "info"), "\(label)")
            #expect(payload["timestamp"].string == event.timestamp, "\(label)")
            #expect(payload["component"].string == event.type && payload["class"].string == event.nounVerb, "\(label)")
            #expect(payload["group"].string == event.namespace ?? event.sourceName, "\(label)")
            let details = payload["custom_details"]
            #expect(details["id"].string == event.id && details["status"].string == event.status, "\(label)")
            #expect(details["actor"].value == ShippedText.actorJSON(event), "\(label)")
            #expect(details["payload"].value == event.payload && details["changes"].value == event.changes, "\(label)")
            #expect(details["before"].value == ShippedText.beforeUnlessPayload(event), "\(label)")
        }
    }

    @Test("PagerDuty (512 KB) and Datadog (1 MB) bodies stay within their limits: a delete's before-state is not sent twice, a huge part is cut")
    func largeEventsStayWithinTheLimits() throws {
        let rules: Value = .array((0..<4000).map { .map(ValueMap([("id", .string("rule-\($0)")), ("segment", .string(String(repeating: "s", count: 60)))])) })
        let flag: Value = .map(ValueMap([("key", .string("checkout")), ("rules", rules)]))
        let deleted = Event(id: "e", source: .goflagship, type: "flag", action: "deleted", payload: flag, timestamp: "2024-09-18T08:00:00Z", before: flag)
        #expect(try flag.jsonBytes(escapeHTML: true).count > 300_000)
        let (pagerduty, pagerdutyJSON) = try ShippedTemplate.pagerduty.render(deleted)
        #expect(pagerduty.utf8.count < 512 * 1024)
        let details = pagerdutyJSON["payload"]["custom_details"]
        #expect(details["before"].value == .null)
        #expect(details["payload"].string?.hasPrefix(#"{"key":"checkout","rules":[{"id":"rule-0""#) == true && details["payload"].string?.hasSuffix("…") == true)
        let (datadog, datadogJSON) = try ShippedTemplate.datadog.render(deleted)
        #expect(datadog.utf8.count < 1_000_000)
        #expect(datadogJSON[0]["audit"]["before"].value == .null && datadogJSON[0]["audit"]["payload"].string?.hasSuffix("…") == true)
    }

    @Test func pagerDutyCutsALongSummaryAndSendsAnEmptyKeyWhenNoneIsSet() throws {
        let event = Event(
            id: "e", source: .flipt, type: "flag", action: "deleted", actor: Actor(name: String(repeating: "ü", count: 700)),
            payload: ["key": .string(String(repeating: "k", count: 500))], timestamp: "2024-09-18T08:00:00Z")
        let json = try ShippedTemplate.pagerduty.render(event, meta: ValueMap()).json
        let summary = try #require(json["payload"]["summary"].string)
        #expect(summary.utf16.count <= 1024 && summary.unicodeScalars.count == 501 && summary.hasSuffix("…"))
        #expect(summary.hasPrefix("flag " + String(repeating: "k", count: 495)))
        // PagerDuty rejects an empty routing key with 400, which dead-letters the delivery.
        #expect(json["routing_key"].string == "")
    }

    @Test func cloudEventsIsAStructuredEventWhoseDataIsFliptsJSON() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.cloudevents.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["specversion"].string == "1.0" && json["id"].string == event.id, "\(label)")
            #expect(json["source"].string == "/audit-router/\(event.sourceName)", "\(label)")
            #expect(json["type"].string == "io.flipt.audit.\(event.type).\(event.action)", "\(label)")
            #expect(json["time"].string == event.timestamp, "\(label)")
            #expect(json["datacontenttype"].string == "application/json", "\(label)")
            #expect(json["data"].value == (try Value(json: event.fliptJSON)), "\(label)")
            let key = ShippedText.key(event)
            #expect(json["subject"].string == (key.isEmpty ? nil : key), "\(label)")
            #expect(json["namespace"].string == event.namespace, "\(label)")
            // Attribute names: lower-case letters and digits only (CloudEvents 1.0, "Attribute Naming Convention").
            let names = try #require(json.object, "\(label)").keys
            #expect(names.allSatisfy { name in !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }, "\(label)")
        }
    }

    @Test func cloudEventsSourceComesFromMeta() throws {
        let meta = ValueMap([("cloudevents_source", "https://router.example.com")])
        let json = try ShippedTemplate.cloudevents.render(ShippedEvents.own[1], meta: meta).json
        #expect(json["source"].string == "https://router.example.com/goflagship")
    }
}
