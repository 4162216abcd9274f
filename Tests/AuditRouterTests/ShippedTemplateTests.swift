// The templates shipped in templates/: each renders valid JSON for sample events of every source
// and type, carries user text through unchanged (escaped by toJson, never pasted raw), and
// passthrough is byte for byte Flipt's webhook body. Destination checks are in the other
// ShippedTemplate*Tests files.

import Foundation
import GoTemplate
import Testing
@testable import AuditRouter

/// A template of templates/, loaded and compiled as the router compiles sink bodies.
enum ShippedTemplate: String, CaseIterable, Sendable {
    case slack, teams, discord, splunkHEC = "splunk-hec", datadog, elastic, pagerduty, cloudevents, passthrough

    /// templates/, found from this file: Tests/AuditRouterTests/ → the package root.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates")

    /// The `.Meta` the tests render with: the router's `hostname` and every key a template reads.
    static let meta = ValueMap([
        ("hostname", "router-1.example.com"), ("pagerduty_routing_key", "R0123456789ABCDEF0123456789ABCDE"),
    ])

    var fileName: String { rawValue + ".tmpl" }

    func text() throws -> String {
        try String(contentsOf: Self.directory.appendingPathComponent(fileName), encoding: .utf8)
    }

    func compiled() throws -> Template {
        try Template(name: fileName, text: text(), functions: .standard, options: Template.Options(lenientNumbers: true))
    }

    /// The body for `event`, and the body decoded (throws when it is not JSON).
    func render(_ event: Event, meta: ValueMap = ShippedTemplate.meta) throws -> (body: String, json: ShippedJSON) {
        let body = try compiled().render(event.templateValue(meta: meta))
        return (body, ShippedJSON(try Value(json: Array(body.utf8))))
    }
}

/// Decoded JSON, navigated by key and index; `value` is nil where the path leads nowhere.
struct ShippedJSON {
    let value: Value?

    init(_ value: Value?) { self.value = value }

    subscript(key: String) -> ShippedJSON {
        if case .map(let map)? = value { return ShippedJSON(map[key]) }
        return ShippedJSON(nil)
    }

    subscript(index: Int) -> ShippedJSON {
        if case .array(let array)? = value, array.indices.contains(index) { return ShippedJSON(array[index]) }
        return ShippedJSON(nil)
    }

    var string: String? { if case .string(let s)? = value { return s } else { return nil } }
    var int: Int64? { if case .int64(let i)? = value { return i } else { return nil } }
    var array: [ShippedJSON]? { if case .array(let a)? = value { return a.map(ShippedJSON.init) } else { return nil } }
    var object: ValueMap? { if case .map(let m)? = value { return m } else { return nil } }
    var isMissing: Bool { value == nil }

    /// Every string in the document, keys excluded.
    var allStrings: [String] {
        func collect(_ value: Value, into strings: inout [String]) {
            switch value {
            case .string(let s): strings.append(s)
            case .array(let a): for element in a { collect(element, into: &strings) }
            case .map(let m): for element in m.values { collect(element, into: &strings) }
            default: break
            }
        }
        var strings: [String] = []
        if let value { collect(value, into: &strings) }
        return strings
    }
}

/// What the templates show of an event, worked out independently of them.
enum ShippedText {
    /// The before-state as the size-bounded templates (PagerDuty, Datadog) send it: null when it
    /// is the payload itself (a delete from goflagship, GO Feature Flag or Flagr).
    static func beforeUnlessPayload(_ event: Event) -> Value {
        event.before == event.payload ? .null : event.before
    }

    /// The resource key: the payload's `key`, `flag_key`, `segment_key`, token name or `id`.
    static func key(_ event: Event) -> String {
        guard case .map(let payload) = event.payload else { return "" }
        for name in ["key", "flag_key", "segment_key", "io.flipt.auth.token.name", "id"] {
            switch payload[name] {
            case .string(let s)? where !s.isEmpty: return s
            case .int64(let i)? where i != 0: return String(i)
            default: continue
            }
        }
        return ""
    }

    /// Whether the key is text a user wrote (not a number).
    static func keyIsText(_ event: Event) -> Bool {
        guard case .map(let payload) = event.payload else { return false }
        for name in ["key", "flag_key", "segment_key", "io.flipt.auth.token.name", "id"] where payload[name]?.isTrue == true {
            if case .string = payload[name] { return true } else { return false }
        }
        return false
    }

    /// The payload's description, when it has one.
    static func description(_ event: Event) -> String {
        if case .map(let payload) = event.payload, case .string(let s)? = payload["description"] { return s }
        return ""
    }

    /// Who acted: the actor's name, email, IP or authentication method, whichever comes first.
    static func actor(_ event: Event) -> String {
        [event.actor.name, event.actor.email, event.actor.ip, event.actor.authentication].first { !$0.isEmpty } ?? ""
    }

    /// Whether `text` holds `part` (an empty part is always held).
    static func shows(_ text: String, _ part: String) -> Bool {
        part.isEmpty || text.contains(part)
    }

    /// The actor as Flipt's JSON has it: `null` when empty, else its non-empty fields.
    static func actorJSON(_ event: Event) -> Value {
        let a = event.actor
        let fields: [(String, String)] = [("authentication", a.authentication), ("ip", a.ip), ("email", a.email), ("name", a.name), ("picture", a.picture)]
        let present = fields.filter { !$0.1.isEmpty }.map { ($0.0, Value.string($0.1)) }
        return present.isEmpty ? .null : .map(ValueMap(present))
    }

    /// The user-written strings of an event that every template shows (passthrough, Flipt's own
    /// JSON, has no namespace field).
    static func userText(_ event: Event, namespace: Bool = true) -> [String] {
        [keyIsText(event) ? key(event) : "", description(event), actor(event), namespace ? event.namespace ?? "" : ""].filter { !$0.isEmpty }
    }

    /// Text that breaks JSON or HTML when not escaped.
    static let nasty = "Say \"hi\"\n\t<b>&</b> — Grüße, 日本 ✓ \\ \u{2028}"
}

/// Events built here to reach the corners: hostile text everywhere, an empty actor, a denied
/// event without payload, payloads that are not objects, a numeric id, a very long description.
enum ShippedEvents {
    static let nasty = ShippedText.nasty

    static let own: [Event] = [
        Event(
            id: "evt_nasty", source: .flipt, type: "flag", action: "created",
            actor: Actor(authentication: "oidc", ip: "10.0.0.1, 172.16.0.9", email: "zoë@example.com", name: nasty, picture: "https://x/<p>.png"),
            payload: ["key": "checkout \"v2\" <&>", "name": .string(nasty), "description": .string(nasty), "enabled": true, "namespace_key": "prod <eu>"],
            timestamp: "2024-09-17T04:12:45+02:00", namespace: "prod <eu>"),
        Event(
            id: "evt_update", source: .goflagship, type: "flag", action: "updated", actor: Actor(authentication: "token", ip: "192.0.2.7", name: "key-1"),
            payload: ["key": "banner", "description": "new <i>text</i>", "rollout": 50, "enabled": true],
            timestamp: "2024-09-17T02:50:06.123456789Z", namespace: "staging",
            before: ["key": "banner", "description": "old", "rollout": 0.5], changes: ["rollout": ["before": 0.5, "after": 50]]),
        Event(
            id: "evt_delete", source: .gofeatureflag, type: "flag", action: "deleted",
            payload: ["key": .string(nasty), "variations": ["on": true]], timestamp: "2024-09-17T02:50:06Z",
            before: ["key": .string(nasty)]),
        Event(id: "evt_denied", source: .flipt, type: "segment", action: "created", actor: Actor(ip: "203.0.113.9"), payload: .null, timestamp: "2024-09-18T08:00:00Z", status: "denied"),
        Event(id: "evt_token", source: .flipt, type: "token", action: "created", actor: Actor(authentication: "token"), payload: ["io.flipt.auth.token.name": "ci <bot>", "io.flipt.auth.token.description": .string(nasty)], timestamp: "2024-09-18T08:00:00Z"),
        Event(id: "evt_flagr", source: .flagr, type: "segment", action: "restored", actor: Actor(email: "ops@example.com"), payload: ["flag_id": 7, "id": 12, "description": "", "rank": 1.5], timestamp: "2024-09-17T02:50:03.123456789Z"),
        Event(id: "evt_string", source: .flipt, type: "rule", action: "updated", payload: "not an object", timestamp: "2024-09-18T08:00:00Z", namespace: "default"),
        Event(id: "evt_array", source: .flipt, type: "rule", action: "updated", payload: ["r2", "r1"], timestamp: "2024-09-18T08:00:00Z"),
        Event(id: "evt_long", source: .flipt, type: "flag", action: "updated", actor: Actor(name: "Ünï"), payload: ["key": "long", "description": .string("x" + String(repeating: "a😀", count: 3000))], timestamp: "2024-09-18T08:00:00Z"),
    ]

    /// The events built here, then every normalized sample body.
    static let all: [Event] = own + SampleEvents.all
}

@Suite struct ShippedTemplateTests {
    @Test func everyTemplateIsShippedAndNoOtherFileIs() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ShippedTemplate.directory.path).filter { $0.hasSuffix(".tmpl") }
        #expect(Set(files) == Set(ShippedTemplate.allCases.map(\.fileName)))
    }

    @Test(arguments: ShippedTemplate.allCases)
    func beginsWithACommentNamingTheMetaKeysItReads(template: ShippedTemplate) throws {
        let text = try template.text()
        #expect(text.hasPrefix("{{- /*"))
        let comment = String(text[..<(text.range(of: "*/")?.lowerBound ?? text.startIndex)])
        #expect(comment.contains(".Meta"))
        for key in try metaKeys(in: text) {
            #expect(comment.contains("`\(key)`"), "\(template.fileName) reads .Meta.\(key) without documenting it")
        }
    }

    @Test(arguments: ShippedTemplate.allCases)
    func rendersValidJSONForEveryEvent(template: ShippedTemplate) throws {
        #expect(ShippedEvents.all.count > 40)
        for event in ShippedEvents.all {
            for meta in [ShippedTemplate.meta, ValueMap()] {
                do {
                    _ = try template.render(event, meta: meta)
                } catch {
                    Issue.record("\(template.fileName) \(event.id) \(event.nounVerb) with \(meta.count) meta keys: \(error)")
                }
            }
        }
    }

    @Test(arguments: ShippedTemplate.allCases)
    func escapesUserTextAndCarriesItThroughUnchanged(template: ShippedTemplate) throws {
        for event in ShippedEvents.all where event.id != "evt_long" {
            let (body, json) = try template.render(event)
            // toJson escapes <, > and &: raw ones would mean user text was pasted into the JSON.
            for text in ShippedText.userText(event) where text.contains("<") {
                #expect(!body.contains(text), "\(template.fileName) \(event.id): raw \(text)")
            }
            let strings = json.allStrings
            for text in ShippedText.userText(event, namespace: template != .passthrough) {
                #expect(strings.contains { ShippedText.shows($0, text) }, "\(template.fileName) \(event.id) loses \(text.debugDescription)")
            }
        }
    }

    @Test func passthroughIsFliptsWebhookBodyByteForByte() throws {
        for event in ShippedEvents.all {
            let (body, _) = try ShippedTemplate.passthrough.render(event)
            #expect(Array(body.utf8) == event.fliptJSON, "\(event.id)")
        }
        let flipt = #"{"version":"0.2","type":"segment","action":"created","metadata":{"actor":{"ip":"203.0.113.9"}},"payload":null,"timestamp":"2024-09-18T08:00:00Z","status":"denied"}"#
        #expect(try ShippedTemplate.passthrough.render(ShippedEvents.own[3]).body == flipt)
    }

    /// The `.Meta.KEY` names a template's text uses.
    private func metaKeys(in text: String) throws -> Set<String> {
        let pattern = try Regex(#"\.Meta\.([A-Za-z0-9_]+)"#)
        return Set(text.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) })
    }
}
