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
        /// Of `deliveryCount`, the deliveries kept as dead letters because a sink's `when` failed.
        var deadCount = 0
        /// The request's receipt was accepted before: `eventIDs` are that acceptance's, and
        /// nothing was stored now.
        var duplicate = false
    }

    /// Ingests `body` from `source`. With a `receipt` (the sender's id for the request, the same
    /// on its retries), a request accepted before is answered with the events it became and
    /// stored again never.
    func ingest(source: EventSource, body: [UInt8], receipt: IngestReceipt? = nil) async throws -> Accepted {
        if let earlier = try await earlierAcceptance(of: receipt) { return earlier }
        let generation = runtime.current
        let limit = generation.configuration.spool.maxPending
        let receivedAt = Date()
        let events: [Event]
        do {
            events = try SourceFormat.normalize(source: source, body: body, receivedAt: receivedAt, makeID: { Identifier.make("evt") })
        } catch {
            throw APIError(.badRequest, code: "invalid_event", "\(error)")
        }
        let deliveries = generation.router.route(events)
        let parked: Int
        do {
            parked = try await runtime.admit(events, deliveries: deliveries, receivedAt: receivedAt, maxPending: limit, receipt: receipt, in: generation)
        } catch SpoolError.full {
            throw Self.backpressure(limit)
        } catch SpoolError.duplicate(let deliveryID) {
            // A retry that arrived while the first was being committed.
            guard let earlier = try await earlierAcceptance(of: receipt) else { throw SpoolError.duplicate(deliveryID) }
            return earlier
        }
        for event in events {
            runtime.logger.debug("event accepted", metadata: ["event.id": "\(event.id)", "event.source": "\(source.rawValue)", "event.type": "\(event.nounVerb)"])
        }
        return Accepted(
            eventIDs: events.map(\.id), deliveryCount: deliveries.count, parkedCount: parked,
            deadCount: deliveries.count { $0.whenFailure != nil })
    }

    /// The answer a request with `receipt` got when it was accepted before; nil when it was not.
    private func earlierAcceptance(of receipt: IngestReceipt?) async throws -> Accepted? {
        guard let receipt, let eventIDs = try await runtime.spool.acceptedEvents(for: receipt) else { return nil }
        return Accepted(eventIDs: eventIDs, deliveryCount: 0, parkedCount: 0, duplicate: true)
    }

    static func backpressure(_ limit: Int) -> APIError {
        APIError(
            .serviceUnavailable, code: "backpressure",
            "the spool holds \(limit) undelivered deliveries to running sinks (spool.max_pending); retry later", headers: [.retryAfter: "5"])
    }
}
