import Foundation
import GRDB

/// Retention: the delivery log and finished deliveries are deleted after an age, so that the
/// spool file does not grow without bound (SQLite reuses the pages they free). Pending
/// deliveries are never deleted.
extension Spool {
    /// Deletes attempts and delivered deliveries older than `deliveredBefore`, dead letters that
    /// died before `deadBefore` (with their attempts), events received before `deliveredBefore`
    /// that are left without deliveries, and ingest receipts as old.
    ///
    /// Deletes in short transactions of at most `chunk` rows, so that ingest never waits long
    /// behind a large prune.
    public func prune(deliveredBefore: Date, deadBefore: Date, chunk: Int = 5000) async throws -> PruneResult {
        var result = PruneResult()
        result.attempts = try await deleteInChunks(chunk, """
            DELETE FROM attempt WHERE id IN (SELECT id FROM attempt WHERE at < ? LIMIT ?)
            """, deliveredBefore)
        result.deliveries = try await deleteDeliveredInChunks(chunk, before: deliveredBefore)
        result.deliveries += try await deleteInChunks(chunk, """
            DELETE FROM delivery WHERE rowid IN (
                SELECT rowid FROM delivery WHERE state = 'dead' AND updated_at < ? LIMIT ?)
            """, deadBefore)
        result.events = try await deleteInChunks(chunk, """
            DELETE FROM event WHERE rowid IN (
                SELECT rowid FROM event WHERE received_at < ?
                AND NOT EXISTS (SELECT 1 FROM delivery WHERE delivery.event_id = event.id) LIMIT ?)
            """, deliveredBefore)
        result.receipts = try await deleteInChunks(chunk, """
            DELETE FROM ingest_receipt WHERE rowid IN (SELECT rowid FROM ingest_receipt WHERE received_at < ? LIMIT ?)
            """, deliveredBefore)
        return result
    }

    /// Deletes delivered deliveries older than `before`, `chunk` at a time, adding what it deletes
    /// of each sink to its `sink_total` in the same transaction; returns how many it deleted.
    private func deleteDeliveredInChunks(_ chunk: Int, before: Date) async throws -> Int {
        try await repeatInChunks(chunk) { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, sink FROM delivery WHERE state = 'delivered' AND updated_at < ? LIMIT ?
                """, arguments: [before.spoolMillis, chunk])
            let delete = try db.cachedStatement(sql: "DELETE FROM delivery WHERE rowid = ?")
            var bySink: [String: Int] = [:]
            for row in rows {
                try delete.execute(arguments: [row["rowid"] as Int64])
                bySink[row["sink"], default: 0] += 1
            }
            let add = try db.cachedStatement(sql: """
                INSERT INTO sink_total (sink, delivered_pruned) VALUES (?, ?)
                ON CONFLICT (sink) DO UPDATE SET delivered_pruned = delivered_pruned + excluded.delivered_pruned
                """)
            for (sink, count) in bySink { try add.execute(arguments: [sink, count]) }
            return rows.count
        }
    }

    /// Runs `sql` (a `DELETE` taking a time and a limit) until it deletes fewer than `chunk`
    /// rows; returns how many it deleted.
    private func deleteInChunks(_ chunk: Int, _ sql: String, _ before: Date) async throws -> Int {
        try await repeatInChunks(chunk) { db in
            try db.execute(sql: sql, arguments: [before.spoolMillis, chunk])
            return db.changesCount
        }
    }

    /// Runs `step` (which deletes at most `chunk` rows and returns how many), each time in its own
    /// transaction, until it deletes fewer than `chunk`; returns how many it deleted in all.
    private func repeatInChunks(_ chunk: Int, _ step: @escaping @Sendable (Database) throws -> Int) async throws -> Int {
        var total = 0
        while true {
            let deleted = try await writer.write(step)
            total += deleted
            if deleted < max(chunk, 1) { return total }
        }
    }
}
