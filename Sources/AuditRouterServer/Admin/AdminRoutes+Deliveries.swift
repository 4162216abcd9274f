import Hummingbird

/// The admin routes that read the spool: the delivery log, an event's deliveries, dead letters.
extension AdminRoutes {
    /// `GET /v1/admin/sinks/{name}/deliveries?status=&page=&limit=`: one item per attempt, newest
    /// first. A sink that is no longer configured is still listed while the spool holds its
    /// deliveries; 404 `sink_not_found` when neither is the case.
    func deliveryLog(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let name = try context.parameters.require("name")
        let query = try PageQuery(request)
        let status = try PageQuery.status(request)
        let page = try await runtime.spool.attempts(sink: name, outcome: status, page: query.page, limit: query.limit)
        if page.total == 0, try await !isKnown(sink: name) { throw Self.sinkNotFound(name) }
        return jsonResponse(.ok, DeliveryView.page(page, query, item: DeliveryView.attempt))
    }

    /// `GET /v1/admin/events/{id}`: `{"event": ..., "deliveries": [...]}`, the event as stored
    /// and its delivery to every sink it was routed to; 404 `event_not_found`.
    func event(_ context: BasicRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let event = try await runtime.spool.event(id: id) else {
            throw APIError(.notFound, code: "event_not_found", "no event \"\(id)\" in the spool (never accepted, or pruned)")
        }
        let deliveries = try await runtime.spool.deliveries(eventID: id)
        return jsonResponse(.ok, ["event": event.storageValue, "deliveries": .array(deliveries.map(DeliveryView.delivery))])
    }

    /// `GET /v1/admin/dead-letters?sink=&page=&limit=`: dead letters of one sink or of all, most
    /// recently dead first. A `sink` that is neither configured nor in the spool is a 404
    /// `sink_not_found`, as in the delivery log.
    func deadLetters(_ request: Request) async throws -> Response {
        let query = try PageQuery(request)
        let sink = PageQuery.parameter("sink", in: request)
        let page = try await runtime.spool.deadLetters(sink: sink, page: query.page, limit: query.limit)
        if let sink, page.total == 0, try await !isKnown(sink: sink) { throw Self.sinkNotFound(sink) }
        return jsonResponse(.ok, DeliveryView.page(page, query, item: DeliveryView.delivery))
    }

    /// Whether `sink` is configured, or (removed since) still has deliveries in the spool.
    func isKnown(sink: String) async throws -> Bool {
        if runtime.current.configuration.sinks.contains(where: { $0.name == sink }) { return true }
        return try await runtime.spool.hasDeliveries(sink: sink)
    }
}
