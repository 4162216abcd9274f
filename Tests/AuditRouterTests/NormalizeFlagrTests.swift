// Flagr's notification and the payload of Flagr's webhook docs normalized into Event.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeFlagrTests {
    /// A notification with `pre_value` / `post_value` snapshots, as JSON strings.
    private let detailed = #"""
        {"operation":"update","flag_id":12,"flag_key":"checkout-v2","component_type":"flag","component_id":12,"component_key":"checkout-v2","pre_value":"{\"enabled\":false,\"id\":12,\"key\":\"checkout-v2\",\"tags\":[]}","post_value":"{\"enabled\":true,\"id\":12,\"key\":\"checkout-v2\",\"tags\":[]}","diff":"--- Previous\n+++ Current\n","user":"alice@example.com","timestamp":"2026-05-20T10:15:03.123456789Z"}
        """#

    @Test func aDetailedNotificationHasBeforePayloadAndChanges() throws {
        let events = try normalized(.flagr, detailed)
        let expected = Event(
            id: "e1", source: .flagr, type: "flag", action: "updated", actor: Actor(email: "alice@example.com"),
            payload: jsonValue(#"{"component_id":12,"component_key":"checkout-v2","enabled":true,"id":12,"key":"checkout-v2","tags":[]}"#),
            timestamp: "2026-05-20T10:15:03.123456789Z", status: "success", namespace: nil,
            before: jsonValue(#"{"enabled":false,"id":12,"key":"checkout-v2","tags":[]}"#),
            changes: jsonValue(#"{"enabled":{"before":false,"after":true}}"#))
        #expect(events == [expected])
    }

    @Test func withoutSnapshotsThePayloadNamesTheChangedComponent() throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"create","flag_id":12,"flag_key":"checkout-v2","component_type":"segment","component_id":34,"component_key":"Beta users","user":"bob","timestamp":"2026-05-20T10:16:00.25Z"}"#).first)
        #expect(event.type == "segment")
        #expect(event.action == "created")
        #expect(event.actor == Actor(name: "bob"))
        #expect(event.payload == jsonValue(#"{"component_id":34,"component_key":"Beta users","flag_id":12,"flag_key":"checkout-v2","id":34,"key":"Beta users"}"#))
        #expect(event.before == .null)
        #expect(event.changes == .null)
    }

    @Test("with snapshots (detailed diffs), the payload is the flag and still names the changed component")
    func aSnapshotPayloadKeepsTheChangedComponent() throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"delete","flag_id":12,"flag_key":"checkout-v2","component_type":"constraint","component_id":9,"pre_value":"{\"id\":12,\"key\":\"checkout-v2\"}","post_value":"{\"id\":12,\"key\":\"checkout-v2\",\"segments\":[]}"}"#).first)
        #expect(event.type == "constraint" && event.action == "deleted")
        #expect(event.payload == jsonValue(#"{"component_id":9,"id":12,"key":"checkout-v2","segments":[]}"#))
    }

    @Test func aFlagNotificationWithoutComponentFieldsUsesTheFlagsIDAndKey() throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"delete","flag_id":12,"flag_key":"checkout-v2"}"#).first)
        #expect(event.type == "flag")
        #expect(event.action == "deleted")
        #expect(event.payload == jsonValue(#"{"flag_id":12,"flag_key":"checkout-v2","id":12,"key":"checkout-v2"}"#))
        #expect(event.actor.isEmpty)
        #expect(event.timestamp == "2024-09-17T02:50:06Z")
    }

    @Test(arguments: [("create", "created"), ("update", "updated"), ("delete", "deleted"), ("restore", "restored")])
    func operationsBecomePastTenseActions(operation: String, action: String) throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"\#(operation)","flag_id":1,"flag_key":"f"}"#).first)
        #expect(event.action == action)
    }

    @Test func aDeleteWithOnlyTheOldSnapshotCarriesItAsPayload() throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"delete","flag_id":12,"flag_key":"f","pre_value":"{\"id\":12,\"key\":\"f\"}","post_value":""}"#).first)
        #expect(event.payload == jsonValue(#"{"id":12,"key":"f"}"#))
        #expect(event.before == jsonValue(#"{"id":12,"key":"f"}"#))
        #expect(event.changes == .null)
    }

    @Test func snapshotsThatAreNotJSONAreIgnored() throws {
        let event = try #require(try normalized(.flagr, #"{"operation":"update","flag_id":12,"flag_key":"f","pre_value":"not json","post_value":"{oops"}"#).first)
        #expect(event.before == .null)
        #expect(event.payload == jsonValue(#"{"flag_id":12,"flag_key":"f","id":12,"key":"f"}"#))
    }

    @Test func aSnapshotNestedTooDeeplyIsRejected() {
        for depth in [129, 20_000] {  // past the body's limit, and past Go's
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let error = ingestError(.flagr, #"{"operation":"update","flag_id":12,"flag_key":"f","pre_value":"\#(deep)"}"#)
            #expect(error?.kind == .invalidEvent(field: "pre_value"), "\(depth)")
            #expect(error?.message == "invalid flagr event: pre_value: snapshot nested deeper than 128 arrays and objects", "\(depth)")
        }
        let unfinished = String(repeating: "[", count: 129)  // too deep before it is found truncated
        #expect(ingestError(.flagr, #"{"operation":"update","flag_id":12,"flag_key":"f","pre_value":"\#(unfinished)"}"#)?.kind == .invalidEvent(field: "pre_value"))
        let fits = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(ingestError(.flagr, #"{"operation":"update","flag_id":12,"flag_key":"f","pre_value":"\#(fits)"}"#) == nil)
    }

    @Test func anUnknownOperationIsRejected() {
        let error = ingestError(.flagr, #"{"operation":"archive","flag_id":1}"#)
        #expect(error?.kind == .invalidEvent(field: "operation"))
        #expect(error?.message == #"invalid flagr event: operation: unknown operation "archive" (expected create, update, delete or restore)"#)
    }

    @Test func theDocumentedShapeSplitsTheEventName() throws {
        let events = try normalized(.flagr, #"""
            [{"event":"segment.rollout_percent.updated","flag_id":1,"flag_key":"new_feature","timestamp":"2024-03-21T12:00:00Z","data":{"id":1,"key":"new_feature","enabled":true}},
             {"event":"flag.enabled","flag_id":1,"flag_key":"new_feature","timestamp":"2024-03-21T12:00:01Z","data":{"id":1,"key":"new_feature","enabled":true}},
             {"event":"flag.disabled","flag_id":1,"flag_key":"new_feature"},
             {"event":"variant.attachment.updated","flag_id":1,"flag_key":"new_feature","data":{"id":1}}]
            """#)
        #expect(events.map(\.nounVerb) == ["segment:updated", "flag:updated", "flag:updated", "variant:updated"])
        #expect(events[0] == Event(
            id: "e1", source: .flagr, type: "segment", action: "updated",
            payload: jsonValue(#"{"id":1,"key":"new_feature","enabled":true}"#), timestamp: "2024-03-21T12:00:00Z"))
        #expect(events[2].payload == jsonValue(#"{"flag_id":1,"flag_key":"new_feature"}"#))
        #expect(events[2].timestamp == "2024-09-17T02:50:06Z")
    }

    @Test func aDocumentedEventNameNeedsANounAndAVerb() {
        let error = ingestError(.flagr, #"{"event":"updated","flag_id":1}"#)
        #expect(error?.kind == .invalidEvent(field: "event"))
        #expect(error?.message == #"invalid flagr event: event: expected noun.verb such as flag.updated, got "updated""#)
    }

    @Test func anObjectOfNeitherShapeIsUnsupported() {
        let error = ingestError(.flagr, #"[{"operation":"create","flag_id":1},{"Operation":"update","EntityType":"flag"}]"#)
        #expect(error?.kind == .unsupportedShape)
        #expect(error?.message == #"unsupported flagr body: events[1] has neither "operation" (a Flagr notification) nor "event" (the payload of Flagr's webhook docs)"#)
    }

    @Test func aFlagIDThatIsNotANumberIsRejected() {
        let error = ingestError(.flagr, #"{"operation":"create","flag_id":true,"flag_key":"f"}"#)
        #expect(error?.kind == .invalidEvent(field: "flag_id"))
        #expect(error?.message == "invalid flagr event: flag_id: must be a number, got boolean")
    }
}
