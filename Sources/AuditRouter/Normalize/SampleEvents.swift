import Foundation
import GoTemplate

/// One realistic raw webhook body, as a source system posts it.
public struct SampleBody: Sendable {
    /// The system that sends it (and the ingest endpoint it goes to).
    public let source: EventSource
    /// What it shows, such as `flag:created` or `segment:created (denied)`.
    public let name: String
    /// The body's bytes.
    public let bytes: [UInt8]

    init(_ source: EventSource, _ name: String, _ json: String) {
        self.source = source
        self.name = name
        self.bytes = Array(json.utf8)
    }
}

/// Sample events of every source, type and action, for testing templates (each shipped template
/// is rendered against all of them) and for `audit-router validate`.
///
/// The bodies follow the payloads the systems send, field for field; user-written text in them
/// holds quotes, newlines, `<>&` and non-ASCII characters, so that templates that do not escape
/// it produce invalid JSON.
public enum SampleEvents {
    /// Every sample body, by source (Flipt, Flagr, goflagship, GO Feature Flag).
    public static let bodies: [SampleBody] = fliptBodies + flagrBodies + goflagshipBodies + goFeatureFlagBodies

    /// The sample bodies of one source.
    public static func bodies(for source: EventSource) -> [SampleBody] {
        bodies.filter { $0.source == source }
    }

    /// When the samples are taken to have arrived (for events without a timestamp of their own):
    /// 2024-09-17T02:50:06Z.
    public static let receivedAt = Date(timeIntervalSince1970: 1_726_541_406)

    /// Every sample body normalized, in the order of `bodies`, with ids `sample-1`, `sample-2`, ...
    public static let all: [Event] = {
        var count = 0
        var events: [Event] = []
        for body in bodies {
            do {
                events += try SourceFormat.normalize(source: body.source, body: body.bytes, receivedAt: receivedAt) {
                    count += 1
                    return "sample-\(count)"
                }
            } catch {
                assertionFailure("sample \(body.source.rawValue) \(body.name): \(error)")
            }
        }
        return events
    }()

    /// `text` as a JSON string literal, escaped as Go's `json.Marshal` escapes it (for the JSON
    /// that sources embed as strings, such as Flagr's snapshots).
    static func quoted(_ text: String) -> String {
        String(decoding: (try? Value.string(text).jsonBytes()) ?? [], as: UTF8.self)
    }
}
