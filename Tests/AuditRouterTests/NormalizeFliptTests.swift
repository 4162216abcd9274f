// Flipt's audit event (what its webhook sink posts) normalized into Event.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeFliptTests {
    @Test func everyFieldIsMapped() throws {
        let body = #"""
            {"version":"0.2","type":"flag","action":"updated","metadata":{"actor":{"authentication":"oidc","email":"user@example.com","ip":"192.168.1.1","name":"user","picture":"https://example.com/p.png"}},"payload":{"default_variant":"testvar2","description":"","enabled":true,"key":"test","name":"test","namespace_key":"production"},"timestamp":"2024-09-17T02:50:06-04:00","status":"success"}
            """#
        let events = try normalized(.flipt, body)
        let expected = Event(
            id: "e1", source: .flipt, version: "0.2", type: "flag", action: "updated",
            actor: Actor(authentication: "oidc", ip: "192.168.1.1", email: "user@example.com", name: "user", picture: "https://example.com/p.png"),
            payload: jsonValue(#"{"default_variant":"testvar2","description":"","enabled":true,"key":"test","name":"test","namespace_key":"production"}"#),
            timestamp: "2024-09-17T02:50:06-04:00", status: "success", namespace: "production")
        #expect(events == [expected])
    }

    @Test func theEventReadsBackAsTheSameFliptJSON() throws {
        let body = #"{"version":"0.2","type":"segment","action":"created","metadata":{"actor":{"authentication":"token","ip":"10.0.0.5"}},"payload":{"constraints":[],"description":"d","key":"s","match_type":"ALL_MATCH_TYPE","name":"S","namespace_key":"default"},"timestamp":"2024-09-17T02:50:06Z","status":"success"}"#
        let event = try #require(try normalized(.flipt, body).first)
        #expect(String(decoding: event.fliptJSON, as: UTF8.self) == body)
    }

    @Test func absentFieldsTakeFliptsDefaults() throws {
        let event = try #require(try normalized(.flipt, #"{"type":"flag","action":"created"}"#).first)
        #expect(event == Event(id: "e1", source: .flipt, version: "0.2", type: "flag", action: "created", timestamp: "2024-09-17T02:50:06Z", status: "success"))
        #expect(event.actor.isEmpty)
        #expect(event.payload == .null)
        #expect(event.namespace == nil)
    }

    @Test func versionZeroPointOneWithoutStatusIsAccepted() throws {
        let event = try #require(try normalized(.flipt, #"{"version":"0.1","type":"flag","action":"updated","metadata":{"actor":{"authentication":"none","ip":"127.0.0.1"}},"payload":{"key":"maintenance-mode","namespace_key":"default"},"timestamp":"2023-09-13T13:05:18-04:00"}"#).first)
        #expect(event.version == "0.1")
        #expect(event.status == "success")
        #expect(event.actor == Actor(authentication: "none", ip: "127.0.0.1"))
        #expect(event.timestamp == "2023-09-13T13:05:18-04:00")
    }

    @Test func aDeniedEventKeepsItsNullPayload() throws {
        let event = try #require(try normalized(.flipt, #"{"version":"0.2","type":"segment","action":"created","metadata":{"actor":{"authentication":"jwt"}},"payload":null,"timestamp":"2024-09-17T03:14:00Z","status":"denied"}"#).first)
        #expect(event.status == "denied")
        #expect(event.payload == .null)
        #expect(event.namespace == nil)
        #expect(event.nounVerb == "segment:created")
    }

    @Test func anArrayGivesOneEventPerElementInOrder() throws {
        let events = try normalized(.flipt, #"""
            [{"type":"flag","action":"created","payload":{"key":"a","namespace_key":"default"}},
             {"type":"variant","action":"deleted","payload":{"id":"v1","flag_key":"a","namespace_key":"default"}},
             {"type":"rule","action":"updated","payload":{"flag_key":"a","rule_ids":["r2","r1"],"namespace_key":"default"}}]
            """#)
        #expect(events.map(\.id) == ["e1", "e2", "e3"])
        #expect(events.map(\.nounVerb) == ["flag:created", "variant:deleted", "rule:updated"])
    }

    @Test func anEmptyArrayGivesNoEvents() throws {
        #expect(try normalized(.flipt, "[]").isEmpty)
    }

    @Test(arguments: [
        (#"{"type":"flag","action":"created","payload":{"key":"f","namespace_key":"production"}}"#, "production"),
        (#"{"type":"namespace","action":"deleted","payload":{"key":"staging"}}"#, "staging"),
        (#"{"type":"token","action":"created","payload":{"io.flipt.auth.token.name":"ci","io.flipt.auth.token.namespace":"team-a"}}"#, "team-a"),
        (#"{"type":"token","action":"created","payload":{"io.flipt.auth.token.name":"ci"}}"#, nil),
        (#"{"type":"distribution","action":"updated","payload":{"id":"d","rollout":50,"rule_id":"r","variant_id":"v"}}"#, nil),
        (#"{"type":"flag","action":"created","payload":{"key":"f","namespace_key":""}}"#, nil),
        (#"{"type":"flag","action":"created","payload":"text"}"#, nil),
    ] as [(String, String?)])
    func namespaceComesFromThePayload(body: String, namespace: String?) throws {
        #expect(try normalized(.flipt, body).first?.namespace == namespace)
    }

    @Test func emptyDefaultsAreReplacedAndUnknownFieldsIgnored() throws {
        let event = try #require(try normalized(.flipt, #"{"version":"","type":"flag","action":"created","timestamp":"","status":"","extra":[1,2],"metadata":{"actor":null}}"#).first)
        #expect(event.version == "0.2")
        #expect(event.timestamp == "2024-09-17T02:50:06Z")
        #expect(event.status == "success")
        #expect(event.actor.isEmpty)
    }
}
