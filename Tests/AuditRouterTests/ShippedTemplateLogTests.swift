// Splunk HEC, Datadog logs and Elasticsearch: the fields each intake requires, with the right
// types, and the whole event carried along unchanged.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct ShippedTemplateLogTests {
    @Test func splunkIsAnHECEventWithTheWholeEvent() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.splunkHEC.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["host"].string == "router-1.example.com", "\(label)")
            #expect(json["source"].string == event.sourceName, "\(label)")
            #expect(json["sourcetype"].string == "audit_router:event", "\(label)")
            // No date arithmetic in templates: `time` is left out rather than guessed.
            #expect(json["time"].isMissing && json["index"].isMissing, "\(label)")
            let body = json["event"]
            #expect(body["id"].string == event.id && body["source"].string == event.sourceName, "\(label)")
            #expect(body["namespace"].string == event.namespace, "\(label)")
            #expect(body["version"].string == event.version && body["timestamp"].string == event.timestamp, "\(label)")
            #expect(body["type"].string == event.type && body["action"].string == event.action && body["status"].string == event.status, "\(label)")
            #expect(body["actor"].value == ShippedText.actorJSON(event), "\(label)")
            #expect(body["payload"].value == event.payload && body["before"].value == event.before && body["changes"].value == event.changes, "\(label)")
            // Indexed fields: strings only.
            let fields = try #require(json["fields"].object, "\(label)")
            #expect(fields.values.allSatisfy { if case .string = $0 { true } else { false } }, "\(label)")
            #expect(fields["audit_action"] == .string(event.action) && fields["namespace"] == event.namespace.map(Value.string), "\(label)")
        }
    }

    @Test func splunkReadsIndexSourcetypeAndHostFromMeta() throws {
        let event = ShippedEvents.own[0]
        let meta = ValueMap([("hostname", "h"), ("splunk_index", "audit"), ("splunk_sourcetype", "flipt:audit")])
        let json = try ShippedTemplate.splunkHEC.render(event, meta: meta).json
        #expect(json["index"].string == "audit" && json["sourcetype"].string == "flipt:audit" && json["host"].string == "h")
        #expect(try ShippedTemplate.splunkHEC.render(event, meta: ValueMap()).json["host"].string == "audit-router")
    }

    @Test func datadogIsAnArrayOfOneLogWithReservedAndStandardAttributes() throws {
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.datadog.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            let logs = try #require(json.array, "\(label)")
            #expect(logs.count == 1, "\(label)")
            let log = logs[0]
            #expect(log["ddsource"].string == event.sourceName, "\(label)")
            #expect(log["hostname"].string == "router-1.example.com" && log["service"].string == "audit-router", "\(label)")
            let tags = try #require(log["ddtags"].string, "\(label)").split(separator: ",").map(String.init)
            #expect(tags.starts(with: ["audit_source:\(event.sourceName)", "audit_type:\(event.type)", "audit_action:\(event.action)", "audit_status:\(event.status)"]), "\(label)")
            #expect(tags.contains("namespace:\(event.namespace ?? "")") == (event.namespace != nil), "\(label)")
            let message = try #require(log["message"].string, "\(label)")
            #expect(message.hasPrefix(event.type) && ShippedText.shows(message, ShippedText.key(event)), "\(label)")
            let warn = event.status != "success" || event.action == "deleted"
            #expect(log["status"].string == (warn ? "warn" : "info"), "\(label)")
            #expect(log["evt"]["name"].string == event.nounVerb, "\(label)")
            #expect(log["evt"]["outcome"].string == (event.status == "success" ? "success" : "failure"), "\(label)")
            #expect(log["usr"].isMissing == event.actor.isEmpty, "\(label)")
            #expect(log["usr"]["email"].string == (event.actor.email.isEmpty ? nil : event.actor.email), "\(label)")
            #expect(log["usr"]["name"].string == (event.actor.name.isEmpty ? nil : event.actor.name), "\(label)")
            #expect(log["network"]["client"]["ip"].string == (event.actor.ip.isEmpty ? nil : event.actor.ip), "\(label)")
            // The event's time is kept out of Datadog's reserved date attributes.
            #expect(log["timestamp"].isMissing && log["date"].isMissing, "\(label)")
            let audit = log["audit"]
            #expect(audit["id"].string == event.id && audit["timestamp"].string == event.timestamp, "\(label)")
            #expect(audit["actor"].value == ShippedText.actorJSON(event), "\(label)")
            #expect(audit["payload"].value == event.payload && audit["changes"].value == event.changes, "\(label)")
            #expect(audit["before"].value == ShippedText.beforeUnlessPayload(event), "\(label)")
        }
    }

    @Test func datadogAppendsTagsAndServiceFromMeta() throws {
        let meta = ValueMap([("hostname", "h"), ("datadog_tags", "env:prod,team:platform"), ("datadog_service", "flags")])
        let log = try ShippedTemplate.datadog.render(ShippedEvents.own[1], meta: meta).json[0]
        #expect(log["ddtags"].string?.hasSuffix(",namespace:staging,env:prod,team:platform") == true)
        #expect(log["service"].string == "flags" && log["hostname"].string == "h")
        let bare = try ShippedTemplate.datadog.render(ShippedEvents.own[1], meta: ValueMap()).json[0]
        #expect(bare["hostname"].string == "audit-router" && bare["service"].string == "audit-router")
        #expect(bare["ddtags"].string?.hasSuffix(",namespace:staging") == true)
    }

    @Test func elasticNamesTheHostFromMeta() throws {
        #expect(try ShippedTemplate.elastic.render(ShippedEvents.own[0], meta: ValueMap([("hostname", "h")])).json["host"]["name"].string == "h")
        #expect(try ShippedTemplate.elastic.render(ShippedEvents.own[0], meta: ValueMap()).json["host"]["name"].string == "audit-router")
    }

    @Test func elasticIsAnECSDocument() throws {
        let ecsTypes = ["created": "creation", "restored": "creation", "updated": "change", "deleted": "deletion"]
        for event in ShippedEvents.all {
            let (_, json) = try ShippedTemplate.elastic.render(event)
            let label = "\(event.id) \(event.nounVerb)"
            #expect(json["@timestamp"].string == event.timestamp, "\(label)")
            #expect(ShippedText.shows(json["message"].string ?? "", ShippedText.key(event)), "\(label)")
            #expect(json["ecs"]["version"].string != nil, "\(label)")
            let ecs = json["event"]
            #expect(ecs["id"].string == event.id && ecs["provider"].string == event.sourceName, "\(label)")
            #expect(ecs["kind"].string == "event" && ecs["category"].value == ["configuration"], "\(label)")
            #expect(ecs["type"].value == [.string(ecsTypes[event.action] ?? "info")], "\(label)")
            #expect(ecs["action"].string == "\(event.type)-\(event.action)", "\(label)")
            #expect(ecs["outcome"].string == (event.status == "success" ? "success" : "failure"), "\(label)")
            let named = !event.actor.name.isEmpty || !event.actor.email.isEmpty
            #expect(json["user"].isMissing == !named, "\(label)")
            if named {
                #expect(json["user"]["name"].string == (event.actor.name.isEmpty ? event.actor.email : event.actor.name), "\(label)")
                #expect(json["user"]["email"].string == (event.actor.email.isEmpty ? nil : event.actor.email), "\(label)")
            }
            #expect(json["client"]["address"].string == (event.actor.ip.isEmpty ? nil : event.actor.ip), "\(label)")
            #expect(json["host"]["name"].string == "router-1.example.com", "\(label)")
            // ECS labels: a flat object of strings.
            let labels = try #require(json["labels"].object, "\(label)")
            #expect(labels.values.allSatisfy { if case .string = $0 { true } else { false } }, "\(label)")
            #expect(labels["source"] == .string(event.sourceName) && labels["namespace"] == event.namespace.map(Value.string), "\(label)")
            let audit = json["audit_router"]
            #expect(audit["type"].string == event.type && audit["status"].string == event.status, "\(label)")
            #expect(audit["payload"].value == event.payload && audit["before"].value == event.before && audit["changes"].value == event.changes, "\(label)")
        }
    }
}
