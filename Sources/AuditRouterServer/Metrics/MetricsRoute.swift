import Hummingbird
import NIOCore

/// The content type of the Prometheus text exposition format.
let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

/// Registers `GET /metrics`, answering `metrics`' series in the Prometheus text format 0.0.4.
/// The route is not behind the admin token: like most exporters it serves only counts, and no
/// label carries user-controlled text (see ``RouterMetrics``).
public func registerMetricsRoute(on router: Router<BasicRequestContext>, metrics: RouterMetrics) {
    router.get("/metrics") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: prometheusContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}
