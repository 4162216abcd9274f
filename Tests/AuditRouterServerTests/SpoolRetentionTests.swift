import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

@Suite struct SpoolRetentionTests {
    let t0 = SpoolFixtures.t0
    let day: TimeInterval = 86_400

    @Test func pruneDeletesByAgeAndKeepsPendingDeliveries() async throws {
        let spool = try Spool.inMemory()
        // old: delivered to slack on day 0, dead for siem on day 0.
        // mixed: delivered to slack on day 0, still pending for siem.
        // recent: delivered to slack on day 9.
        // lonely: accepted on day 0 without deliveries; fresh: the same on day 9.
        for id in ["old", "mixed", "recent"] {
            let (event, deliveries) = SpoolFixtures.delivering(id, to: ["slack", "siem"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0)
        }
        try await spool.accept([SpoolFixtures.event("lonely")], deliveries: [], receivedAt: t0)
        try await spool.accept([SpoolFixtures.event("fresh")], deliveries: [], receivedAt: t0 + 9 * day)
        for id in ["old", "mixed"] {
            try await spool.record(SpoolFixtures.attempt("\(id)-slack", event: id, sink: "slack", 1, status: 200, at: t0), update: .delivered)
        }
        try await spool.record(SpoolFixtures.attempt("old-siem", event: "old", sink: "siem", 1, status: 410, at: t0), update: .dead(reason: "HTTP 410"))
        try await spool.record(SpoolFixtures.attempt("recent-slack", event: "recent", sink: "slack", 1, status: 200, at: t0 + 9 * day), update: .delivered)
        try await spool.record(SpoolFixtures.attempt("recent-siem", event: "recent", sink: "siem", 1, status: 200, at: t0 + 9 * day), update: .delivered)

        // Retention of 7 days for delivered, 30 for dead, on day 10: the dead letter stays.
        let first = try await spool.prune(deliveredBefore: t0 + 3 * day, deadBefore: t0 - 20 * day, chunk: 1)
        #expect(first == Spool.PruneResult(attempts: 3, deliveries: 2, events: 1))  // lonely
        #expect(try await spool.delivery(id: "old-siem")?.state == .dead)
        #expect(try await spool.delivery(id: "mixed-siem")?.state == .pending)
        #expect(try await spool.event(id: "mixed") != nil)
        #expect(try await spool.event(id: "fresh") != nil)
        #expect(try await spool.attempts(sink: "slack", page: 1, limit: 10).total == 1)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 0, retrying: 0, delivered: 3, dead: 0))

        // Day 31: the dead letter goes, and "old" with it; the pending delivery stays.
        let second = try await spool.prune(deliveredBefore: t0 + 24 * day, deadBefore: t0 + 1 * day)
        #expect(second == Spool.PruneResult(attempts: 2, deliveries: 3, events: 3))  // old, recent, fresh
        #expect(try await spool.event(id: "old") == nil)
        #expect(try await spool.event(id: "mixed") != nil)
        #expect(spool.pendingCount() == 1)
        #expect(try await SpoolFixtures.countPending(in: spool) == 1)
        // Delivered counts keep what was deleted; dead letters are those left.
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 0, retrying: 0, delivered: 3, dead: 0))
        #expect(try await spool.counts(sink: "siem") == Spool.SinkCounts(pending: 1, retrying: 0, delivered: 1, dead: 0))
    }
}
