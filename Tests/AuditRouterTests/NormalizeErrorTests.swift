// Rejected ingest bodies: every kind of IngestError, its message, and nothing partial.

import GoTemplate
import Testing
@testable import AuditRouter

@Suite struct NormalizeErrorTests {
    @Test func malformedJSONGivesTheLineAndColumn() {
        let error = ingestError(.flipt, "{\n  \"type\": \"flag\",\n  \"action\" \"created\"\n}")
        #expect(error?.kind == .malformedJSON(line: 3, column: 12))
        #expect(error?.message == "body is not valid JSON: invalid character '\"' after object key (line 3, column 12)")
        #expect(error?.description == error?.message)
    }

    @Test(arguments: EventSource.allCases)
    func anEmptyBodyIsMalformed(source: EventSource) {
        guard case .malformedJSON? = ingestError(source, "")?.kind else {
            Issue.record("an empty body was not reported as malformed JSON")
            return
        }
    }

    @Test(arguments: EventSource.allCases)
    func aBodyThatIsNotAnObjectOrArrayIsUnsupported(source: EventSource) {
        let error = ingestError(source, #""flag:created""#)
        #expect(error?.kind == .unsupportedShape)
        #expect(error?.message == "unsupported \(source.rawValue) body: expected a JSON object or an array of objects, got string")
    }

    @Test func anArrayElementThatIsNotAnObjectIsNamed() {
        let error = ingestError(.flipt, #"[{"type":"flag","action":"created"},42]"#)
        #expect(error?.kind == .invalidEvent(field: "events[1]"))
        #expect(error?.message == "invalid flipt event: events[1]: must be an object, got number")
    }

    @Test("a control character in a type or action (a header injection) is refused at its field")
    func controlCharactersInNamesAreRefused() {
        let flipt = ingestError(.flipt, #"[{"type":"flag","action":"created"},{"type":"flag\r\nX-Evil: 1","action":"updated"}]"#)
        #expect(flipt?.message == "invalid flipt event: events[1].type: must not contain control characters")
        #expect(ingestError(.flipt, #"{"type":"flag","action":"up\u0000dated"}"#)?.message == "invalid flipt event: action: must not contain control characters")
        #expect(ingestError(.goflagship, #"{"event":"flag\n.created","timestamp":"2024-05-01T10:00:00Z"}"#)?.message.hasSuffix("event: must not contain control characters") == true)
        #expect(ingestError(.flagr, #"{"operation":"create","flag_id":1,"component_type":"seg\tment"}"#)?.message == "invalid flagr event: component_type: must not contain control characters")
    }

    @Test func aMissingFieldIsNamedWithItsIndex() {
        let error = ingestError(.flipt, #"[{"type":"flag","action":"created"},{"type":"flag","action":"deleted"},{"action":"updated"}]"#)
        #expect(error?.kind == .invalidEvent(field: "events[2].type"))
        #expect(error?.message == "invalid flipt event: events[2].type: missing")
    }

    @Test(arguments: [
        (#"{"type":null,"action":"created"}"#, "type", "missing"),
        (#"{"type":"","action":"created"}"#, "type", "must not be empty"),
        (#"{"type":"flag"}"#, "action", "missing"),
        (#"{"type":7,"action":"created"}"#, "type", "must be a string, got number"),
        (#"{"type":"flag","action":"created","status":false}"#, "status", "must be a string, got boolean"),
        (#"{"type":"flag","action":"created","metadata":[]}"#, "metadata", "must be an object, got array"),
        (#"{"type":"flag","action":"created","metadata":{"actor":{"ip":["10.0.0.1"]}}}"#, "metadata.actor.ip", "must be a string, got array"),
        (#"{"type":"flag","action":"created","metadata":{"actor":"alice"}}"#, "metadata.actor", "must be an object, got string"),
    ])
    func aWrongFieldIsNamedWithWhatWasExpected(body: String, field: String, problem: String) {
        let error = ingestError(.flipt, body)
        #expect(error?.kind == .invalidEvent(field: field))
        #expect(error?.message == "invalid flipt event: \(field): \(problem)")
    }

    @Test func oneBadElementRejectsTheWholeBodyBeforeAnyIDIsTaken() {
        var idsTaken = 0
        let body = Array(#"[{"type":"flag","action":"created"},{"type":"flag","action":"updated"},{"type":"flag"}]"#.utf8)
        #expect(throws: IngestError.self) {
            _ = try SourceFormat.normalize(source: .flipt, body: body, receivedAt: ingestTime) {
                idsTaken += 1
                return "id"
            }
        }
        #expect(idsTaken == 0)
    }

    @Test func anErrorIsReadableWhereverItIsPrinted() {
        let error = IngestError(kind: .unsupportedShape, message: "unsupported flagr body: x")
        #expect("\(error)" == "unsupported flagr body: x")
    }
}
