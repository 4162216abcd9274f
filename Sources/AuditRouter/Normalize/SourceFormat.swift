import Foundation
import GoTemplate
import Synchronization

/// The ingest formats of the systems in `EventSource`, each normalized into `Event`s.
///
/// Every source accepts one JSON object or an array of them (problems in an array are named
/// `events[2].type`). The field mapping of each source is documented on its parser:
/// `fliptEvent`, `flagrEvent`, `goflagshipEvent` and `goFeatureFlagEvents`.
public enum SourceFormat {
    /// The most arrays and objects an ingest body may nest (Go allows 10000). Real audit events
    /// nest a handful of levels; the bound keeps hostile bodies from costing deep recursion in
    /// the routing, templates and sinks that handle every accepted event.
    public static let maxNestingDepth = 128

    /// Decodes and normalizes one ingest body of `source`.
    ///
    /// - Parameters:
    ///   - receivedAt: when the body arrived; it becomes the timestamp (RFC 3339, UTC, seconds) of
    ///     events whose source wrote none. Timestamps the source wrote are kept as written.
    ///   - makeID: called once per event, in order, and only when the whole body is valid.
    /// - Returns: the events in body order (GO Feature Flag: added, updated, then deleted flags,
    ///   each by name). An empty array or a GO Feature Flag notification without changes gives none.
    /// - Throws: `IngestError` for malformed JSON, a missing or mistyped field, or a shape the
    ///   source does not send. Nothing partial: one bad element rejects the whole body.
    public static func normalize(
        source: EventSource, body: [UInt8], receivedAt: Date, makeID: () -> String
    ) throws(IngestError) -> [Event] {
        if let problem = UTF8Validation.problem(in: body) {
            throw IngestError(kind: .malformedJSON(line: problem.line, column: problem.column), message: "body is not valid UTF-8: \(problem.description)")
        }
        let document: Value
        do {
            document = try Value(json: body, maxDepth: maxNestingDepth)
        } catch {
            throw .malformed(error)
        }
        let objects = try topLevelObjects(of: document, source: source)
        let timestamp = rfc3339(receivedAt)
        var events: [Event] = []
        for object in objects {
            let made: [Event] = switch source {
            case .flipt: [try fliptEvent(object, receivedAt: timestamp)]
            case .flagr: [try flagrEvent(object, receivedAt: timestamp)]
            case .goflagship: [try goflagshipEvent(object, receivedAt: timestamp)]
            case .gofeatureflag: try goFeatureFlagEvents(object, receivedAt: timestamp)
            }
            for event in made { try checkName(of: event, from: object, source: source) }
            events += made
        }
        for index in events.indices {
            events[index].id = makeID()
            events[index].useStoredNumberForms()
        }
        return events
    }

    /// An event's type and action name it in every delivery's `X-Audit-Router-Event` header and
    /// in chat messages: a control character in them (a line break would inject a header) is a
    /// bad request, named at the field it came from.
    private static func checkName(of event: Event, from object: FieldReader, source: EventSource) throws(IngestError) {
        let fields: [(text: String, field: String)] = switch source {
        case .flipt: [(event.type, "type"), (event.action, "action")]
        case .flagr: [(event.type, "component_type"), (event.action, "event")]
        case .goflagship: [(event.type, "event"), (event.action, "event")]
        case .gofeatureflag: []
        }
        for (text, field) in fields where text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid(source, field: object.path(of: field), "must not contain control characters")
        }
    }

    /// The objects of a body: the body itself, or the elements of a top-level array.
    private static func topLevelObjects(of document: Value, source: EventSource) throws(IngestError) -> [FieldReader] {
        switch document {
        case .map(let map):
            return [FieldReader(map: map, path: "", source: source)]
        case .array(let elements):
            var objects: [FieldReader] = []
            for (index, element) in elements.enumerated() {
                guard case .map(let map) = element else {
                    throw .invalid(source, field: "events[\(index)]", "must be an object, got \(element.jsonKind)")
                }
                objects.append(FieldReader(map: map, path: "events[\(index)]", source: source))
            }
            return objects
        default:
            throw .unsupported(source, "expected a JSON object or an array of objects, got \(document.jsonKind)")
        }
    }

    /// `date` as Go's `time.RFC3339` writes a UTC time: `2024-09-17T02:50:06Z`.
    static func rfc3339(_ date: Date) -> String {
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        if let text = lastTimestamp.withLock({ $0.second == second ? $0.text : nil }) { return text }
        let text = date.formatted(Date.ISO8601FormatStyle())
        lastTimestamp.withLock { $0 = (second, text) }
        return text
    }

    /// The last timestamp formatted, by whole second: requests arriving within one second share it.
    private static let lastTimestamp = Mutex<(second: Int64, text: String)>((.min, ""))
}
