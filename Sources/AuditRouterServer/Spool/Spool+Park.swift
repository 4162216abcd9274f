import Foundation
import GRDB

/// Parking: the deliveries of a sink that is paused, or no longer runs (removed or disabled by a
/// reload or at start), wait as dead letters whose `last_error` is the `ParkReason`, outside
/// `spool.max_pending`, so that a dead or absent sink cannot fill the spool and hold ingest at
/// `503`. Resuming the sink (or running it again) re-queues them with a fresh attempt budget;
/// until then they are listed, replayable and pruned like any dead letter.
extension Spool {
    /// Why deliveries are parked: the `last_error` of a parked delivery.
    public enum ParkReason: String, Sendable, CaseIterable {
        case paused = "sink paused: not delivered until the sink is resumed"
        case notRunning = "sink not running (removed or disabled in the configuration): re-queued when it runs again"
    }

    /// Parks the pending deliveries of `sink`, except `excluding` (attempts in flight, which
    /// record their own outcome); returns how many it parked.
    public func park(sink: String, reason: ParkReason = .paused, excluding: Set<String>, now: Date) async throws -> Int {
        let parked = try await writer.write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM delivery WHERE sink = ? AND state = 'pending'", arguments: [sink])
            let park = try db.cachedStatement(sql: """
                UPDATE delivery SET state = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ?
                WHERE id = ? AND state = 'pending'
                """)
            var parked = 0
            for id in ids where !excluding.contains(id) {
                try park.execute(arguments: [reason.rawValue, now.spoolMillis, id])
                parked += db.changesCount
            }
            return parked
        }
        pending.add(-parked)
        return parked
    }

    /// Re-queues the deliveries of `sink` parked for `reason` with a fresh attempt budget, due at
    /// once; returns how many.
    public func unpark(sink: String, reason: ParkReason = .paused, now: Date) async throws -> Int {
        let requeued = try await writer.write { db in
            try db.execute(sql: """
                UPDATE delivery SET \(Self.requeueAssignments), last_error = NULL
                WHERE sink = ? AND state = 'dead' AND last_error = ?
                """, arguments: [now.spoolMillis, now.spoolMillis, sink, reason.rawValue])
            return db.changesCount
        }
        pending.add(requeued)
        return requeued
    }

    /// The sinks with pending deliveries, configured or not. Reads one index entry per sink (a
    /// skip scan of `delivery_due`), not every delivery.
    public func sinksWithPendingDeliveries() async throws -> Set<String> {
        try await writer.read { db in
            Set(try String.fetchAll(db, sql: """
                WITH RECURSIVE sinks(name) AS (
                    SELECT MIN(sink) FROM delivery
                    UNION ALL
                    SELECT (SELECT MIN(sink) FROM delivery WHERE sink > name) FROM sinks WHERE name IS NOT NULL)
                SELECT name FROM sinks
                WHERE name IS NOT NULL AND EXISTS (SELECT 1 FROM delivery WHERE sink = name AND state = 'pending')
                """))
        }
    }
}
