import Foundation
import GRDB

/// Parking: the deliveries of a paused sink wait as dead letters with `parkedReason`, outside
/// `spool.max_pending`, so that a dead sink cannot fill the spool and hold ingest at `503`.
/// Resuming the sink re-queues them with a fresh attempt budget; until then they are listed,
/// replayable and pruned like any dead letter.
///
/// Retiring: an operator gives up the backlog of a sink that no longer runs (removed by a reload,
/// or disabled). Its pending deliveries, and those a pause parked, become dead letters with
/// `retiredReason`: listed, replayable once the sink runs again, pruned after `retain_dead`.
/// Neither a resume nor a restart re-queues them.
extension Spool {
    /// The `last_error` of a parked delivery.
    public static let parkedReason = "sink paused: not delivered until the sink is resumed"

    /// The SQL condition on a `delivery` row that is parked, with `parkedReason` as a literal so
    /// that SQLite can use the `delivery_parked` partial index (which a bound value cannot).
    /// Queries name that index (`INDEXED BY`): without statistics, SQLite prefers `delivery_due`
    /// and would read every dead letter of the sink.
    static let parkedCondition = "state = 'dead' AND last_error = '\(parkedReason.replacingOccurrences(of: "'", with: "''"))'"

    /// The `last_error` of a retired delivery.
    public static let retiredReason = "sink not running (removed or disabled): given up through the admin API; replay it once the sink runs"

    /// Deliveries changed per transaction by `park` and `retire`, so that a large backlog does not
    /// hold the writer (and ingest) for long.
    static let deadLetterBatch = 1000

    /// Parks the pending deliveries of `sink`, except `excluding` (attempts in flight, which
    /// record their own outcome), while `stillPaused` holds; returns how many it parked.
    ///
    /// `stillPaused` is asked inside each write transaction. A resume that clears it before it
    /// re-queues (`unpark`, a write too, so after any batch already written) can therefore not
    /// be overtaken: a batch is either parked before the resume's `unpark` or not at all.
    public func park(sink: String, excluding: Set<String>, now: Date, while stillPaused: @escaping @Sendable () -> Bool) async throws -> Int {
        try await deadLetter(sink: sink, excluding: excluding, reason: Self.parkedReason, parkedToo: false, now: now, while: stillPaused)
    }

    /// Retires the pending deliveries of `sink` except `excluding` (attempts in flight, which
    /// record their own outcome), and its parked ones; returns how many.
    public func retire(sink: String, excluding: Set<String>, now: Date) async throws -> Int {
        try await deadLetter(sink: sink, excluding: excluding, reason: Self.retiredReason, parkedToo: true, now: now, while: { true })
    }

    /// Re-queues the parked deliveries of `sink` with a fresh attempt budget, due at once;
    /// returns how many.
    public func unpark(sink: String, now: Date) async throws -> Int {
        let requeued = try await writer.write { db in
            try db.execute(sql: """
                UPDATE delivery INDEXED BY delivery_parked SET \(Self.requeueAssignments), last_error = NULL
                WHERE sink = ? AND \(Self.parkedCondition)
                """, arguments: [now.spoolMillis, now.spoolMillis, sink])
            return db.changesCount
        }
        pending.add(requeued, sink: sink)
        return requeued
    }

    /// Makes the pending deliveries of `sink` but `excluding` dead letters with `reason` (and,
    /// when `parkedToo`, gives its parked ones that reason), `deadLetterBatch` per transaction;
    /// returns how many it changed. Each update re-checks the state it was listed in, so a
    /// delivery that moved meanwhile (an attempt recorded it) is left alone; once `proceed` no
    /// longer holds at the start of a batch's transaction, it stops.
    private func deadLetter(
        sink: String, excluding: Set<String>, reason: String, parkedToo: Bool, now: Date, while proceed: @escaping @Sendable () -> Bool
    ) async throws -> Int {
        guard Self.isMatchable(sink) else { return 0 }
        // Two index searches: one condition with an OR would walk every delivery of the sink.
        let (pendingIDs, parkedIDs) = try await writer.read { db in
            let pending = try String.fetchAll(db, sql: "SELECT id FROM delivery WHERE sink = ? AND state = 'pending'", arguments: [sink])
            let parked = parkedToo
                ? try String.fetchAll(db, sql: "SELECT id FROM delivery INDEXED BY delivery_parked WHERE sink = ? AND \(Self.parkedCondition)", arguments: [sink])
                : []
            return (pending, parked)
        }
        let listed = (pendingIDs.map { (id: $0, parked: false) } + parkedIDs.map { (id: $0, parked: true) }).filter { !excluding.contains($0.id) }
        var changed = 0
        for start in stride(from: 0, to: listed.count, by: Self.deadLetterBatch) {
            let batch = listed[start..<min(start + Self.deadLetterBatch, listed.count)]
            let changes = try await writer.write { db -> (fromPending: Int, fromParked: Int)? in
                guard proceed() else { return nil }
                let fromPendingStatement = try db.cachedStatement(sql: """
                    UPDATE delivery SET state = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ?
                    WHERE id = ? AND state = 'pending'
                    """)
                let fromParkedStatement = try db.cachedStatement(sql: """
                    UPDATE delivery SET last_error = ?, updated_at = ? WHERE id = ? AND \(Self.parkedCondition)
                    """)
                var fromPending = 0, fromParked = 0
                for delivery in batch {
                    try (delivery.parked ? fromParkedStatement : fromPendingStatement).execute(arguments: [reason, now.spoolMillis, delivery.id])
                    if delivery.parked { fromParked += db.changesCount } else { fromPending += db.changesCount }
                }
                return (fromPending, fromParked)
            }
            guard let changes else { break }
            pending.add(-changes.fromPending, sink: sink)
            changed += changes.fromPending + changes.fromParked
        }
        return changed
    }
}
