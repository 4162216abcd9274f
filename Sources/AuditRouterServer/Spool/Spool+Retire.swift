import Foundation
import GRDB

/// Retiring: an operator gives up the backlog of a sink that no longer runs (removed by a reload,
/// or disabled). Its pending deliveries, and those a pause parked, become dead letters with
/// `retiredReason`: listed, replayable once the sink runs again, pruned after `retain_dead`.
/// Neither a resume nor a restart re-queues them.
extension Spool {
    /// The `last_error` of a retired delivery.
    public static let retiredReason = "sink not running (removed or disabled): given up through the admin API; replay it once the sink runs"

    /// Deliveries changed per transaction, so that a large backlog does not hold the writer (and
    /// ingest) for long.
    static let retireBatch = 1000

    /// Retires the pending deliveries of `sink` except `excluding` (attempts in flight, which
    /// record their own outcome), and its parked ones; returns how many.
    public func retire(sink: String, excluding: Set<String>, now: Date) async throws -> Int {
        guard Self.isMatchable(sink) else { return 0 }
        let ids = try await writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT id FROM delivery WHERE sink = ? AND (state = 'pending' OR (state = 'dead' AND last_error = ?))
                """, arguments: [sink, Self.parkedReason])
        }.filter { !excluding.contains($0) }
        var retired = 0
        for start in stride(from: 0, to: ids.count, by: Self.retireBatch) {
            let batch = ids[start..<min(start + Self.retireBatch, ids.count)]
            let (fromPending, fromParked) = try await writer.write { db in
                let retirePending = try db.cachedStatement(sql: """
                    UPDATE delivery SET state = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ?
                    WHERE id = ? AND state = 'pending'
                    """)
                let retireParked = try db.cachedStatement(sql: """
                    UPDATE delivery SET last_error = ?, updated_at = ? WHERE id = ? AND state = 'dead' AND last_error = ?
                    """)
                var fromPending = 0, fromParked = 0
                for id in batch {
                    try retirePending.execute(arguments: [Self.retiredReason, now.spoolMillis, id])
                    if db.changesCount == 1 {
                        fromPending += 1
                        continue
                    }
                    try retireParked.execute(arguments: [Self.retiredReason, now.spoolMillis, id, Self.parkedReason])
                    fromParked += db.changesCount
                }
                return (fromPending, fromParked)
            }
            pending.add(-fromPending, sink: sink)
            retired += fromPending + fromParked
        }
        return retired
    }
}
