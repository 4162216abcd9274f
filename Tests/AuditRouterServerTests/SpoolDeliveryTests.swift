import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

@Suite struct SpoolDeliveryTests {
    let t0 = SpoolFixtures.t0

    /// A spool holding events e0...e(count-1), accepted a second apart, each for `sinks`.
    func spool(events count: Int, sinks: [String] = ["slack"]) async throws -> Spool {
        let spool = try Spool.inMemory()
        for i in 0..<count {
            let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: sinks)
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0 + Double(i))
        }
        return spool
    }

    @Test func dueListsPendingDeliveriesOldestFirstWithTheirEvents() async throws {
        let spool = try await spool(events: 5, sinks: ["slack", "siem"])
        let due = try await spool.due(sink: "slack", now: t0 + 3, limit: 10)
        #expect(due.map(\.id) == ["e0-slack", "e1-slack", "e2-slack", "e3-slack"])
        #expect(due[0].event == SpoolFixtures.event("e0"))
        #expect(due[0].attempts == 0 && due[0].firstAttemptAt == nil && due[0].createdAt == t0)
        #expect(try await spool.due(sink: "slack", now: t0 + 10, limit: 2).map(\.id) == ["e0-slack", "e1-slack"])
        let skipping = try await spool.due(sink: "slack", now: t0 + 10, limit: 2, excluding: ["e0-slack", "e2-slack"])
        #expect(skipping.map(\.id) == ["e1-slack", "e3-slack"])
        #expect(try await spool.due(sink: "nobody", now: t0 + 10, limit: 10).isEmpty)
        #expect(try await spool.nextDue(sink: "siem") == t0)
        #expect(try await spool.nextDue(sink: "nobody") == nil)
    }

    @Test("a delivery whose event no longer reads becomes a dead letter saying so; the ones behind it go on")
    func anUnreadableEventDoesNotHoldUpTheSink() async throws {
        let spool = try await spool(events: 3)
        try await spool.writer.write { try $0.execute(sql: "UPDATE event SET body = '{not json' WHERE id = 'e0'") }
        #expect(try await spool.due(sink: "slack", now: t0 + 10, limit: 10).map(\.id) == ["e1-slack", "e2-slack"])
        let damaged = try #require(try await spool.delivery(id: "e0-slack"))
        #expect(damaged.state == .dead && damaged.lastError?.hasPrefix("event unreadable in the spool: ") == true, "\(damaged)")
        #expect(spool.pendingCount() == 2)
    }

    @Test("a retry read lists only retries, by when they are due, however many fresh deliveries are due ahead")
    func retriesOnlyReadsRetries() async throws {
        let spool = try await spool(events: 6)
        for (index, due) in [(4, 30.0), (1, 20.0), (3, 20.0)] {
            try await spool.record(
                SpoolFixtures.attempt("e\(index)-slack", event: "e\(index)", sink: "slack", 1, status: 503, at: t0 + 10), update: .retry(at: t0 + due))
        }
        #expect(try await spool.due(sink: "slack", now: t0 + 25, limit: 10, retriesOnly: true).map(\.id) == ["e1-slack", "e3-slack"])
        #expect(try await spool.due(sink: "slack", now: t0 + 40, limit: 10, retriesOnly: true).map(\.id) == ["e1-slack", "e3-slack", "e4-slack"])
        #expect(try await spool.due(sink: "slack", now: t0 + 40, limit: 1, excluding: ["e1-slack"], retriesOnly: true).map(\.id) == ["e3-slack"])
        #expect(try await spool.nextRetry(sink: "slack", after: t0 + 25) == t0 + 30)
    }

    @Test func aRetryIsDueAgainAtItsTime() async throws {
        let spool = try await spool(events: 1)
        try await spool.record(
            SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 503, error: "HTTP 503", at: t0 + 1),
            update: .retry(at: t0 + 60))
        #expect(try await spool.due(sink: "slack", now: t0 + 59, limit: 10).isEmpty)
        #expect(try await spool.nextRetry(sink: "slack", after: t0 + 59) == t0 + 60)
        #expect(try await spool.nextRetry(sink: "slack", after: t0 + 60) == nil)
        #expect(spool.pendingCount() == 1)
        #expect(try await spool.nextDue(sink: "slack") == t0 + 60)
        let due = try #require(try await spool.due(sink: "slack", now: t0 + 60, limit: 10).first)
        #expect(due.attempts == 1 && due.firstAttemptAt == t0 + 1)

        let record = try #require(try await spool.delivery(id: "e0-slack"))
        #expect(record.state == .pending && record.lastStatus == 503 && record.lastError == "HTTP 503")
        #expect(record.lastAttemptAt == t0 + 1 && record.nextAttemptAt == t0 + 60)
    }

    @Test func deliveredAndDeadAreFinal() async throws {
        let spool = try await spool(events: 2)
        try await spool.record(SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 200, at: t0 + 5), update: .delivered)
        try await spool.record(
            SpoolFixtures.attempt("e1-slack", event: "e1", sink: "slack", 1, status: 404, error: "HTTP 404", at: t0 + 6),
            update: .dead(reason: "HTTP 404: not retried"))
        #expect(try await spool.due(sink: "slack", now: t0 + 1000, limit: 10).isEmpty)
        #expect(try await spool.nextDue(sink: "slack") == nil)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 0, delivered: 1, dead: 1))
        #expect(spool.pendingCount() == 0)
        let dead = try #require(try await spool.delivery(id: "e1-slack"))
        #expect(dead.state == .dead && dead.lastStatus == 404 && dead.lastError == "HTTP 404: not retried")
        #expect(dead.nextAttemptAt == nil && dead.updatedAt == t0 + 6)
    }

    @Test func onlyPendingDeliveriesTakeAttempts() async throws {
        let spool = try await spool(events: 1)
        let first = SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 200, at: t0)
        try await spool.record(first, update: .delivered)
        for attempt in [first, SpoolFixtures.attempt("nope", event: "e0", sink: "slack", 1, status: 200, at: t0)] {
            await #expect(throws: SpoolError.notPending(attempt.deliveryID)) {
                try await spool.record(attempt, update: .delivered)
            }
        }
        #expect(try await spool.attempts(sink: "slack", page: 1, limit: 10).total == 1)
        #expect(spool.pendingCount() == 0)
        #expect(try await SpoolFixtures.countPending(in: spool) == 0)
    }

    @Test func theDeliveryLogIsNewestFirstFilteredAndPaginated() async throws {
        let spool = try await spool(events: 3)
        for attempt in 1...3 {
            try await spool.record(
                SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", attempt, status: 500, error: "HTTP 500", at: t0 + Double(attempt)),
                update: attempt < 3 ? .retry(at: t0 + 100) : .dead(reason: "max attempts"))
        }
        try await spool.record(SpoolFixtures.attempt("e1-slack", event: "e1", sink: "slack", 1, status: 204, at: t0 + 10), update: .delivered)

        let all = try await spool.attempts(sink: "slack", page: 1, limit: 3)
        #expect(all.total == 4)
        #expect(all.items.map(\.attempt.at) == [t0 + 10, t0 + 3, t0 + 2])
        #expect(all.items.map(\.outcome) == [.delivered, .dead, .pending])
        #expect(all.items[0].attempt == SpoolFixtures.attempt("e1-slack", event: "e1", sink: "slack", 1, status: 204, at: t0 + 10))
        #expect(try await spool.attempts(sink: "slack", page: 2, limit: 3).items.map(\.attempt.attempt) == [1])
        let retried = try await spool.attempts(sink: "slack", outcome: .pending, page: 1, limit: 10)
        #expect(retried.total == 2 && retried.items.map(\.attempt.attempt) == [2, 1])
        #expect(try await spool.attempts(sink: "siem", page: 1, limit: 10).total == 0)
    }
}
