import AuditRouterServer
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// `GET /metrics` through a Hummingbird application.
@Suite struct MetricsRouteTests {
    static func application(_ metrics: RouterMetrics) -> some ApplicationProtocol {
        let router = Router()
        registerMetricsRoute(on: router, metrics: metrics)
        var logger = Logger(label: "metrics-route-test")
        logger.logLevel = .warning
        return Application(router: router, logger: logger)
    }

    @Test(arguments: ["router", "live"])
    func answersTheExpositionInPrometheusTextFormat(framework: String) async throws {
        let metrics = RouterMetrics(sinks: ["slack"])
        metrics.eventAccepted(source: "flipt")
        metrics.deliveryFinished(sink: "slack", outcome: "dead")
        metrics.setSpoolSize(bytes: 8192)

        try await Self.application(metrics).test(framework == "live" ? .live : .router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let series = Exposition(text: String(buffer: response.body))
                #expect(series[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "1")
                #expect(series[#"audit_router_dead_letters_total{sink="slack"}"#] == "1")
                #expect(series["audit_router_spool_bytes"] == "8192.0")
            }
            // Later recordings show on the next scrape.
            metrics.eventAccepted(source: "flipt")
            try await client.execute(uri: "/metrics", method: .get) { response in
                let series = Exposition(text: String(buffer: response.body))
                #expect(series[#"audit_router_events_total{source="flipt",outcome="accepted",reason=""}"#] == "2")
            }
        }
    }
}
