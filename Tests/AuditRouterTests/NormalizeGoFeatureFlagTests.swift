// GO Feature Flag's webhook notification normalized into one Event per changed flag.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeGoFeatureFlagTests {
    /// The example of GO Feature Flag's webhook docs.
    private let documented = #"""
        {"meta":{"hostname":"server01"},
         "flags":{"deleted":{"test-flag":{"rule":"key eq \"random-key\"","percentage":100,"true":true,"false":false,"default":false}},
                  "added":{"test-flag3":{"percentage":5,"true":"test","false":"false","default":"default"}},
                  "updated":{"test-flag2":{"old_value":{"rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false},
                                           "new_value":{"disable":true,"rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false}}}}}
        """#

    @Test func oneEventPerFlagAddedThenUpdatedThenDeleted() throws {
        let events = try normalized(.gofeatureflag, documented)
        let updatedBefore = jsonValue(#"{"key":"test-flag2","rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false}"#)
        let updatedAfter = jsonValue(#"{"key":"test-flag2","disable":true,"rule":"key eq \"not-a-key\"","percentage":100,"true":true,"false":false,"default":false}"#)
        let deleted = jsonValue(#"{"key":"test-flag","rule":"key eq \"random-key\"","percentage":100,"true":true,"false":false,"default":false}"#)
        #expect(events == [
            Event(id: "e1", source: .gofeatureflag, type: "flag", action: "created", actor: Actor(name: "server01"),
                  payload: jsonValue(#"{"key":"test-flag3","percentage":5,"true":"test","false":"false","default":"default"}"#),
                  timestamp: "2024-09-17T02:50:06Z"),
            Event(id: "e2", source: .gofeatureflag, type: "flag", action: "updated", actor: Actor(name: "server01"), payload: updatedAfter,
                  timestamp: "2024-09-17T02:50:06Z", before: updatedBefore,
                  changes: jsonValue(#"{"disable":{"before":null,"after":true}}"#)),
            Event(id: "e3", source: .gofeatureflag, type: "flag", action: "deleted", actor: Actor(name: "server01"), payload: deleted,
                  timestamp: "2024-09-17T02:50:06Z", before: deleted),
        ])
    }

    @Test func metaEnvironmentIsTheNamespace() throws {
        let events = try normalized(.gofeatureflag, #"{"meta":{"hostname":"h","environment":"production"},"flags":{"added":{"a":{"disable":false},"b":{"disable":true}}}}"#)
        #expect(events.map(\.namespace) == ["production", "production"])
        #expect(events.map { $0.payload.key } == ["a", "b"])
    }

    @Test func theFlagNameReplacesAKeyFieldOfItsOwn() throws {
        let event = try #require(try normalized(.gofeatureflag, #"{"flags":{"added":{"real-name":{"key":"other"}}}}"#).first)
        #expect(event.payload == jsonValue(#"{"key":"real-name"}"#))
    }

    @Test func aNotificationWithoutChangesGivesNoEvents() throws {
        #expect(try normalized(.gofeatureflag, #"{"meta":{"hostname":"h"},"flags":{"deleted":{},"added":{},"updated":{}}}"#).isEmpty)
    }

    @Test func flagsAreRequired() {
        let error = ingestError(.gofeatureflag, #"{"meta":{"hostname":"h"}}"#)
        #expect(error?.kind == .invalidEvent(field: "flags"))
        #expect(error?.message == "invalid gofeatureflag event: flags: missing")
    }

    @Test func anUpdateNeedsBothValues() {
        let error = ingestError(.gofeatureflag, #"{"flags":{"updated":{"f":{"old_value":{"disable":false}}}}}"#)
        #expect(error?.kind == .invalidEvent(field: "flags.updated.f.new_value"))
    }

    @Test func pathsQuoteFlagNamesThatAreNotPlain() {
        let error = ingestError(.gofeatureflag, #"[{"flags":{}},{"flags":{"added":{"my flag.v2":"on"}}}]"#)
        #expect(error?.kind == .invalidEvent(field: #"events[1].flags.added["my flag.v2"]"#))
        #expect(error?.message == #"invalid gofeatureflag event: events[1].flags.added["my flag.v2"]: must be an object, got string"#)
    }
}

private extension Value {
    /// The `key` of a map value, or "" otherwise.
    var key: String {
        if case .map(let map) = self, case .string(let key)? = map["key"] { return key }
        return ""
    }
}
