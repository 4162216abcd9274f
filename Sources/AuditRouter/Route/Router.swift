import GoTemplate

/// A delivery the router decided on: one event to one sink.
public struct RoutedDelivery: Sendable, Equatable {
    /// The delivery id, stable across retries; receivers use it to drop duplicates.
    public let id: String
    public let eventID: String
    public let sink: String
    /// Why the sink's `when` template failed for the event, or nil. Such a delivery is stored
    /// as a dead letter with this reason: visible, and sent when an operator replays it.
    public let whenFailure: String?

    public init(id: String, eventID: String, sink: String, whenFailure: String? = nil) {
        self.id = id
        self.eventID = eventID
        self.sink = sink
        self.whenFailure = whenFailure
    }
}

/// Decides which sinks each event goes to: enabled sinks whose `events` filter, `namespaces` list
/// and `when` template all accept it; and which sinks receive each operator alert.
public struct EventRouter: Sendable {
    public let sinks: [SinkConfiguration]
    public let meta: ValueMap

    public init(sinks: [SinkConfiguration], meta: ValueMap) {
        self.sinks = sinks
        self.meta = meta
    }

    /// The deliveries for `events`. When a sink's `when` template fails for an event, the
    /// delivery is still made, with the error as its `whenFailure` (neither sent nor dropped
    /// in silence: a dead letter for the operator to replay or leave).
    public func route(_ events: [Event]) -> [RoutedDelivery] {
        var deliveries: [RoutedDelivery] = []
        // Only `when` templates read the event's template data.
        let needsData = sinks.contains { $0.enabled && $0.when != nil }
        for event in events {
            let data = needsData ? event.templateValue(meta: meta) : .missing
            for sink in sinks where sink.enabled {
                do {
                    if try accepts(sink, event, data) {
                        deliveries.append(RoutedDelivery(id: Identifier.make("dlv"), eventID: event.id, sink: sink.name))
                    }
                } catch {
                    deliveries.append(RoutedDelivery(
                        id: Identifier.make("dlv"), eventID: event.id, sink: sink.name, whenFailure: "when template failed: \(error.message)"))
                }
            }
        }
        return deliveries
    }

    /// The deliveries of an operator alert (an event made by `OperatorAlert.event`) about the sink
    /// `subject`: one to each enabled sink whose `alerts` select it, but `subject` itself (failing
    /// or paused, it would not deliver it). Sinks' `events`, `namespaces` and `when` do not apply.
    public func routeAlert(_ alert: Event, about subject: String) -> [RoutedDelivery] {
        sinks.filter { $0.enabled && $0.name != subject && $0.alerts.matches(type: alert.type, action: alert.action) }
            .map { RoutedDelivery(id: Identifier.make("dlv"), eventID: alert.id, sink: $0.name) }
    }

    /// Whether `sink` takes `event` (whose template data is `data`), ignoring `enabled`.
    public func accepts(_ sink: SinkConfiguration, _ event: Event, _ data: Value) throws(TemplateError) -> Bool {
        guard sink.events.matches(type: event.type, action: event.action) else { return false }
        if let namespaces = sink.namespaces {
            guard let namespace = event.namespace, namespaces.contains(namespace) else { return false }
        }
        if let when = sink.when {
            let verdict = try when.render(data)
            return verdict.trimmingWhiteSpace() == "true"
        }
        return true
    }
}
