import AuditRouter
import Foundation
import GoTemplate
import Logging

/// Ingest → normalize → route → spool: turns one request body into committed events and
/// deliveries, then wakes the dispatchers of the sinks that got work.
struct IngestPipeline: Sendable {
    let router: EventRouter
    let spool: Spool
    let dispatchers: DispatcherRegistry
    let logger: Logger

    /// What one ingest call committed.
    struct Accepted: Sendable {
        let eventIDs: [String]
        let deliveryCount: Int
    }

    func ingest(source: EventSource, body: [UInt8]) async throws -> Accepted {
        let receivedAt = Date()
        let events: [Event]
        do {
            events = try SourceFormat.normalize(source: source, body: body, receivedAt: receivedAt, makeID: { Identifier.make("evt") })
        } catch {
            throw APIError(.badRequest, code: "invalid_event", "\(error)")
        }
        let (deliveries, problems) = router.route(events)
        for problem in problems {
            logger.warning("when template failed; event not routed to sink", metadata: [
                "event.id": "\(problem.eventID)", "sink.name": "\(problem.sink)", "error": "\(problem.message)",
            ])
        }
        try await spool.accept(events, deliveries: deliveries.map { NewDelivery(id: $0.id, eventID: $0.eventID, sink: $0.sink) }, receivedAt: receivedAt)
        for sink in Set(deliveries.map(\.sink)) { dispatchers.wake(sink) }
        for event in events {
            logger.debug("event accepted", metadata: ["event.id": "\(event.id)", "event.source": "\(source.rawValue)", "event.type": "\(event.nounVerb)"])
        }
        return Accepted(eventIDs: events.map(\.id), deliveryCount: deliveries.count)
    }
}
