// Helpers shared by the Normalize*Tests files.

import Foundation
import GoTemplate
import Testing
@testable import AuditRouter

/// When test bodies arrive: 2024-09-17T02:50:06Z.
let ingestTime = Date(timeIntervalSince1970: 1_726_541_406)

/// `json` normalized as `source` sends it, with ids `e1`, `e2`, ... and the receive time `ingestTime`.
func normalized(_ source: EventSource, _ json: String) throws(IngestError) -> [Event] {
    var count = 0
    return try SourceFormat.normalize(source: source, body: Array(json.utf8), receivedAt: ingestTime) {
        count += 1
        return "e\(count)"
    }
}

/// The error `json` is rejected with, or nil when it is accepted.
func ingestError(_ source: EventSource, _ json: String) -> IngestError? {
    do {
        _ = try normalized(source, json)
        return nil
    } catch {
        return error
    }
}

/// The decoded JSON value of `text`, for expected payloads (`.missing` if it is not JSON).
func jsonValue(_ text: String) -> Value {
    (try? Value(json: Array(text.utf8))) ?? .missing
}

@Suite struct NormalizeHelpersTests {
    @Test func helpersAssignSequentialIDsAndTheFixedReceiveTime() throws {
        let events = try normalized(.flipt, #"[{"type":"flag","action":"created"},{"type":"flag","action":"deleted"}]"#)
        #expect(events.map(\.id) == ["e1", "e2"])
        #expect(events.map(\.timestamp) == ["2024-09-17T02:50:06Z", "2024-09-17T02:50:06Z"])
        #expect(jsonValue("nope") == .missing)
    }
}
