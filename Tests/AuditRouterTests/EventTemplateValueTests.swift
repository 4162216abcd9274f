import Foundation
import GoTemplate
import Testing

@testable import AuditRouter

/// What templates see as dot (Flipt's `audit.Event` plus the router's fields), and the spool's
/// storage form of an event.
@Suite struct EventTemplateValueTests {
    static let event = Event(
        id: "evt_01TEST", source: .goflagship, type: "flag", action: "updated",
        actor: Actor(authentication: "token", email: "ann@example.com"),
        payload: ["key": "checkout", "enabled": true, "rollout": 50],
        timestamp: "2024-05-01T10:00:00Z", namespace: "production",
        before: ["key": "checkout", "enabled": false, "rollout": 10],
        changes: ["enabled": ["before": false, "after": true], "rollout": ["before": 10, "after": 50]])

    static func render(_ text: String, _ event: Event = event, meta: ValueMap = ValueMap()) throws -> String {
        let template = try Template(name: "t", text: text, functions: .standard, options: Template.Options(lenientNumbers: true))
        return try template.render(event.templateValue(meta: meta))
    }

    // MARK: Flipt's JSON

    static let fliptJSON =
        #"{"version":"0.2","type":"flag","action":"updated","metadata":{"actor":{"authentication":"token","email":"ann@example.com"}},"payload":{"enabled":true,"key":"checkout","rollout":50},"timestamp":"2024-05-01T10:00:00Z","status":"success"}"#

    @Test func toJsonDotIsFliptsJSONInFliptsFieldOrder() throws {
        #expect(try Self.render("{{ toJson . }}") == Self.fliptJSON)
    }

    @Test func fliptJSONIsToJsonDot() {
        #expect(String(decoding: Self.event.fliptJSON, as: UTF8.self) == Self.fliptJSON)
    }

    @Test func anEmptyActorIsAnEmptyMetadataObject() throws {
        var event = Self.event
        event.actor = Actor()
        #expect(try Self.render("{{ toJson .Metadata }}", event) == "{}")
        #expect(String(decoding: event.fliptJSON, as: UTF8.self).contains(#""metadata":{},"payload":"#))
    }

    @Test func actorFieldsAreOmittedWhenEmptyInFliptsOrder() throws {
        var event = Self.event
        event.actor = Actor(authentication: "jwt", ip: "10.0.0.1", email: "", name: "Ann", picture: "")
        #expect(try Self.render("{{ toJson .Metadata.Actor }}", event) == #"{"authentication":"jwt","ip":"10.0.0.1","name":"Ann"}"#)
    }

    @Test func anEmptyActorIsNilForWith() throws {
        var event = Self.event
        event.actor = Actor()
        #expect(try Self.render("{{ with .Metadata.Actor }}{{ .Email }}{{ else }}system{{ end }}", event) == "system")
        #expect(try Self.render("{{ with .Metadata.Actor }}{{ .Email }}{{ else }}system{{ end }}") == "ann@example.com")
    }

    @Test func aNullPayloadIsJSONNull() {
        let event = Event(id: "evt_1", source: .flipt, type: "flag", action: "deleted", timestamp: "t")
        #expect(String(decoding: event.fliptJSON, as: UTF8.self) == #"{"version":"0.2","type":"flag","action":"deleted","metadata":{},"payload":null,"timestamp":"t","status":"success"}"#)
    }

    @Test func userTextIsEscapedAsJSONMarshalDoes() {
        var event = Self.event
        event.payload = ["description": "say \"hi\"\n<b>&</b>"]
        #expect(String(decoding: event.fliptJSON, as: UTF8.self).contains(#""payload":{"description":"say \"hi\"\n\u003cb\u003e\u0026\u003c/b\u003e"}"#))
    }

    // MARK: fields

    @Test func envelopeFieldsHaveFliptsNames() throws {
        #expect(try Self.render("{{.Version}} {{.Type}} {{.Action}} {{.Status}} {{.Timestamp}}") == "0.2 flag updated success 2024-05-01T10:00:00Z")
    }

    @Test func thePayloadKeepsItsJSONKeys() throws {
        #expect(try Self.render("{{.Payload.key}} {{.Payload.rollout}} {{.Payload.enabled}}") == "checkout 50 true")
    }

    @Test func idSourceAndNamespaceAreReadable() throws {
        #expect(try Self.render("{{.ID}} {{.Source}} {{.Namespace}}") == "evt_01TEST goflagship production")
    }

    @Test func aMissingNamespaceIsEmpty() throws {
        var event = Self.event
        event.namespace = nil
        #expect(try Self.render("[{{.Namespace}}]", event) == "[]")
    }

    @Test func beforeIsReadable() throws {
        #expect(try Self.render("{{.Before.enabled}} {{.Before.rollout}}") == "false 10")
    }

    @Test func changesAreRangedInKeyOrder() throws {
        let text = "{{range $field, $change := .Changes}}{{$field}}: {{toJson $change.before}} -> {{toJson $change.after}};{{end}}"
        #expect(try Self.render(text) == "enabled: false -> true;rollout: 10 -> 50;")
    }

    @Test func beforeAndChangesAreNilWhenTheSourceHasNone() throws {
        let event = Event(id: "evt_1", source: .flipt, type: "flag", action: "created", timestamp: "t")
        #expect(try Self.render("{{if .Before}}b{{end}}{{if .Changes}}c{{end}}{{with .Changes}}w{{else}}none{{end}}", event) == "none")
    }

    @Test func metaIsReadable() throws {
        let meta = ValueMap([("hostname", "router-1"), ("cluster", "eu-1")])
        #expect(try Self.render("{{.Meta.hostname}} {{.Meta.cluster}}", meta: meta) == "router-1 eu-1")
    }

    @Test func aLoadedConfigurationGivesTemplatesTheHostname() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("event-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.yaml").path
        try "meta:\n  cluster: eu-1\nsinks:\n  - name: out\n    type: stdout\n".write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ConfigurationLoader.load(path: path, environment: [:])
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let hostname = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(!hostname.isEmpty)
        #expect(try Self.render("{{.Meta.hostname}}|{{.Meta.cluster}}", meta: configuration.meta) == "\(hostname)|eu-1")
    }

    @Test func theRouterFieldsAreLeftOutOfToJson() throws {
        let json = try Self.render("{{ toJson . }}", meta: ValueMap([("hostname", "h")]))
        for name in ["evt_01TEST", "goflagship", "production", "\"before\"", "\"changes\"", "hostname", "ID", "Meta"] {
            #expect(!json.contains(name), "toJson . holds \(name)")
        }
    }

    // MARK: storage

    @Test func theStorageValueRoundTrips() {
        #expect(Event(storageValue: Self.event.storageValue) == Self.event)
    }

    @Test func aMinimalEventRoundTrips() {
        let event = Event(id: "evt_1", source: .flagr, version: "", type: "segment", action: "deleted", timestamp: "", status: "")
        #expect(Event(storageValue: event.storageValue) == event)
    }

    @Test func theStorageValueRoundTripsThroughJSON() throws {
        let json = try Self.event.storageValue.jsonBytes(escapeHTML: false)
        #expect(Event(storageValue: try Value(json: json)) == Self.event)
    }

    /// The spool stores `storageValue` as JSON text, where a whole float (`"rollout": 50.0`)
    /// reads back as an integer. Ingest gives numbers that form up front, so routing, preview and
    /// every delivery attempt see the same numbers.
    @Test func ingestedNumbersSurviveTheJSONRoundTrip() throws {
        let body = Array(#"{"type":"flag","action":"updated","payload":{"rollout": 50.0, "threshold": 0.5, "rank": 2}}"#.utf8)
        let event = try #require(try SourceFormat.normalize(source: .flipt, body: body, receivedAt: Date(), makeID: { "evt_1" }).first)
        #expect(event.payload == .map(ValueMap([("rank", .int64(2)), ("rollout", .int64(50)), ("threshold", .float64(0.5))])))
        let json = try event.storageValue.jsonBytes(escapeHTML: false)
        let reloaded = try #require(Event(storageValue: try Value(json: json)))
        #expect(reloaded == event)
    }

    @Test(arguments: EventSource.allCases)
    func everySourceRoundTrips(source: EventSource) {
        var event = Self.event
        event.source = source
        #expect(Event(storageValue: event.storageValue)?.source == source)
    }

    @Test func aStorageValueWithoutAnIDIsRejected() {
        guard case .map(let map) = Self.event.storageValue else {
            Issue.record("storageValue is not a map")
            return
        }
        let withoutID = Value.map(ValueMap(zip(map.keys, map.values).filter { $0.0 != "id" }))
        #expect(Event(storageValue: withoutID) == nil)
    }

    @Test func anUnknownSourceIsRejected() {
        guard case .map(let map) = Self.event.storageValue else {
            Issue.record("storageValue is not a map")
            return
        }
        let renamed = Value.map(ValueMap(zip(map.keys, map.values).map { $0.0 == "source" ? ("source", "launchdarkly") : $0 }))
        #expect(Event(storageValue: renamed) == nil)
    }
}
