import AuditRouter
import Metrics
import Prometheus

/// The router's metrics: ingest outcomes, delivery attempts and their latency, final delivery
/// outcomes, retries, dead letters, pending deliveries, paused sinks, operator alerts and the spool's size. They are recorded
/// through swift-metrics (`Counter`, `Timer`, `Gauge`) into swift-prometheus' registry, which
/// `GET /metrics` serves.
///
/// Every router owns its own registry and hands its factory to each metric explicitly, so several
/// routers in one process (as in the tests) never share or overwrite each other's series. The
/// executable also bootstraps the global `MetricsSystem` with it (`metricsFactory`), so that
/// metrics a library records through swift-metrics are served too.
///
/// Label values are bounded, so the number of series cannot grow with traffic:
/// - `sink` is a sink's configured name (or, for `retired`, one the spool holds deliveries of: a
///   name once configured) and `source` one of the fixed ingest sources (`flipt`, `flagr`,
///   `goflagship`, `gofeatureflag`) — both come from configuration and routes, never from a
///   request alone.
/// - `reason` and `outcome` come from fixed lists; a value outside them is recorded as `other`.
///
/// No user-controlled string (event fields, headers, URLs, error messages, bodies) ever becomes a
/// label value.
public final class RouterMetrics: Sendable {
    /// Why ingest turned a request away; anything else is recorded as `other`.
    static let rejectReasons: Set<String> = ["invalid_event", "unauthorized", "signature", "too_large", "media_type", "backpressure"]
    /// How one delivery attempt ended; anything else is recorded as `other`.
    static let attemptOutcomes: Set<String> = ["delivered", "retry", "dead"]
    /// How a delivery ended for good; anything else is recorded as `other`.
    static let deliveryOutcomes: Set<String> = ["delivered", "dead", "parked", "retired"]
    /// Bounds of the attempt-duration histogram, from 5 ms to 30 s (above the default 10 s timeout).
    static let attemptBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30),
    ]

    private let registry = PrometheusCollectorRegistry()
    private let factory: RegistryMetricsFactory

    /// Creates the metrics of one router. The series of each sink in `sinks` start at zero, so that
    /// `rate()` and `increase()` see the first failure of a sink and dashboards list every sink.
    public init(sinks: [String] = []) {
        factory = RegistryMetricsFactory(
            registry: registry, help: { Family(rawValue: $0)?.help ?? "" },
            durationBuckets: [Family.attemptDuration.rawValue: Self.attemptBuckets])
        for sink in sinks {
            for outcome in Self.deliveryOutcomes { counter(.deliveries, [("sink", sink), ("outcome", outcome)]) }
            counter(.retries, [("sink", sink)])
            counter(.deadLetters, [("sink", sink)])
            setPending(sink: sink, count: 0)
            setPaused(sink: sink, false)
            for alert in AlertKind.allCases { counter(.alerts, [("alert", alert.rawValue), ("sink", sink)]) }
        }
        setSpoolSize(bytes: 0)
    }

    /// The swift-metrics factory recording into this router's registry. Only an executable running
    /// a single router should hand it to `MetricsSystem.bootstrap`.
    public var metricsFactory: any MetricsFactory { factory }

    // MARK: Ingest

    /// An event from `source` was accepted (committed to the spool).
    public func eventAccepted(source: String) {
        counter(.events, [("source", source), ("outcome", "accepted"), ("reason", "")]).increment()
    }

    /// A request to `source`'s endpoint was rejected; `reason` is one of `invalid_event`,
    /// `unauthorized`, `signature`, `too_large`, `media_type`, `backpressure`.
    public func eventRejected(source: String, reason: String) {
        let reason = Self.bounded(reason, Self.rejectReasons)
        counter(.events, [("source", source), ("outcome", "rejected"), ("reason", reason)]).increment()
    }

    // MARK: Delivery

    /// One attempt to deliver to `sink` ended after `duration`; `outcome` is `delivered`, `retry`
    /// (a retry is scheduled, also counted in `audit_router_retries_total`) or `dead` (the last
    /// attempt failed). Call it for every attempt.
    public func attemptFinished(sink: String, outcome: String, duration: Duration) {
        let outcome = Self.bounded(outcome, Self.attemptOutcomes)
        counter(.attempts, [("sink", sink), ("outcome", outcome)]).increment()
        Metrics.Timer(label: Family.attemptDuration.rawValue, dimensions: [("sink", sink)], factory: factory).record(duration: max(duration, .zero))
        if outcome == "retry" { counter(.retries, [("sink", sink)]).increment() }
    }

    /// A delivery to `sink` reached its final state: `delivered`, `dead` (a dead letter, also
    /// counted in `audit_router_dead_letters_total`), `parked` (its sink is paused; resuming
    /// it re-queues the delivery, which is counted again when it ends), or `retired` (its sink
    /// does not run and an operator gave it up; a replay re-queues it). Call it once per delivery
    /// and outcome, including dead letters that never made an attempt (e.g. a template that does
    /// not render); `count` reports that many at once.
    public func deliveryFinished(sink: String, outcome: String, count: Int = 1) {
        let outcome = Self.bounded(outcome, Self.deliveryOutcomes)
        counter(.deliveries, [("sink", sink), ("outcome", outcome)]).increment(by: Int64(count))
        if outcome == "dead" { counter(.deadLetters, [("sink", sink)]).increment(by: Int64(count)) }
    }

    /// An operator alert of `kind` about `sink` was committed.
    public func alertRaised(_ kind: AlertKind, sink: String) {
        counter(.alerts, [("alert", kind.rawValue), ("sink", sink)]).increment()
    }

    // MARK: Gauges (set by a periodic refresher)

    /// The number of undelivered deliveries waiting for `sink`.
    public func setPending(sink: String, count: Int) {
        Gauge(label: Family.pending.rawValue, dimensions: [("sink", sink)], factory: factory).record(count)
    }

    /// Whether `sink` is paused (1: after failing for `pause_after`, or through the admin API) or
    /// not (0: delivering, disabled or removed), so that an alert can fire on a paused sink.
    public func setPaused(sink: String, _ paused: Bool) {
        Gauge(label: Family.sinkPaused.rawValue, dimensions: [("sink", sink)], factory: factory).record(paused ? 1 : 0)
    }

    /// The spool's size on disk, in bytes.
    public func setSpoolSize(bytes: Int) {
        Gauge(label: Family.spoolBytes.rawValue, factory: factory).record(bytes)
    }

    // MARK: Exposition

    /// Every series in the Prometheus text exposition format, version 0.0.4.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The counter of `family` with `labels` (created at zero on first use).
    @discardableResult
    private func counter(_ family: Family, _ labels: [(String, String)]) -> Metrics.Counter {
        Metrics.Counter(label: family.rawValue, dimensions: labels, factory: factory)
    }

    /// `value` when it is in `allowed`, otherwise `other`.
    private static func bounded(_ value: String, _ allowed: Set<String>) -> String {
        allowed.contains(value) ? value : "other"
    }
}

/// The metric families, with their names and help texts.
private enum Family: String {
    case events = "audit_router_events_total"
    case attempts = "audit_router_delivery_attempts_total"
    case attemptDuration = "audit_router_attempt_duration_seconds"
    case deliveries = "audit_router_deliveries_total"
    case retries = "audit_router_retries_total"
    case deadLetters = "audit_router_dead_letters_total"
    case pending = "audit_router_pending_deliveries"
    case sinkPaused = "audit_router_sink_paused"
    case spoolBytes = "audit_router_spool_bytes"
    case alerts = "audit_router_alerts_total"

    /// The text of the family's `# HELP` line.
    var help: String {
        switch self {
        case .events: "Ingested events by source and outcome; rejected requests by reason."
        case .attempts: "Delivery attempts by sink and outcome (delivered, retry, dead)."
        case .attemptDuration: "Duration of delivery attempts by sink, in seconds."
        case .deliveries: "Deliveries that reached a final state, by sink and outcome (delivered, dead, parked, retired)."
        case .retries: "Failed delivery attempts that were scheduled for a retry, by sink."
        case .deadLetters: "Deliveries that became dead letters, by sink."
        case .pending: "Undelivered deliveries waiting in the spool, by sink."
        case .sinkPaused: "1 while the sink is paused (after failing for pause_after, or through the admin API), else 0."
        case .spoolBytes: "Size of the SQLite spool on disk, in bytes."
        case .alerts: "Operator alerts raised (committed for the sinks whose alerts select them), by alert and the sink it is about."
        }
    }

}
