import GRDB

/// The spool's schema, as append-only migrations: a released migration is never edited; a
/// change is a new migration registered after the others.
///
/// Times are integers: milliseconds since 1970 (UTC). An event's `body` is its
/// `Event.storageValue` as JSON text.
enum SpoolSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "event") { t in
                t.primaryKey("id", .text)
                t.column("source", .text).notNull()
                t.column("type", .text).notNull()
                t.column("action", .text).notNull()
                t.column("namespace", .text)
                t.column("received_at", .integer).notNull().indexed()
                t.column("body", .text).notNull()
            }
            try db.create(table: "delivery") { t in
                t.primaryKey("id", .text)
                t.column("event_id", .text).notNull().indexed().references("event")
                t.column("sink", .text).notNull()
                t.column("state", .text).notNull().check { ["pending", "delivered", "dead"].contains($0) }
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .integer)  // null unless pending
                t.column("created_at", .integer).notNull()
                t.column("first_attempt_at", .integer)
                t.column("last_attempt_at", .integer)
                t.column("last_status", .integer)
                t.column("last_error", .text)
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "delivery_due", on: "delivery", columns: ["sink", "state", "next_attempt_at"])
            try db.create(index: "delivery_state", on: "delivery", columns: ["state", "updated_at"])
            try db.create(table: "attempt") { t in
                t.primaryKey("id", .integer)  // the rowid
                t.column("delivery_id", .text).notNull().indexed().references("delivery", onDelete: .cascade)
                t.column("event_id", .text).notNull()
                t.column("sink", .text).notNull()
                t.column("attempt", .integer).notNull()
                t.column("status_code", .integer)
                t.column("error", .text)
                t.column("duration_ms", .double).notNull()
                t.column("at", .integer).notNull().indexed()
                // The state the attempt left its delivery in.
                t.column("state", .text).notNull().check { ["pending", "delivered", "dead"].contains($0) }
            }
            try db.create(index: "attempt_log", on: "attempt", columns: ["sink", "at"])
        }
        // What retention deleted of each sink's delivered deliveries, so that the delivered count
        // an operator reads never falls.
        migrator.registerMigration("v2 sink_total") { db in
            try db.create(table: "sink_total") { t in
                t.primaryKey("sink", .text)
                t.column("delivered_pruned", .integer).notNull().defaults(to: 0)
            }
        }
        // The parked deliveries of each sink, for the admin API's counts without reading every
        // dead letter. `Spool.parkedReason` is part of it: changing that text needs a new migration.
        migrator.registerMigration("v3 delivery_parked") { db in
            try db.execute(sql: "CREATE INDEX delivery_parked ON delivery(sink) WHERE \(Spool.parkedCondition)")
        }
        // The retries of each sink by when they are due, so that reading the due retries does not
        // walk the deliveries never attempted ahead of them (a backlog behind a failing sink).
        // Deliveries delivered at their first attempt never enter it.
        migrator.registerMigration("v4 delivery_retry") { db in
            try db.execute(sql: "CREATE INDEX delivery_retry ON delivery(sink, next_attempt_at) WHERE \(Spool.retryCondition)")
        }
        // The sender's id of each request accepted with one (`IngestReceipt`), so that its
        // retries are stored once; `event_ids` is a JSON array.
        migrator.registerMigration("v5 ingest_receipt") { db in
            try db.create(table: "ingest_receipt") { t in
                t.column("source", .text).notNull()
                t.column("delivery_id", .text).notNull()
                t.column("event_ids", .text).notNull()
                t.column("received_at", .integer).notNull().indexed()
                t.primaryKey(["source", "delivery_id"])
            }
        }
        return migrator
    }
}
