import GoTemplate
import Hummingbird

/// `GET /healthz` (the process is up) and `GET /readyz` (ready to accept: the pending deliveries
/// of the running sinks are below `spool.max_pending`; reports them). Both answer `HEAD` too, as
/// load balancers probe with it: the same status, no body.
struct HealthRoutes: Sendable {
    let runtime: RouterRuntime

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in health() }
        router.head("/healthz") { _, _ in Response(status: health().status) }
        router.get("/readyz") { _, _ in readiness() }
        router.head("/readyz") { _, _ in Response(status: readiness().status) }
    }

    private func health() -> Response {
        jsonResponse(.ok, .map(ValueMap([("status", .string("ok"))])))
    }

    private func readiness() -> Response {
        let generation = runtime.current
        let pending = runtime.spool.pendingCount(sinks: generation.runningSinks)
        let limit = generation.configuration.spool.maxPending
        let ready = pending < limit
        return jsonResponse(ready ? .ok : .serviceUnavailable, .map(ValueMap([
            ("status", .string(ready ? "ready" : "backpressure")), ("pending_deliveries", .int64(Int64(pending))),
            ("max_pending", .int64(Int64(limit))),
        ])))
    }
}
