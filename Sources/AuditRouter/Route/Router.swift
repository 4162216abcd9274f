import GoTemplate

/// A delivery the router decided on: one event to one sink.
public struct RoutedDelivery: Sendable, Equatable {
    /// The delivery id, stable across retries; receivers use it to drop duplicates.
    public let id: String
    public let eventID: String
    public let sink: String
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

    /// The deliveries for `events`. A `when` template that fails to execute routes nothing for
    /// that sink and event, and is reported in `problems`.
    public func route(_ events: [Event]) -> (deliveries: [RoutedDelivery], problems: [RoutingProblem]) {
        var deliveries: [RoutedDelivery] = []
        var problems: [RoutingProblem] = []
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
                    problems.append(RoutingProblem(eventID: event.id, sink: sink.name, message: error.message))
                }
            }
        }
        return (deliveries, problems)
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

/// A `when` template that failed for an event.
public struct RoutingProblem: Sendable, Equatable {
    public let eventID: String
    public let sink: String
    public let message: String
}
