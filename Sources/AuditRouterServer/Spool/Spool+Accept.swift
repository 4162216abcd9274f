import AuditRouter
import Foundation
import GRDB

extension Spool {
    /// Stores `events` and their `deliveries` (pending, due at once; parked ones as dead letters
    /// with `Spool.parkedReason`) in one transaction, shared
    /// with concurrent calls (group commit). Returns once they are committed: from then on they
    /// survive a crash of the process. When it throws, nothing of this call is stored.
    ///
    /// Throws `SpoolError.full` when `maxPending` or more deliveries of the sinks `counting`
    /// (every sink when nil) are pending. The check and the count of this call's deliveries are
    /// one step, before the commit, so that concurrent calls cannot all pass it: no call is
    /// accepted once the limit is reached.
    public func accept(
        _ events: [Event], deliveries: [NewDelivery], receivedAt: Date, maxPending: Int = .max, counting: Set<String>? = nil
    ) async throws {
        guard !events.isEmpty || !deliveries.isEmpty else { return }
        let bodies = try events.map { try $0.spoolBody() }
        let at = receivedAt.spoolMillis
        let counted = Dictionary(grouping: deliveries.filter { !$0.parked }, by: \.sink).mapValues(\.count)
        guard pending.reserve(counted, below: maxPending, counting: counting) else { throw SpoolError.full(limit: maxPending) }
        do {
            try await insert(events, bodies: bodies, deliveries: deliveries, at: at)
        } catch {
            for (sink, count) in counted { pending.add(-count, sink: sink) }
            throw error
        }
    }

    private func insert(_ events: [Event], bodies: [String], deliveries: [NewDelivery], at: Int64) async throws {
        try await committer.run { db in
            let insertEvent = try db.cachedStatement(sql: """
                INSERT INTO event (id, source, type, action, namespace, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (event, body) in zip(events, bodies) {
                try insertEvent.execute(arguments: [
                    event.id, event.sourceName, event.type, event.action, event.namespace, at, body,
                ])
            }
            let insertDelivery = try db.cachedStatement(sql: """
                INSERT INTO delivery (id, event_id, sink, state, attempts, next_attempt_at, created_at, last_error, updated_at)
                VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
                """)
            for delivery in deliveries {
                try insertDelivery.execute(arguments: delivery.parked
                    ? [delivery.id, delivery.eventID, delivery.sink, DeliveryState.dead.rawValue, nil, at, Spool.parkedReason, at]
                    : [delivery.id, delivery.eventID, delivery.sink, DeliveryState.pending.rawValue, at, at, nil, at])
            }
        }
    }
}
