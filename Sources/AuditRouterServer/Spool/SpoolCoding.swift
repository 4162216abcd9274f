import AuditRouter
import Foundation
import GRDB
import GoTemplate

/// How the spool stores times: integer milliseconds since 1970.
extension Date {
    var spoolMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(spoolMillis: Int64) {
        self.init(timeIntervalSince1970: Double(spoolMillis) / 1000)
    }
}

extension Duration {
    /// Milliseconds, with a fractional part.
    var spoolMillis: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

extension Event {
    /// The `event.body` column: `storageValue` as JSON text.
    func spoolBody() throws -> String {
        String(decoding: try storageValue.jsonBytes(escapeHTML: false), as: UTF8.self)
    }

    init(spoolBody body: String) throws {
        let value: Value
        do {
            value = try Value(json: Array(body.utf8))
        } catch {
            throw SpoolError.corruptRow("event body is not JSON: \(error)")
        }
        guard let event = Event(storageValue: value) else {
            throw SpoolError.corruptRow("event body lacks a required field")
        }
        self = event
    }
}

extension Row {
    /// A time column; nil when NULL.
    func spoolDate(_ column: String) -> Date? {
        (self[column] as Int64?).map(Date.init(spoolMillis:))
    }

    func deliveryState(_ column: String) throws -> Spool.DeliveryState {
        let name: String = self[column]
        guard let state = Spool.DeliveryState(rawValue: name) else {
            throw SpoolError.corruptRow("unknown delivery state \(name)")
        }
        return state
    }
}

extension Spool.DeliveryRecord {
    /// The columns `init(row:)` reads, for `SELECT`.
    static let columns = """
        id, event_id, sink, state, attempts, next_attempt_at, created_at, first_attempt_at, last_attempt_at,
        last_status, last_error, updated_at
        """

    init(row: Row) throws {
        self.init(
            id: row["id"], eventID: row["event_id"], sink: row["sink"], state: try row.deliveryState("state"),
            attempts: row["attempts"], nextAttemptAt: row.spoolDate("next_attempt_at"),
            createdAt: Date(spoolMillis: row["created_at"]), firstAttemptAt: row.spoolDate("first_attempt_at"),
            lastAttemptAt: row.spoolDate("last_attempt_at"), lastStatus: row["last_status"],
            lastError: row["last_error"], updatedAt: Date(spoolMillis: row["updated_at"]))
    }
}

extension Spool.LoggedAttempt {
    /// The columns `init(row:)` reads, for `SELECT`.
    static let columns = "delivery_id, event_id, sink, attempt, status_code, error, duration_ms, at, state"

    init(row: Row) throws {
        let millis: Double = row["duration_ms"]
        self.init(
            attempt: AttemptRow(
                deliveryID: row["delivery_id"], eventID: row["event_id"], sink: row["sink"], attempt: row["attempt"],
                statusCode: row["status_code"], error: row["error"],
                duration: .nanoseconds(Int64((millis * 1e6).rounded())), at: Date(spoolMillis: row["at"])),
            outcome: try row.deliveryState("state"))
    }
}
