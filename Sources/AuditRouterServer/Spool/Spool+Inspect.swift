import AuditRouter
import Foundation
import GRDB

/// Reads for the admin API and metrics. Listings are paginated: `page` counts from 1.
extension Spool {
    /// The deliveries of `sink` by state. Counted on indexes (`delivery_due`, and
    /// `delivery_parked` for parked ones): the table is read only for pending deliveries (to tell
    /// those waiting for a retry), never for the delivered or dead ones, which a busy spool holds
    /// by the million.
    public func counts(sink: String) async throws -> SinkCounts {
        guard Self.isMatchable(sink) else { return SinkCounts() }
        return try await writer.read { db in
            var counts = SinkCounts()
            let rows = try Row.fetchCursor(
                db, sql: "SELECT state, COUNT(*) AS n FROM delivery WHERE sink = ? GROUP BY state", arguments: [sink])
            while let row = try rows.next() {
                switch try row.deliveryState("state") {
                case .pending: counts.pending = row["n"]
                case .delivered: counts.delivered = row["n"]
                case .dead: counts.dead = row["n"]
                }
            }
            counts.delivered += try Int.fetchOne(db, sql: "SELECT delivered_pruned FROM sink_total WHERE sink = ?", arguments: [sink]) ?? 0
            if counts.pending > 0 {
                counts.retrying = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM delivery WHERE sink = ? AND state = 'pending' AND attempts > 0
                    """, arguments: [sink]) ?? 0
            }
            if counts.dead > 0 {
                counts.parked = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM delivery INDEXED BY delivery_parked WHERE sink = ? AND \(Self.parkedCondition)
                    """, arguments: [sink]) ?? 0
            }
            return counts
        }
    }

    /// The names of the sinks with parked deliveries, in order.
    public func sinksWithParkedDeliveries() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: """
                \(Self.sinkNamesCTE)
                SELECT name FROM sinks
                WHERE name IS NOT NULL AND EXISTS (SELECT 1 FROM delivery INDEXED BY delivery_parked WHERE sink = name AND \(Self.parkedCondition))
                """)
        }
    }

    /// Whether the spool holds any delivery to `sink`.
    public func hasDeliveries(sink: String) async throws -> Bool {
        guard Self.isMatchable(sink) else { return false }
        return try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM delivery WHERE sink = ?)", arguments: [sink]) ?? false
        }
    }

    /// Pending deliveries of `sinks` together (of every sink when nil): with the sinks that run,
    /// what `spool.max_pending` bounds. Cheap enough for every ingest: counted once at open, then
    /// kept in memory (see `PendingCounter`).
    public func pendingCount(sinks: Set<String>? = nil) -> Int {
        pending.total(of: sinks)
    }

    /// Pending deliveries by sink (sinks with none left out), from memory.
    public func pendingCounts() -> [String: Int] {
        pending.bySink
    }

    /// The event with this id, if the spool holds it.
    public func event(id: String) async throws -> Event? {
        guard Self.isMatchable(id) else { return nil }
        return try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM event WHERE id = ?", arguments: [id])
                .map(Event.init(spoolBody:))
        }
    }

    /// The delivery with this id, if the spool holds it.
    public func delivery(id: String) async throws -> DeliveryRecord? {
        guard Self.isMatchable(id) else { return nil }
        return try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(DeliveryRecord.columns) FROM delivery WHERE id = ?", arguments: [id])
                .map(DeliveryRecord.init(row:))
        }
    }

    /// The deliveries of one event to every sink, in the order they were accepted.
    public func deliveries(eventID: String) async throws -> [DeliveryRecord] {
        guard Self.isMatchable(eventID) else { return [] }
        return try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(DeliveryRecord.columns) FROM delivery WHERE event_id = ? ORDER BY rowid
                """, arguments: [eventID]).map(DeliveryRecord.init(row:))
        }
    }

    /// The delivery log of `sink`: one item per attempt, newest first; only the attempts that
    /// left their delivery in state `outcome` when it is given.
    public func attempts(
        sink: String, outcome: DeliveryState? = nil, page: Int, limit: Int
    ) async throws -> Page<LoggedAttempt> {
        guard Self.isMatchable(sink) else { return Page(items: [], total: 0) }
        var filter = "sink = ?"
        var arguments: StatementArguments = [sink]
        if let outcome {
            filter += " AND state = ?"
            arguments += [outcome.rawValue]
        }
        return try await self.page(
            sql: "SELECT \(LoggedAttempt.columns) FROM attempt WHERE \(filter) ORDER BY at DESC, id DESC",
            countSQL: "SELECT COUNT(*) FROM attempt WHERE \(filter)", arguments: arguments, page: page, limit: limit,
            decode: LoggedAttempt.init(row:))
    }

    /// Dead letters, of one sink or of all, most recently dead first.
    public func deadLetters(sink: String? = nil, page: Int, limit: Int) async throws -> Page<DeliveryRecord> {
        if let sink, !Self.isMatchable(sink) { return Page(items: [], total: 0) }
        var filter = "state = 'dead'"
        var arguments: StatementArguments = []
        if let sink {
            filter += " AND sink = ?"
            arguments += [sink]
        }
        return try await self.page(
            sql: "SELECT \(DeliveryRecord.columns) FROM delivery WHERE \(filter) ORDER BY updated_at DESC, rowid DESC",
            countSQL: "SELECT COUNT(*) FROM delivery WHERE \(filter)", arguments: arguments, page: page, limit: limit,
            decode: DeliveryRecord.init(row:))
    }

    /// Whether `key` (an id or a sink name from a request) can match a stored one. SQLite binds
    /// text up to its first NUL byte, so a key holding one would match the key it starts with;
    /// no stored key holds one.
    static func isMatchable(_ key: String) -> Bool {
        !key.utf8.contains(0)
    }

    /// One page of `sql`'s rows, and the count of all of them, read from one snapshot.
    private func page<Item: Sendable & Equatable>(
        sql: String, countSQL: String, arguments: StatementArguments, page: Int, limit: Int,
        decode: @escaping @Sendable (Row) throws -> Item
    ) async throws -> Page<Item> {
        let limit = max(limit, 0)
        let offset = (max(page, 1) - 1) * limit
        return try await writer.read { db in
            let total = try Int.fetchOne(db, sql: countSQL, arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: sql + " LIMIT ? OFFSET ?", arguments: arguments + [limit, offset])
            return Page(items: try rows.map(decode), total: total)
        }
    }
}
