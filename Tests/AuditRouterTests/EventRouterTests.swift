import GoTemplate
import Testing

@testable import AuditRouter

/// The route stage: which enabled sinks take which events (`events`, `namespaces`, `when`).
@Suite struct EventRouterTests {
    static func event(_ type: String = "flag", _ action: String = "created", namespace: String? = "default", status: String = "success", id: String? = nil) -> Event {
        Event(
            id: id ?? "evt_\(type)_\(action)_\(namespace ?? "none")", source: .flipt, type: type, action: action,
            payload: ["key": "k"], timestamp: "2024-05-01T10:00:00Z", status: status, namespace: namespace)
    }

    static func sink(_ name: String, enabled: Bool = true, events: [String] = ["*:*"], namespaces: [String]? = nil, when: String? = nil) throws -> SinkConfiguration {
        try SinkConfiguration(name: name, enabled: enabled, url: "https://hooks.test", events: EventFilter(events), namespaces: namespaces, when: when)
    }

    /// `(eventID, sink)` pairs routed for `events`, to be attempted (their `when` did not fail).
    static func routed(_ sinks: [SinkConfiguration], _ events: [Event], meta: ValueMap = ValueMap()) -> [String] {
        EventRouter(sinks: sinks, meta: meta).route(events).filter { $0.whenFailure == nil }.map { "\($0.eventID)>\($0.sink)" }
    }

    // MARK: events filter

    @Test func theEventsFilterSelectsByTypeAndAction() throws {
        let sinks = [try Self.sink("flags", events: ["flag:*"]), try Self.sink("deletes", events: ["*:deleted"])]
        let events = [Self.event("flag", "created"), Self.event("segment", "deleted"), Self.event("segment", "created")]
        #expect(Self.routed(sinks, events) == [
            "evt_flag_created_default>flags", "evt_segment_deleted_default>deletes",
        ])
    }

    @Test func anEventMatchingBothSinksGoesToBoth() throws {
        let sinks = [try Self.sink("flags", events: ["flag:*"]), try Self.sink("deletes", events: ["*:deleted"])]
        #expect(Self.routed(sinks, [Self.event("flag", "deleted")]) == ["evt_flag_deleted_default>flags", "evt_flag_deleted_default>deletes"])
    }

    // MARK: namespaces

    @Test func aNamespacedSinkTakesOnlyItsNamespaces() throws {
        let sinks = [try Self.sink("prod", namespaces: ["production", "eu-prod"])]
        let events = [Self.event(namespace: "production"), Self.event(namespace: "staging"), Self.event(namespace: "eu-prod")]
        #expect(Self.routed(sinks, events) == ["evt_flag_created_production>prod", "evt_flag_created_eu-prod>prod"])
    }

    @Test func eventsWithoutANamespaceNeverMatchANamespacedSink() throws {
        let sinks = [try Self.sink("prod", namespaces: ["production"]), try Self.sink("empty", namespaces: [""])]
        #expect(Self.routed(sinks, [Self.event(namespace: nil)]) == [])
    }

    @Test func aSinkWithoutNamespacesTakesEventsWithoutANamespace() throws {
        #expect(Self.routed([try Self.sink("all")], [Self.event(namespace: nil)]) == ["evt_flag_created_none>all"])
    }

    // MARK: when

    @Test func whenRenderingTrueRoutes() throws {
        let sinks = [try Self.sink("ok", when: #"{{ eq .Status "success" }}"#)]
        #expect(Self.routed(sinks, [Self.event(status: "success", id: "evt_a"), Self.event(status: "denied", id: "evt_b")]) == ["evt_a>ok"])
    }

    @Test func whenMayHaveWhiteSpaceAroundTrue() throws {
        let sinks = [try Self.sink("ok", when: "\n  {{ if eq .Type \"flag\" }}true{{ end }}  \n\t")]
        #expect(Self.routed(sinks, [Self.event(id: "evt_a")]) == ["evt_a>ok"])
    }

    @Test(arguments: ["false", "TRUE", "True", "1", "yes", "", "true true", "truex", "{{.Type}}"])
    func whenRenderingAnythingButTrueDoesNotRoute(text: String) throws {
        let sinks = [try Self.sink("s", when: text)]
        #expect(EventRouter(sinks: sinks, meta: ValueMap()).route([Self.event()]).isEmpty)
    }

    @Test func whenSeesMeta() throws {
        let sinks = [try Self.sink("s", when: #"{{ eq .Meta.region "eu" }}"#)]
        #expect(Self.routed(sinks, [Self.event(id: "evt_a")], meta: ValueMap([("region", "eu")])) == ["evt_a>s"])
        #expect(Self.routed(sinks, [Self.event(id: "evt_a")], meta: ValueMap([("region", "us")])) == [])
    }

    @Test func aFailingWhenRoutesADeliveryCarryingTheFailure() throws {
        let sinks = [try Self.sink("broken", when: "{{ .Nope }}"), try Self.sink("fine")]
        let result = EventRouter(sinks: sinks, meta: ValueMap()).route([Self.event(id: "evt_a")])
        #expect(result.map(\.sink) == ["broken", "fine"])
        #expect(result[1].whenFailure == nil)
        let failed = result[0]
        #expect(failed.eventID == "evt_a")
        #expect(failed.id.hasPrefix("dlv_"))
        let failure = try #require(failed.whenFailure)
        #expect(failure.hasPrefix("when template failed: template: broken.when:1:3: "))
        #expect(failure.contains(#"executing "broken.when" at <.Nope>: can't evaluate field Nope"#))
    }

    @Test func aWhenPastItsRenderLimitsIsAFailureNotAHang() throws {
        let sink = try SinkConfiguration(
            name: "s", url: "https://hooks.test", when: "{{ range .Payload.items }}{{ range $.Payload.items }}{{ end }}{{ end }}true",
            renderLimits: RenderLimits(maxBytes: 1000, maxSteps: 5000))
        let items = (0..<1000).map { $0 }
        let event = Event(id: "evt_a", source: .flipt, type: "flag", action: "created", payload: ["items": .array(items.map { .int($0) })], timestamp: "t")
        let result = EventRouter(sinks: [sink], meta: ValueMap()).route([event])
        #expect(result.count == 1)
        #expect(result.first?.whenFailure?.hasSuffix("execution exceeds the limit of 5000 steps (nodes walked, range iterations and builtins' work)") == true)
    }

    @Test func aWhenThatFailsForOneEventStillRoutesTheOthers() throws {
        let sinks = [try Self.sink("s", when: "{{ gt .Payload.size 1 }}")]
        let good = Event(id: "evt_good", source: .flipt, type: "flag", action: "created", payload: ["size": 5], timestamp: "t")
        let bad = Event(id: "evt_bad", source: .flipt, type: "flag", action: "created", payload: ["size": "big"], timestamp: "t")
        let result = EventRouter(sinks: sinks, meta: ValueMap()).route([bad, good])
        #expect(result.map(\.eventID) == ["evt_bad", "evt_good"])
        #expect(result.map { $0.whenFailure != nil } == [true, false])
    }

    @Test func whenIsNotEvaluatedForEventsTheFiltersReject() throws {
        let sinks = [try Self.sink("s", events: ["segment:*"], when: "{{ .Nope }}")]
        #expect(EventRouter(sinks: sinks, meta: ValueMap()).route([Self.event("flag", "created")]).isEmpty)
    }

    // MARK: enabled

    @Test func disabledSinksGetNothing() throws {
        let sinks = [try Self.sink("off", enabled: false), try Self.sink("on")]
        #expect(Self.routed(sinks, [Self.event(id: "evt_a"), Self.event(id: "evt_b")]) == ["evt_a>on", "evt_b>on"])
    }

    @Test func aDisabledSinksFailingWhenIsNotAProblem() throws {
        let sinks = [try Self.sink("off", enabled: false, when: "{{ .Nope }}")]
        #expect(EventRouter(sinks: sinks, meta: ValueMap()).route([Self.event()]).isEmpty)
    }

    @Test func acceptsIgnoresEnabled() throws {
        let sink = try Self.sink("off", enabled: false)
        let event = Self.event()
        #expect(try EventRouter(sinks: [sink], meta: ValueMap()).accepts(sink, event, event.templateValue()))
    }

    // MARK: delivery ids

    @Test func deliveryIDsAreUniqueAndPrefixed() throws {
        let sinks = try (0..<4).map { try Self.sink("s\($0)") }
        let events = (0..<250).map { Self.event(id: "evt_\($0)") }
        let ids = EventRouter(sinks: sinks, meta: ValueMap()).route(events).map(\.id)
        #expect(ids.count == 1000)
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.hasPrefix("dlv_") && $0.count == 30 })
    }

    @Test func deliveriesFollowEventOrderThenSinkOrder() throws {
        let sinks = [try Self.sink("b"), try Self.sink("a")]
        #expect(Self.routed(sinks, [Self.event(id: "evt_2"), Self.event(id: "evt_1")]) == ["evt_2>b", "evt_2>a", "evt_1>b", "evt_1>a"])
    }

    @Test func noEventsNoDeliveries() throws {
        #expect(EventRouter(sinks: [try Self.sink("s")], meta: ValueMap()).route([]).isEmpty)
    }
}
