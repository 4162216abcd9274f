import AuditRouter
import Foundation
import GoTemplate
import Logging

/// Ingest → normalize → route → spool: turns one request body into committed events and
/// deliveries, then hands the deliveries to the dispatchers of their sinks.
struct IngestPipeline: Sendable {
    let runtime: RouterRuntime

    /// What one ingest call committed.
    struct Accepted: Sendable {
        let eventIDs: [String]
        let deliveryCount: Int
        /// Of `deliveryCount`, the deliveries to paused sinks.
        let parkedCount: Int
    }

    func ingest(source: EventSource, body: [UInt8]) async throws -> Accepted {
        let generation = runtime.current
        let limit = generation.configuration.spool.maxPending
        // A first look, to spare parsing when full; `accept` checks again, and counts, as one step.
        if runtime.spool.pendingCount(sinks: generation.runningSinks) >= limit { throw Self.backpressure(limit) }
        let receivedAt = Date()
        let events: [Event]
        do {
            events = try SourceFormat.normalize(source: source, body: body, receivedAt: receivedAt, makeID: { Identifier.make("evt") })
        } catch {
            throw APIError(.badRequest, code: "invalid_event", "\(error)")
        }
        let (deliveries, problems) = generation.router.route(events)
        // A paused sink's deliveries are parked, so that it cannot fill the spool.
        let paused = generation.pausedSinks
        for problem in problems {
            runtime.logger.warning("when template failed; event not routed to sink", metadata: [
                "event.id": "\(problem.eventID)", "sink.name": "\(problem.sink)", "error": "\(problem.message)",
            ])
        }
        let newDeliveries = deliveries.map { NewDelivery(id: $0.id, eventID: $0.eventID, sink: $0.sink, parked: paused.contains($0.sink)) }
        do {
            try await runtime.spool.accept(events, deliveries: newDeliveries, receivedAt: receivedAt, maxPending: limit, counting: generation.runningSinks)
        } catch SpoolError.full {
            throw Self.backpressure(limit)
        }
        for (sink, parked) in Dictionary(grouping: newDeliveries.filter(\.parked), by: \.sink) {
            runtime.metrics.deliveryFinished(sink: sink, outcome: "parked", count: parked.count)
        }
        let createdAt = Date(spoolMillis: receivedAt.spoolMillis)
        let eventsByID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        runtime.offer(Dictionary(grouping: newDeliveries.filter { !$0.parked }.map { delivery in
            DueDelivery(id: delivery.id, eventID: delivery.eventID, sink: delivery.sink, attempts: 0,
                        createdAt: createdAt, firstAttemptAt: nil, event: eventsByID[delivery.eventID]!)
        }, by: \.sink))
        for event in events {
            runtime.logger.debug("event accepted", metadata: ["event.id": "\(event.id)", "event.source": "\(source.rawValue)", "event.type": "\(event.nounVerb)"])
        }
        return Accepted(eventIDs: events.map(\.id), deliveryCount: deliveries.count, parkedCount: newDeliveries.count(where: \.parked))
    }

    static func backpressure(_ limit: Int) -> APIError {
        APIError(
            .serviceUnavailable, code: "backpressure",
            "the spool holds \(limit) undelivered deliveries to running sinks (spool.max_pending); retry later", headers: [.retryAfter: "5"])
    }
}
