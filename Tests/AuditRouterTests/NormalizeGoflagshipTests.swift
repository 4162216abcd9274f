// goflagship's webhook event normalized into Event.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeGoflagshipTests {
    @Test func anUpdateMapsEveryField() throws {
        let body = #"""
            {"event":"flag.updated","timestamp":"2025-01-15T10:30:00.123456789+01:00","environment":"prod","resource":{"type":"flag","key":"feature_x"},
             "data":{"before":{"key":"feature_x","enabled":true,"rollout":50},"after":{"key":"feature_x","enabled":false,"rollout":50},"changes":{"enabled":{"before":true,"after":false}}},
             "metadata":{"apiKeyId":"key-123","ipAddress":"192.168.1.100","requestId":"req-456"}}
            """#
        let events = try normalized(.goflagship, body)
        let expected = Event(
            id: "e1", source: .goflagship, type: "flag", action: "updated",
            actor: Actor(authentication: "token", ip: "192.168.1.100", name: "key-123"),
            payload: jsonValue(#"{"key":"feature_x","enabled":false,"rollout":50}"#),
            timestamp: "2025-01-15T10:30:00.123456789+01:00", status: "success", namespace: "prod",
            before: jsonValue(#"{"key":"feature_x","enabled":true,"rollout":50}"#),
            changes: jsonValue(#"{"enabled":{"before":true,"after":false}}"#))
        #expect(events == [expected])
    }

    @Test func changesAreComputedWhenTheEventHasNone() throws {
        let event = try #require(try normalized(.goflagship, #"{"event":"flag.updated","environment":"prod","data":{"before":{"key":"x","rollout":10,"config":{"a":1}},"after":{"key":"x","rollout":20,"config":{"a":1},"expression":"true"}}}"#).first)
        #expect(event.changes == jsonValue(#"{"rollout":{"before":10,"after":20},"expression":{"before":null,"after":"true"}}"#))
    }

    @Test func aCreateHasOnlyTheAfterState() throws {
        let event = try #require(try normalized(.goflagship, #"{"event":"flag.created","timestamp":"2025-01-15T10:30:00Z","environment":"staging","resource":{"type":"flag","key":"x"},"data":{"after":{"key":"x","enabled":true}},"metadata":{"ipAddress":"10.0.0.1"}}"#).first)
        #expect(event.action == "created")
        #expect(event.payload == jsonValue(#"{"key":"x","enabled":true}"#))
        #expect(event.before == .null)
        #expect(event.changes == .null)
        #expect(event.actor == Actor(ip: "10.0.0.1"))
        #expect(event.namespace == "staging")
    }

    @Test func aDeleteCarriesTheDeletedFlagAsPayload() throws {
        let event = try #require(try normalized(.goflagship, #"{"event":"flag.deleted","environment":"prod","resource":{"type":"flag","key":"x"},"data":{"before":{"key":"x","enabled":true}}}"#).first)
        #expect(event.action == "deleted")
        #expect(event.payload == jsonValue(#"{"key":"x","enabled":true}"#))
        #expect(event.before == jsonValue(#"{"key":"x","enabled":true}"#))
        #expect(event.changes == .null)
    }

    @Test func withoutStatesThePayloadIsTheResourceKey() throws {
        let event = try #require(try normalized(.goflagship, #"{"event":"flag.deleted","environment":"","resource":{"type":"flag","key":"x"},"data":{},"metadata":{}}"#).first)
        #expect(event.payload == jsonValue(#"{"key":"x"}"#))
        #expect(event.namespace == nil)
        #expect(event.actor.isEmpty)
    }

    @Test func theTestEventIsTypeWebhookActionTest() throws {
        let event = try #require(try normalized(.goflagship, #"{"event":"webhook.test","timestamp":"2026-02-12T18:00:00.123+01:00","environment":"test","resource":{"type":"webhook","key":"550e8400-e29b-41d4-a716-446655440000"},"data":{"after":{"message":"This is a test webhook delivery"}},"metadata":{"requestId":"r-1"}}"#).first)
        #expect(event.nounVerb == "webhook:test")
        #expect(event.namespace == "test")
        #expect(event.payload == jsonValue(#"{"message":"This is a test webhook delivery"}"#))
        #expect(event.actor.isEmpty)
    }

    @Test func theEventNameIsRequiredAndDotted() {
        #expect(ingestError(.goflagship, #"{"environment":"prod"}"#)?.message == "invalid goflagship event: event: missing")
        let error = ingestError(.goflagship, #"{"event":"flag."}"#)
        #expect(error?.kind == .invalidEvent(field: "event"))
    }

    @Test func statesMustBeObjects() {
        let error = ingestError(.goflagship, #"{"event":"flag.updated","data":{"after":[1]}}"#)
        #expect(error?.kind == .invalidEvent(field: "data.after"))
        #expect(error?.message == "invalid goflagship event: data.after: must be an object, got array")
    }
}
