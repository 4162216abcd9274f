import AuditRouter
import Foundation
import GRDB
import GoTemplate
import Testing

@testable import AuditRouterServer

/// Events, deliveries and places the spool tests share.
enum SpoolFixtures {
    /// A time on a whole millisecond, as the spool stores times.
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static func event(_ id: String, namespace: String? = "production") -> Event {
        let payload = try! Value(json: Array(#"{"key":"new-checkout","namespace_key":"production","enabled":true,"rank":3}"#.utf8))
        return Event(
            id: id, source: .flipt, type: "flag", action: "updated",
            actor: Actor(authentication: "token", ip: "10.0.0.1", email: "ops@example.com", name: "Ops"),
            payload: payload, timestamp: "2025-06-15T12:00:00Z", namespace: namespace,
            before: try! Value(json: Array(#"{"enabled":false}"#.utf8)),
            changes: try! Value(json: Array(#"{"enabled":{"after":true,"before":false}}"#.utf8)))
    }

    /// `event` with one delivery per sink, ids `<event>-<sink>`.
    static func delivering(_ id: String, to sinks: [String]) -> (Event, [NewDelivery]) {
        (event(id), sinks.map { NewDelivery(id: "\(id)-\($0)", eventID: id, sink: $0) })
    }

    /// A path for a spool file in a new temporary folder that does not exist yet.
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("spool-tests-\(UUID().uuidString)/nested/spool.sqlite").path
    }

    static func removeFolder(of path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent())
    }

    /// Pending deliveries, counted in the file, to check `pendingCount()` against.
    static func countPending(in spool: Spool) async throws -> Int {
        try await spool.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery WHERE state = 'pending'") ?? 0
        }
    }

    static func attempt(_ delivery: String, event: String, sink: String, _ number: Int, status: Int?, error: String? = nil, at: Date) -> AttemptRow {
        AttemptRow(deliveryID: delivery, eventID: event, sink: sink, attempt: number, statusCode: status, error: error, duration: .milliseconds(12), at: at)
    }
}

@Suite struct SpoolFixtureTests {
    @Test func storedEventsReadBackEqual() async throws {
        let spool = try Spool.inMemory()
        let events = [SpoolFixtures.event("e1"), SpoolFixtures.event("e2", namespace: nil), Event(id: "e3", source: .flagr, type: "segment", action: "deleted", timestamp: "")]
        try await spool.accept(events, deliveries: [], receivedAt: SpoolFixtures.t0)
        for event in events {
            #expect(try await spool.event(id: event.id) == event)
        }
        #expect(try await spool.event(id: "missing") == nil)
    }
}
