import AuditRouter
import GoTemplate
import Hummingbird

/// The admin API under `/v1/admin`, and `GET /openapi.json` (the OpenAPI document of the admin
/// API, ingest and health; no token needed). Admin routes need `Authorization: Bearer
/// <server.admin_token>` and are off (404 `admin_disabled`) without one (`AdminAuthMiddleware`).
/// Every answer is JSON; errors are `{"error": {"code", "message"}}` as in ingest.
///
/// | route | what it does |
/// |---|---|
/// | `GET sinks` | every sink: settings (secrets redacted), state, counters, last success and error; sinks no longer configured that hold pending or parked deliveries |
/// | `GET sinks/{name}/deliveries?status=&page=&limit=` | the sink's attempt log, newest first |
/// | `POST sinks/{name}/test` | a synthetic event sent now, bypassing filters; the attempt's result |
/// | `POST sinks/{name}/replay` | re-queues dead letters by id or time window |
/// | `POST sinks/{name}/pause`, `POST sinks/{name}/resume` | holds or restarts delivery |
/// | `POST sinks/{name}/retire` | gives up the pending and parked deliveries of a sink that does not run: dead letters |
/// | `GET events/{id}` | the event and its deliveries to every sink |
/// | `GET dead-letters?sink=&page=&limit=` | dead letters, most recently dead first |
/// | `POST reload` | loads the configuration file again; 422 with the problems when it does not load |
/// | anything else under `/v1/admin` | 404 `not_found`, behind the same guard |
struct AdminRoutes: Sendable {
    let runtime: RouterRuntime

    func register(on router: Router<BasicRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        // On the router, not the group: a path under /v1/admin that names no route (or a method
        // a route lacks) is guarded too, before it gets its 404.
        router.add(middleware: AdminAuthMiddleware(runtime: runtime))
        let admin = router.group("/v1/admin")
        admin.get("sinks") { _, _ in try await self.listSinks() }
        admin.get("sinks/{name}/deliveries") { request, context in try await self.deliveryLog(request, context) }
        admin.post("sinks/{name}/test") { request, context in try await self.test(request, context) }
        admin.post("sinks/{name}/replay") { request, context in try await self.replay(request, context) }
        admin.post("sinks/{name}/pause") { request, context in try await self.setPaused(true, request, context) }
        admin.post("sinks/{name}/resume") { request, context in try await self.setPaused(false, request, context) }
        admin.post("sinks/{name}/retire") { request, context in try await self.retire(request, context) }
        admin.get("events/{id}") { _, context in try await self.event(context) }
        admin.get("dead-letters") { request, _ in try await self.deadLetters(request) }
        admin.post("reload") { request, _ in try await self.reload(request) }
    }

    /// The configured sink named by the route's `{name}`; 404 `sink_not_found` when none is.
    func configuredSink(_ context: BasicRequestContext) throws -> SinkConfiguration {
        let name = try context.parameters.require("name")
        guard let sink = runtime.current.configuration.sinks.first(where: { $0.name == name }) else {
            throw Self.sinkNotFound(name)
        }
        return sink
    }

    /// A sink's full view, read now.
    func view(of sink: SinkConfiguration, adding extra: [(String, Value)] = []) async throws -> Value {
        SinkView.value(sink, health: runtime.health(ofSink: sink.name), counts: try await runtime.spool.counts(sink: sink.name), adding: extra)
    }

    static func sinkNotFound(_ name: String) -> APIError {
        APIError(.notFound, code: "sink_not_found", "no sink named \"\(name)\" is configured")
    }
}
