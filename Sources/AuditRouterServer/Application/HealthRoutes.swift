import GoTemplate
import Hummingbird

/// `GET /healthz` (the process is up) and `GET /readyz` (ready to accept: the spool is below
/// `spool.max_pending`; reports the undelivered deliveries).
struct HealthRoutes: Sendable {
    let runtime: RouterRuntime

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            jsonResponse(.ok, .map(ValueMap([("status", .string("ok"))])))
        }
        router.get("/readyz") { _, _ in
            let pending = runtime.spool.pendingCount()
            let limit = runtime.current.configuration.spool.maxPending
            let ready = pending < limit
            return jsonResponse(ready ? .ok : .serviceUnavailable, .map(ValueMap([
                ("status", .string(ready ? "ready" : "backpressure")), ("pending_deliveries", .int64(Int64(pending))),
                ("max_pending", .int64(Int64(limit))),
            ])))
        }
    }
}
