import Foundation
import GRDB

/// Replay: dead letters become pending again, with a fresh attempt budget (no attempts made, no
/// first attempt time), due at once.
extension Spool {
    /// Re-queues the dead letters among `deliveryIDs`; returns the ids it re-queued, sorted
    /// (the others are unknown, or not dead).
    public func requeue(deliveryIDs: [String], now: Date) async throws -> [String] {
        let requeued = try await writer.write { db in
            let requeue = try db.cachedStatement(sql: """
                UPDATE delivery SET \(Self.requeueAssignments) WHERE id = ? AND state = 'dead'
                """)
            let sinkOf = try db.cachedStatement(sql: "SELECT sink FROM delivery WHERE id = ?")
            var requeued: [(id: String, sink: String)] = []
            for id in Set(deliveryIDs) where Self.isMatchable(id) {
                try requeue.execute(arguments: [now.spoolMillis, now.spoolMillis, id])
                if db.changesCount == 1, let sink = try String.fetchOne(sinkOf, arguments: [id]) { requeued.append((id, sink)) }
            }
            return requeued
        }
        for delivery in requeued { pending.add(1, sink: delivery.sink) }
        return requeued.map(\.id).sorted()
    }

    /// Re-queues every dead letter of `sink` that died in `since..<until` (either bound
    /// optional); returns how many.
    public func requeueDead(sink: String, since: Date?, until: Date?, now: Date) async throws -> Int {
        guard Self.isMatchable(sink) else { return 0 }
        let requeued = try await writer.write { db in
            try db.execute(sql: """
                UPDATE delivery SET \(Self.requeueAssignments)
                WHERE state = 'dead' AND sink = ? AND updated_at >= ? AND updated_at < ?
                """,
                arguments: [now.spoolMillis, now.spoolMillis, sink, since?.spoolMillis ?? .min, until?.spoolMillis ?? .max])
            return db.changesCount
        }
        pending.add(requeued, sink: sink)
        return requeued
    }

    /// The `SET` clause of a re-queue; its arguments are `now` twice.
    static let requeueAssignments = """
        state = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = ?, updated_at = ?
        """
}
