/// The operator alerts the router raises about its own sinks (Svix's operational webhooks). Each
/// is an event whose `type:action` is the alert's name, so sinks select them with `noun:verb`
/// patterns (`alerts: ["sink:*", "delivery:dead"]`) and render them with their usual templates.
public enum AlertKind: String, Sendable, CaseIterable, Equatable {
    /// The sink's last `alerting.failing_after` attempts all failed.
    case sinkFailing = "sink:failing"
    /// An attempt succeeded after `sink:failing` was raised.
    case sinkRecovered = "sink:recovered"
    /// The sink was paused (automatically after `pause_after`, or by the admin API).
    case sinkPaused = "sink:paused"
    /// The admin API resumed the sink.
    case sinkResumed = "sink:resumed"
    /// Deliveries to the sink failed for good (dead letters), grouped per `alerting.group_interval`.
    case deliveryDead = "delivery:dead"

    /// The event's `type` (the noun).
    public var type: String { String(rawValue.prefix { $0 != ":" }) }
    /// The event's `action` (the verb).
    public var action: String { String(rawValue.drop { $0 != ":" }.dropFirst()) }

    /// Whether `filter` selects this alert.
    public func isSelected(by filter: EventFilter) -> Bool {
        filter.matches(type: type, action: action)
    }
}
