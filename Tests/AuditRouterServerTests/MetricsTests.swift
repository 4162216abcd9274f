import AuditRouterServer
import Metrics
import Testing

/// `RouterMetrics`: the series it records and their values in the text exposition.
@Suite struct MetricsTests {
    @Test func ingestOutcomesBySourceAndReason() {
        let metrics = RouterMetrics()
        metrics.eventAccepted(source: "flipt")
        metrics.eventAccepted(source: "flipt")
        metrics.eventAccepted(source: "flagr")
        metrics.eventRejected(source: "goflagship", reason: "signature")
        metrics.eventRejected(source: "flipt", reason: "backpressure")
        metrics.eventRejected(source: "flipt", reason: "backpressure")

        let series = Exposition(metrics)
        #expect(series[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "2")
        #expect(series[#"audit_router_events_total{source="flagr",outcome="accepted",reason=""}"#] == "1")
        #expect(series[#"audit_router_events_total{source="goflagship",outcome="rejected",reason="signature"}"#] == "1")
        #expect(series[#"audit_router_events_total{source="flipt",outcome="rejected",reason="backpressure"}"#] == "2")
        #expect(series.text.contains("# TYPE audit_router_events_total counter\n"))
        #expect(series.text.contains("# HELP audit_router_events_total "))
    }

    @Test func reasonsAndOutcomesOutsideTheFixedListsBecomeOther() {
        let metrics = RouterMetrics()
        metrics.eventRejected(source: "flipt", reason: "user said \"hi\"\n")
        metrics.attemptFinished(sink: "slack", outcome: "exploded", duration: .milliseconds(1))
        metrics.deliveryFinished(sink: "slack", outcome: "lost")

        let series = Exposition(metrics)
        #expect(series[#"audit_router_events_total{source="flipt",outcome="rejected",reason="other"}"#] == "1")
        #expect(series[#"audit_router_delivery_attempts_total{sink="slack",outcome="other"}"#] == "1")
        #expect(series[#"audit_router_deliveries_total{sink="slack",outcome="other"}"#] == "1")
        #expect(!series.text.contains("user said"))
    }

    @Test func attemptsRetriesAndLatencyHistogram() {
        let metrics = RouterMetrics()
        metrics.attemptFinished(sink: "splunk", outcome: "retry", duration: .milliseconds(20))
        metrics.attemptFinished(sink: "splunk", outcome: "delivered", duration: .milliseconds(120))
        metrics.attemptFinished(sink: "splunk", outcome: "dead", duration: .seconds(40))
        metrics.attemptFinished(sink: "teams", outcome: "delivered", duration: .milliseconds(3))

        let series = Exposition(metrics)
        #expect(series[#"audit_router_delivery_attempts_total{sink="splunk",outcome="retry"}"#] == "1")
        #expect(series[#"audit_router_delivery_attempts_total{sink="splunk",outcome="delivered"}"#] == "1")
        #expect(series[#"audit_router_delivery_attempts_total{sink="splunk",outcome="dead"}"#] == "1")
        #expect(series[#"audit_router_retries_total{sink="splunk"}"#] == "1")
        #expect(series[#"audit_router_retries_total{sink="teams"}"#] == nil)
        // A final failed attempt is not yet a dead letter: `deliveryFinished` counts those.
        #expect(series[#"audit_router_dead_letters_total{sink="splunk"}"#] == nil)

        let buckets: [(String, String)] = [
            ("0.005", "0"), ("0.01", "0"), ("0.025", "1"), ("0.05", "1"), ("0.1", "1"), ("0.25", "2"),
            ("0.5", "2"), ("1.0", "2"), ("2.5", "2"), ("5.0", "2"), ("10.0", "2"), ("30.0", "2"), ("+Inf", "3"),
        ]
        for (bound, count) in buckets {
            #expect(series[#"audit_router_attempt_duration_seconds_bucket{sink="splunk",le="\#(bound)"}"#] == count, "le=\(bound)")
        }
        #expect(series[#"audit_router_attempt_duration_seconds_count{sink="splunk"}"#] == "3")
        #expect(series[#"audit_router_attempt_duration_seconds_sum{sink="splunk"}"#] == "40.14")
        #expect(series[#"audit_router_attempt_duration_seconds_bucket{sink="teams",le="0.005"}"#] == "1")
        #expect(series.text.contains("# TYPE audit_router_attempt_duration_seconds histogram\n"))
    }

    @Test func finalDeliveryOutcomesAndDeadLetters() {
        let metrics = RouterMetrics()
        metrics.deliveryFinished(sink: "datadog", outcome: "delivered")
        metrics.deliveryFinished(sink: "datadog", outcome: "delivered")
        metrics.deliveryFinished(sink: "datadog", outcome: "dead")
        metrics.deliveryFinished(sink: "datadog", outcome: "parked", count: 5)
        metrics.deliveryFinished(sink: "datadog", outcome: "dead", count: 2)

        let series = Exposition(metrics)
        #expect(series[#"audit_router_deliveries_total{sink="datadog",outcome="delivered"}"#] == "2")
        #expect(series[#"audit_router_deliveries_total{sink="datadog",outcome="dead"}"#] == "3")
        #expect(series[#"audit_router_deliveries_total{sink="datadog",outcome="parked"}"#] == "5")
        #expect(series[#"audit_router_dead_letters_total{sink="datadog"}"#] == "3")  // parked ones are not dead letters
    }

    @Test func gaugesHoldTheLastValueSet() {
        let metrics = RouterMetrics()
        #expect(Exposition(metrics)["audit_router_spool_bytes"] == "0.0")
        metrics.setPending(sink: "slack", count: 7)
        metrics.setPending(sink: "slack", count: 3)
        metrics.setPending(sink: "webhook", count: 12)
        metrics.setSpoolSize(bytes: 4_096_000)
        metrics.setPaused(sink: "slack", true)
        metrics.setPaused(sink: "webhook", true)
        metrics.setPaused(sink: "webhook", false)

        let series = Exposition(metrics)
        #expect(series[#"audit_router_sink_paused{sink="slack"}"#] == "1.0")
        #expect(series[#"audit_router_sink_paused{sink="webhook"}"#] == "0.0")
        #expect(series[#"audit_router_pending_deliveries{sink="slack"}"#] == "3.0")
        #expect(series[#"audit_router_pending_deliveries{sink="webhook"}"#] == "12.0")
        #expect(series["audit_router_spool_bytes"] == "4096000.0")
        #expect(series.text.contains("# TYPE audit_router_pending_deliveries gauge\n"))
        #expect(series.text.contains("# TYPE audit_router_spool_bytes gauge\n"))
    }

    @Test func configuredSinksStartAtZero() {
        let series = Exposition(RouterMetrics(sinks: ["stdout", "events-file"]))
        for sink in ["stdout", "events-file"] {
            #expect(series[#"audit_router_deliveries_total{sink="\#(sink)",outcome="delivered"}"#] == "0")
            #expect(series[#"audit_router_deliveries_total{sink="\#(sink)",outcome="dead"}"#] == "0")
            #expect(series[#"audit_router_retries_total{sink="\#(sink)"}"#] == "0")
            #expect(series[#"audit_router_dead_letters_total{sink="\#(sink)"}"#] == "0")
            #expect(series[#"audit_router_pending_deliveries{sink="\#(sink)"}"#] == "0.0")
            #expect(series[#"audit_router_sink_paused{sink="\#(sink)"}"#] == "0.0")
        }
    }

    @Test func routersInOneProcessKeepSeparateSeries() {
        let first = RouterMetrics()
        let second = RouterMetrics()
        first.eventAccepted(source: "flipt")
        first.eventAccepted(source: "flipt")
        second.eventAccepted(source: "flipt")

        #expect(Exposition(first)[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "2")
        #expect(Exposition(second)[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "1")
    }

    @Test func swiftMetricsAPIRecordsThroughTheRoutersFactory() {
        let metrics = RouterMetrics()
        let counter = Metrics.Counter(label: "audit_router_reloads_total", dimensions: [("result", "ok")], factory: metrics.metricsFactory)
        counter.increment(by: 2)

        #expect(Exposition(metrics)[#"audit_router_reloads_total{result="ok"}"#] == "2")
    }

    @Test func aLibrarysTimersAndGaugesAreServedBesideTheRoutersFamilies() {
        let metrics = RouterMetrics(sinks: ["a"])
        metrics.attemptFinished(sink: "a", outcome: "delivered", duration: .milliseconds(30))
        Metrics.Timer(label: "library_call_seconds", factory: metrics.metricsFactory).record(duration: .milliseconds(7))
        Gauge(label: "library_connections", factory: metrics.metricsFactory).record(3)
        let series = Exposition(metrics)

        #expect(series[#"library_call_seconds_count"#] == "1")
        #expect(series[#"library_connections"#] == "3.0")
        // Each family of the router keeps its help text; a library's metrics have none.
        let text = series.text
        for type in text.split(separator: "\n") where type.hasPrefix("# TYPE audit_router_") {
            let name = type.split(separator: " ")[2]
            #expect(text.contains("# HELP \(name) "), "no help for \(name)")
        }
        #expect(!text.contains("# HELP library_"))
    }

    @Test func everyLineIsACommentOrASample() {
        let metrics = RouterMetrics(sinks: ["a"])
        metrics.eventRejected(source: "flagr", reason: "too_large")
        metrics.attemptFinished(sink: "a", outcome: "delivered", duration: .milliseconds(8))
        let text = Exposition(metrics).text

        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n") {
            let isComment = line.hasPrefix("# HELP audit_router_") || line.hasPrefix("# TYPE audit_router_")
            let isSample = line.hasPrefix("audit_router_") && line.split(separator: " ").last.flatMap { Double($0) } != nil
            #expect(isComment || isSample, "\(line)")
        }
    }
}

/// A text exposition, and its samples by series (name and labels as written) for lookups.
struct Exposition {
    let text: String
    private let samples: [String: String]

    init(_ metrics: RouterMetrics) {
        self.init(text: String(decoding: metrics.exposition(), as: UTF8.self))
    }

    init(text: String) {
        self.text = text
        var samples: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            samples[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        self.samples = samples
    }

    /// The value of `series` (e.g. `name{label="value"}`), or nil when it is not exposed.
    subscript(_ series: String) -> String? { samples[series] }
}
