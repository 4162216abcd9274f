import AuditRouter
import Foundation
import Logging

/// Committing events to the spool and handing their deliveries to the dispatchers: the step
/// ingest and operator alerts share.
extension RouterRuntime {
    /// Commits `events` and their `routed` deliveries in one transaction (group commit), then
    /// offers the deliveries to the running dispatchers of their sinks. Deliveries to sinks that
    /// are paused when the transaction runs are committed parked, so that a paused sink cannot
    /// fill the spool (and a resume meanwhile cannot strand them: see `Spool.accept`).
    /// Throws `SpoolError.full` (storing nothing) when `maxPending` deliveries of running sinks
    /// are pending, and `SpoolError.duplicate` (storing nothing) when `receipt` was recorded
    /// before. Deliveries whose sink's `when` template failed are committed as dead letters,
    /// counted, logged and alerted on as such. Returns how many deliveries were parked.
    func admit(
        _ events: [Event], deliveries routed: [RoutedDelivery], receivedAt: Date, maxPending: Int, receipt: IngestReceipt? = nil,
        in generation: Generation
    ) async throws -> Int {
        let deliveries = routed.map { NewDelivery(id: $0.id, eventID: $0.eventID, sink: $0.sink, deadReason: $0.whenFailure) }
        let dispatchers = generation.dispatchers
        let parkedSinks = try await spool.accept(
            events, deliveries: deliveries, receivedAt: receivedAt, maxPending: maxPending, counting: generation.runningSinks,
            receipt: receipt, isPaused: { dispatchers[$0]?.isPaused ?? false })
        let eventsByID = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) })
        let attemptable = deliveries.filter { $0.deadReason == nil }
        let parked = attemptable.filter { parkedSinks.contains($0.sink) }
        let offered = attemptable.filter { !parkedSinks.contains($0.sink) }
        for delivery in deliveries {
            guard let reason = delivery.deadReason, let event = eventsByID[delivery.eventID] else { continue }
            deadOnArrival(delivery, event: event, reason: reason)
        }
        for (sink, parked) in Dictionary(grouping: parked, by: \.sink) {
            metrics.deliveryFinished(sink: sink, outcome: "parked", count: parked.count)
        }
        let createdAt = Date(spoolMillis: receivedAt.spoolMillis)
        offer(Dictionary(grouping: offered.map { delivery in
            DueDelivery(id: delivery.id, eventID: delivery.eventID, sink: delivery.sink, attempts: 0,
                        createdAt: createdAt, firstAttemptAt: nil, event: eventsByID[delivery.eventID]!)
        }, by: \.sink))
        return parked.count
    }

    /// Reports a delivery committed as a dead letter without an attempt, as a dead attempt is.
    private func deadOnArrival(_ delivery: NewDelivery, event: Event, reason: String) {
        metrics.deliveryFinished(sink: delivery.sink, outcome: "dead")
        logger.warning("delivery not attempted: kept as a dead letter", metadata: [
            "event.id": "\(delivery.eventID)", "sink.name": "\(delivery.sink)", "delivery.id": "\(delivery.id)", "error": "\(reason)",
        ])
        alerts.deadLetter(DeadLetter(
            deliveryID: delivery.id, eventID: delivery.eventID, eventType: event.nounVerb, attempts: 0, statusCode: nil, error: reason),
            sink: delivery.sink)
    }

    /// Commits an operator alert as an event with a delivery to every sink whose `alerts` select
    /// it (but the sink it is about). An alert no sink selects is only logged. Alerts pass
    /// `spool.max_pending`: they are few, and a full spool is when they matter most.
    func commit(_ alert: OperatorAlert) async throws {
        let generation = current
        let now = Date()
        let event = alert.event(id: Identifier.make("evt"), at: now)
        let routed = generation.router.routeAlert(event, about: alert.sink)
        var metadata: Logger.Metadata = ["alert": "\(alert.kind.rawValue)", "sink.name": "\(alert.sink)", "description": "\(alert.description)"]
        if !routed.isEmpty {
            _ = try await admit([event], deliveries: routed, receivedAt: now, maxPending: .max, in: generation)
            metadata["event.id"] = "\(event.id)"
            metadata["alert.sinks"] = "\(routed.map(\.sink).joined(separator: ","))"
        }
        metrics.alertRaised(alert.kind, sink: alert.sink)
        logger.notice("operator alert raised", metadata: metadata)
    }
}
