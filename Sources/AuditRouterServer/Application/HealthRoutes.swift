import GoTemplate
import Hummingbird

/// `GET /healthz` (the process is up) and `GET /readyz` (ready to accept: the pending deliveries
/// of the running sinks are below `spool.max_pending`; reports them).
struct HealthRoutes: Sendable {
    let runtime: RouterRuntime

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            jsonResponse(.ok, .map(ValueMap([("status", .string("ok"))])))
        }
        router.get("/readyz") { _, _ in
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
}
