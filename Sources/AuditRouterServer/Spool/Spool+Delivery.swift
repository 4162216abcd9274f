import AuditRouter
import Foundation
import GRDB

extension Spool {
    /// The SQL condition on a `delivery` row waiting for a retry: the `delivery_retry` partial
    /// index's, which queries name (`INDEXED BY`) so that SQLite does not prefer `delivery_due`.
    static let retryCondition = "state = 'pending' AND attempts > 0"

    /// Pending deliveries of `sink` due at `now`, oldest first, with their events; at most
    /// `limit`, leaving out the ids in `excluding` (attempts in flight). `retriesOnly` keeps
    /// those attempted before. A delivery whose event no longer reads (a damaged row) becomes a
    /// dead letter saying so, rather than holding up every delivery behind it.
    public func due(sink: String, now: Date, limit: Int, excluding: Set<String> = [], retriesOnly: Bool = false) async throws -> [DueDelivery] {
        let (due, unreadable) = try await readDue(sink: sink, now: now, limit: limit, excluding: excluding, retriesOnly: retriesOnly)
        if !unreadable.isEmpty {
            let dead = try await writer.write { db in
                let statement = try db.cachedStatement(sql: """
                    UPDATE delivery SET state = 'dead', next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE id = ? AND state = 'pending'
                    """)
                var dead = 0
                for (id, reason) in unreadable {
                    try statement.execute(arguments: ["event unreadable in the spool: \(reason)", now.spoolMillis, id])
                    dead += db.changesCount
                }
                return dead
            }
            pending.add(-dead, sink: sink)
        }
        return due
    }

    private func readDue(
        sink: String, now: Date, limit: Int, excluding: Set<String>, retriesOnly: Bool
    ) async throws -> (due: [DueDelivery], unreadable: [(id: String, reason: String)]) {
        try await writer.read { db in
            // Ask for enough rows that `limit` remain once the ones in flight are left out.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT d.id, d.event_id, d.sink, d.attempts, d.created_at, d.first_attempt_at, e.body
                FROM delivery d \(retriesOnly ? "INDEXED BY delivery_retry" : "") JOIN event e ON e.id = d.event_id
                WHERE d.sink = ? AND d.state = 'pending' AND d.next_attempt_at <= ? \(retriesOnly ? "AND d.attempts > 0" : "")
                ORDER BY d.next_attempt_at, d.rowid
                LIMIT ?
                """, arguments: [sink, now.spoolMillis, limit + excluding.count])
            var due: [DueDelivery] = []
            var unreadable: [(id: String, reason: String)] = []
            while due.count < limit, let row = try rows.next() {
                let id: String = row["id"]
                guard !excluding.contains(id) else { continue }
                let event: Event
                do {
                    event = try Event(spoolBody: row["body"])
                } catch {
                    unreadable.append((id, "\(error)"))
                    continue
                }
                due.append(DueDelivery(
                    id: id, eventID: row["event_id"], sink: row["sink"], attempts: row["attempts"],
                    createdAt: Date(spoolMillis: row["created_at"]), firstAttemptAt: row.spoolDate("first_attempt_at"),
                    event: event))
            }
            return (due, unreadable)
        }
    }

    /// When the next pending delivery of `sink` is due (possibly in the past); nil when none is
    /// pending.
    public func nextDue(sink: String) async throws -> Date? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT MIN(next_attempt_at) FROM delivery WHERE sink = ? AND state = 'pending'
                """, arguments: [sink])
        }.map(Date.init(spoolMillis:))
    }

    /// When the first retry of `sink` due later than `after` is due (a pending delivery attempted
    /// before); nil when there is none.
    public func nextRetry(sink: String, after: Date) async throws -> Date? {
        try await writer.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT MIN(next_attempt_at) FROM delivery INDEXED BY delivery_retry
                WHERE sink = ? AND \(Self.retryCondition) AND next_attempt_at > ?
                """, arguments: [sink, after.spoolMillis])
        }.map(Date.init(spoolMillis:))
    }

    /// Logs `attempt` and applies `update` to its delivery, in one transaction (shared with
    /// concurrent calls, like `accept`). The delivery's attempt count becomes `attempt.attempt`.
    /// Throws `SpoolError.notPending` unless the delivery is pending (as `due` returned it) and
    /// is one of `attempt.sink`'s.
    public func record(_ attempt: AttemptRow, update: DeliveryUpdate) async throws {
        guard try await record([(attempt, update)]) == [true] else { throw SpoolError.notPending(attempt.deliveryID) }
    }

    /// Logs many attempts and applies their updates in one transaction. Returns, for each, whether
    /// it was recorded: false when its delivery was not pending (then nothing of it is stored).
    public func record(_ attempts: [(AttemptRow, DeliveryUpdate)]) async throws -> [Bool] {
        let recorded = Locked<[Bool]>([])
        try await committer.run { db in
            let updateDelivery = try db.cachedStatement(sql: """
                UPDATE delivery SET state = ?, next_attempt_at = ?, attempts = ?,
                    first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?, last_status = ?,
                    last_error = ?, updated_at = ?
                WHERE id = ? AND sink = ? AND state = 'pending'
                """)
            let insertAttempt = try db.cachedStatement(sql: """
                INSERT INTO attempt (delivery_id, event_id, sink, attempt, status_code, error, duration_ms, at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var results: [Bool] = []
            for (attempt, update) in attempts {
                let (state, nextAttemptAt, lastError): (DeliveryState, Date?, String?) =
                    switch update {
                    case .delivered: (.delivered, nil, attempt.error)
                    case .retry(let at): (.pending, at, attempt.error)
                    case .dead(let reason): (.dead, nil, reason)
                    }
                let at = attempt.at.spoolMillis
                try updateDelivery.execute(arguments: [
                    state.rawValue, nextAttemptAt?.spoolMillis, attempt.attempt, at, at, attempt.statusCode,
                    lastError, at, attempt.deliveryID, attempt.sink,
                ])
                guard db.changesCount == 1 else {
                    results.append(false)
                    continue
                }
                try insertAttempt.execute(arguments: [
                    attempt.deliveryID, attempt.eventID, attempt.sink, attempt.attempt, attempt.statusCode,
                    attempt.error, attempt.duration.spoolMillis, at, state.rawValue,
                ])
                results.append(true)
            }
            recorded.withLock { $0 = results }
        }
        let results = recorded.withLock { $0 }
        for ((attempt, update), recorded) in zip(attempts, results) where recorded && !update.isRetry {
            pending.add(-1, sink: attempt.sink)
        }
        return results
    }
}

extension DeliveryUpdate {
    /// Whether the delivery stays pending.
    var isRetry: Bool {
        if case .retry = self { return true }
        return false
    }
}
