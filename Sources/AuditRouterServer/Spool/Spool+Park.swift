import Foundation
import GRDB

/// Parking: the deliveries of a paused sink wait as dead letters with `parkedReason`, outside
/// `spool.max_pending`, so that a dead sink cannot fill the spool and hold ingest at `503`.
/// Resuming the sink re-queues them with a fresh attempt budget; until then they are listed,
/// replayable and pruned like any dead letter.
extension Spool {
    /// The `last_error` of a parked delivery.
    public static let parkedReason = "sink paused: not delivered until the sink is resumed"

    /// Parks the pending deliveries of `sink`, except `excluding` (attempts in flight, which
    /// record their own outcome); returns how many it parked.
    public func park(sink: String, excluding: Set<String>, now: Date) async throws -> Int {
        guard Self.isMatchable(sink) else { return 0 }
        let parked = try await writer.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM delivery WHERE sink = ? AND state = 'pending'", arguments: [sink])
            let park = try db.cachedStatement(sql: """
                UPDATE delivery SET state = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ?
                WHERE id = ? AND state = 'pending'
                """)
            var parked = 0
            for id in ids where !excluding.contains(id) {
                try park.execute(arguments: [Self.parkedReason, now.spoolMillis, id])
                parked += db.changesCount
            }
            return parked
        }
        pending.add(-parked, sink: sink)
        return parked
    }

    /// Re-queues the parked deliveries of `sink` with a fresh attempt budget, due at once;
    /// returns how many.
    public func unpark(sink: String, now: Date) async throws -> Int {
        let requeued = try await writer.write { db in
            try db.execute(sql: """
                UPDATE delivery SET \(Self.requeueAssignments), last_error = NULL
                WHERE sink = ? AND state = 'dead' AND last_error = ?
                """, arguments: [now.spoolMillis, now.spoolMillis, sink, Self.parkedReason])
            return db.changesCount
        }
        pending.add(requeued, sink: sink)
        return requeued
    }
}
