import AuditRouter
import Foundation
import GRDB
import Synchronization

extension Spool {
    /// Stores `events` and their `deliveries` (pending, due at once; dead letters when they have a
    /// `deadReason`) in one transaction, shared
    /// with concurrent calls (group commit). Returns once they are committed: from then on they
    /// survive a crash of the process. When it throws, nothing of this call is stored.
    ///
    /// The deliveries to a sink that `isPaused` calls paused are stored parked instead (dead
    /// letters with `Spool.parkedReason`, outside `maxPending`). `isPaused` is asked inside the
    /// write transaction, so a resume that clears the pause before it re-queues (`unpark`, a
    /// later write) finds them parked, or finds them pending: never stranded. Returns the sinks
    /// whose deliveries were parked.
    ///
    /// Throws `SpoolError.full` when `maxPending` or more deliveries of the sinks `counting`
    /// (every sink when nil) are pending. The check and the count of this call's deliveries are
    /// one step, before the commit, so that concurrent calls cannot all pass it: no call is
    /// accepted once the limit is reached. With a `receipt`, it is recorded in the same
    /// transaction, and `SpoolError.duplicate` (storing nothing) means it was recorded before.
    @discardableResult
    public func accept(
        _ events: [Event], deliveries: [NewDelivery], receivedAt: Date, maxPending: Int = .max, counting: Set<String>? = nil,
        receipt: IngestReceipt? = nil, isPaused: @escaping @Sendable (String) -> Bool = { _ in false }
    ) async throws -> Set<String> {
        guard !events.isEmpty || !deliveries.isEmpty else { return [] }
        let bodies = try events.map { try $0.spoolBody() }
        let at = receivedAt.spoolMillis
        let counted = Dictionary(grouping: deliveries.filter { $0.deadReason == nil }, by: \.sink).mapValues(\.count)
        guard pending.reserve(counted, below: maxPending, counting: counting) else { throw SpoolError.full(limit: maxPending) }
        let parked: Set<String>
        do {
            parked = try await insert(
                events, bodies: bodies, deliveries: deliveries, attemptedSinks: Set(counted.keys), at: at, receipt: receipt, isPaused: isPaused)
        } catch {
            for (sink, count) in counted { pending.add(-count, sink: sink) }
            throw error
        }
        for sink in parked { pending.add(-(counted[sink] ?? 0), sink: sink) }
        return parked
    }

    private func insert(
        _ events: [Event], bodies: [String], deliveries: [NewDelivery], attemptedSinks: Set<String>, at: Int64,
        receipt: IngestReceipt?, isPaused: @escaping @Sendable (String) -> Bool
    ) async throws -> Set<String> {
        let parkedSinks = Mutex<Set<String>>([])
        try await committer.run { db in
            if let receipt { try Self.insert(receipt, eventIDs: events.map(\.id), at: at, in: db) }
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
            let paused = attemptedSinks.filter(isPaused)
            for delivery in deliveries {
                let arguments: StatementArguments = if let reason = delivery.deadReason {
                    [delivery.id, delivery.eventID, delivery.sink, DeliveryState.dead.rawValue, nil, at, reason, at]
                } else if paused.contains(delivery.sink) {
                    [delivery.id, delivery.eventID, delivery.sink, DeliveryState.dead.rawValue, nil, at, Spool.parkedReason, at]
                } else {
                    [delivery.id, delivery.eventID, delivery.sink, DeliveryState.pending.rawValue, at, at, nil, at]
                }
                try insertDelivery.execute(arguments: arguments)
            }
            parkedSinks.withLock { $0 = paused }
        }
        return parkedSinks.withLock { $0 }
    }
}
