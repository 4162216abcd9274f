import GoTemplate
import Hummingbird

/// `GET /healthz` (the process is up) and `GET /readyz` (the spool answers).
struct HealthRoutes: Sendable {
    let spool: Spool

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            jsonResponse(.ok, .map(ValueMap([("status", .string("ok"))])))
        }
        router.get("/readyz") { _, _ in
            do {
                let pending = try await spool.pendingCount()
                return jsonResponse(.ok, .map(ValueMap([("status", .string("ready")), ("pending_deliveries", .int64(Int64(pending)))])))
            } catch {
                return jsonResponse(.serviceUnavailable, .map(ValueMap([("status", .string("spool unavailable"))])))
            }
        }
    }
}
