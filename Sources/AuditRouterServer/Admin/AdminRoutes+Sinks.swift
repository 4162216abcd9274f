import AuditRouter
import GoTemplate
import Hummingbird

/// The admin routes that act on sinks: list, test, pause and resume, retire, reload.
extension AdminRoutes {
    /// `GET /v1/admin/sinks`: `{"sinks": [...], "removed": [...]}` (see `sinkList`).
    func listSinks() async throws -> Response {
        jsonResponse(.ok, try await sinkList(runtime.current.configuration.sinks))
    }

    /// `POST /v1/admin/sinks/{name}/test`: sends a synthetic `test:created` event to the sink now,
    /// bypassing its filters (nothing is stored), and answers the attempt's result. It takes no body.
    func test(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        try await AdminRequestBody.requireNone(request, route: "POST /v1/admin/sinks/{name}/test")
        guard let result = await runtime.testAttempt(sink: name) else { throw Self.sinkNotFound(name) }
        let delivered = result.outcome.classification == .success
        var responseBody: Value = .null
        if case .response(_, _, let body) = result.outcome, !body.isEmpty { responseBody = .string(body) }
        return jsonResponse(.ok, .map(ValueMap([
            ("sink", .string(name)),
            ("delivered", .bool(delivered)),
            ("status_code", AdminJSON.int(result.outcome.status)),
            ("summary", .string(result.outcome.summary)),
            ("error", delivered ? .null : .string(result.outcome.summary)),
            ("response_body", responseBody),
            ("duration_ms", AdminJSON.millis(result.duration)),
            ("delivery_id", .string(result.deliveryID)),
            ("event_id", .string(result.event.id)),
        ])))
    }

    /// `POST /v1/admin/sinks/{name}/pause` (optional body `{"reason": "..."}`; parks the sink's
    /// pending deliveries) and `/resume` (re-queues them): answers the sink's view, with `parked`
    /// or `requeued`. 409 `sink_disabled` for a sink that is configured but disabled.
    func setPaused(_ paused: Bool, _ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let sink = try configuredSink(context)
        let body = try await AdminRequestBody.object(request)
        var reason = "paused through the admin API"
        if let body {
            try AdminRequestBody.rejectUnknownKeys(body, known: paused ? ["reason"] : [])
            if paused { reason = try AdminRequestBody.string(body, "reason") ?? reason }
        }
        let moved = sink.enabled ? try await paused ? runtime.pause(sink: sink.name, reason: reason) : runtime.resume(sink: sink.name) : nil
        guard let moved else {
            throw APIError(.conflict, code: "sink_disabled", "sink \"\(sink.name)\" is disabled: enable it in the configuration and reload")
        }
        return jsonResponse(.ok, try await view(of: sink, adding: [(paused ? "parked" : "requeued", .int64(Int64(moved)))]))
    }

    /// `POST /v1/admin/sinks/{name}/retire`: gives up the backlog of a sink that does not run
    /// (removed by a reload, or disabled): its pending and parked deliveries become dead letters,
    /// listed, replayable once the sink runs again, and pruned after `retain_dead`; attempts under
    /// way are waited for (see `RouterRuntime.retire`). Answers `{"sink", "retired", "in_flight"}`.
    /// 409 `sink_running` for a sink that runs, paused or not, or that a reload brought back
    /// during the wait; 404 `sink_not_found` for a name neither configured nor in the spool. It
    /// takes no body.
    func retire(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        try await AdminRequestBody.requireNone(request, route: "POST /v1/admin/sinks/{name}/retire")
        guard try await isKnown(sink: name) else { throw Self.sinkNotFound(name) }
        switch try await runtime.retire(sink: name) {
        case .running:
            throw APIError(
                .conflict, code: "sink_running",
                "sink \"\(name)\" runs (paused or not): remove or disable it and reload first; pausing it parks its pending deliveries")
        case .cameBack:
            throw APIError(
                .conflict, code: "sink_running",
                "sink \"\(name)\" runs again: a reload brought it back while the retire waited for attempts under way; nothing was retired")
        case .retired(let retired, let inFlight):
            return jsonResponse(.ok, .map(ValueMap([
                ("sink", .string(name)),
                ("retired", .int64(Int64(retired))),
                ("in_flight", .int64(Int64(inFlight))),
            ])))
        }
    }

    /// `POST /v1/admin/reload`: loads the configuration file again. 200 with the sinks now in force (as `GET sinks` lists them);
    /// 422 `invalid_configuration` with every problem (one per line in `message`, and as
    /// `problems`) while the running configuration stays; 409 `reload_unavailable` when the router
    /// was not started from a file. It takes no body.
    func reload(_ request: Request) async throws -> Response {
        try await AdminRequestBody.requireNone(request, route: "POST /v1/admin/reload")
        guard runtime.configurationPath != nil else {
            throw APIError(.conflict, code: "reload_unavailable", "the router was not started from a configuration file")
        }
        let configuration: RouterConfiguration
        do {
            configuration = try runtime.reload()
        } catch {
            let problems = error.message.split(separator: "\n").map { Value.string(String($0)) }
            return jsonResponse(.unprocessableContent, ["error": .map(ValueMap([
                ("code", .string("invalid_configuration")),
                ("message", .string(error.message)),
                ("problems", .array(problems)),
            ]))])
        }
        return jsonResponse(.ok, try await sinkList(configuration.sinks))
    }

    /// `{"sinks": [...], "removed": [...]}`: the views of `configured`, and each sink no longer
    /// configured that still has deliveries pending or parked, with its counters (`retire` gives
    /// them up).
    private func sinkList(_ configured: [SinkConfiguration]) async throws -> Value {
        var views: [Value] = []
        for sink in configured { views.append(try await view(of: sink)) }
        let names = Set(configured.map(\.name))
        var removed: [Value] = []
        let waiting = Set(runtime.spool.pendingCounts().keys).union(try await runtime.spool.sinksWithParkedDeliveries())
        for name in waiting.subtracting(names).sorted() {
            removed.append(.map(ValueMap([("name", .string(name)), ("counters", SinkView.counters(try await runtime.spool.counts(sink: name)))])))
        }
        return .map(ValueMap([("sinks", .array(views)), ("removed", .array(removed))]))
    }
}
