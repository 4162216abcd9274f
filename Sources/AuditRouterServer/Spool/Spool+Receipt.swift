import Foundation
import GRDB

/// A sender's own id for a request, the same on its retries (goflagship's `X-Flagship-Delivery`).
/// A request accepted with a receipt is stored once: a retry of it is answered with the events
/// the first one became. Receipts are kept as long as delivered events (`retain_delivered`).
public struct IngestReceipt: Sendable, Equatable {
    public let source: String
    public let deliveryID: String

    public init(source: String, deliveryID: String) {
        self.source = source
        self.deliveryID = deliveryID
    }
}

extension Spool {
    /// The ids of the events the request with `receipt` was accepted as; nil when none was.
    public func acceptedEvents(for receipt: IngestReceipt) async throws -> [String]? {
        let stored = try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT event_ids FROM ingest_receipt WHERE source = ? AND delivery_id = ?",
                                arguments: [receipt.source, receipt.deliveryID])
        }
        return try stored.map(Self.eventIDs(from:))
    }

    /// Records `receipt` for `eventIDs` in the transaction `db` of their `accept`; throws
    /// `SpoolError.duplicate` when a request with the same receipt was accepted meanwhile.
    static func insert(_ receipt: IngestReceipt, eventIDs: [String], at: Int64, in db: Database) throws {
        let ids = String(decoding: try JSONEncoder().encode(eventIDs), as: UTF8.self)
        do {
            try db.execute(sql: "INSERT INTO ingest_receipt (source, delivery_id, event_ids, received_at) VALUES (?, ?, ?, ?)",
                           arguments: [receipt.source, receipt.deliveryID, ids, at])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw SpoolError.duplicate(receipt.deliveryID)
        }
    }

    private static func eventIDs(from text: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw SpoolError.corruptRow("ingest_receipt.event_ids: \(error)")
        }
    }
}
