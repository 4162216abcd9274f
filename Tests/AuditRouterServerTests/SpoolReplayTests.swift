import AuditRouter
import Foundation
import Synchronization
import Testing

@testable import AuditRouterServer

@Suite struct SpoolReplayTests {
    let t0 = SpoolFixtures.t0

    /// A spool whose deliveries e0...e(count-1) to "slack" died at t0 + 100 + i, after 3 attempts.
    func deadLetters(_ count: Int) async throws -> Spool {
        let spool = try Spool.inMemory()
        for i in 0..<count {
            let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "siem"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0)
            try await spool.record(
                SpoolFixtures.attempt("e\(i)-slack", event: "e\(i)", sink: "slack", 3, status: 400, error: "HTTP 400", at: t0 + 100 + Double(i)),
                update: .dead(reason: "HTTP 400"))
        }
        return spool
    }

    @Test func deadLettersAreListedMostRecentFirst() async throws {
        let spool = try await deadLetters(3)
        let page = try await spool.deadLetters(page: 1, limit: 2)
        #expect(page.total == 3 && page.items.map(\.id) == ["e2-slack", "e1-slack"])
        #expect(try await spool.deadLetters(sink: "slack", page: 2, limit: 2).items.map(\.id) == ["e0-slack"])
        #expect(try await spool.deadLetters(sink: "siem", page: 1, limit: 2).total == 0)
    }

    @Test func requeueByIDGivesAFreshAttemptBudget() async throws {
        let spool = try await deadLetters(2)
        // e0-siem is pending and "nope" unknown: neither is re-queued.
        let requeued = try await spool.requeue(deliveryIDs: ["e1-slack", "e0-siem", "nope"], now: t0 + 500)
        #expect(requeued == ["e1-slack"])

        let record = try #require(try await spool.delivery(id: "e1-slack"))
        #expect(record.state == .pending && record.attempts == 0 && record.firstAttemptAt == nil)
        #expect(record.nextAttemptAt == t0 + 500 && record.updatedAt == t0 + 500)
        #expect(record.lastStatus == 400)  // what failed stays visible until the next attempt
        let due = try await spool.due(sink: "slack", now: t0 + 500, limit: 10)
        #expect(due.map(\.id) == ["e1-slack"] && due[0].attempts == 0)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 1, delivered: 0, dead: 1))
        #expect(spool.pendingCount() == 3)  // e1-slack, e0-siem, e1-siem
    }

    @Test func requeueDeadTakesATimeWindow() async throws {
        let spool = try await deadLetters(5)  // died at t0+100 ... t0+104
        #expect(try await spool.requeueDead(sink: "slack", since: t0 + 101, until: t0 + 103, now: t0 + 500) == 2)
        #expect(try await spool.deadLetters(sink: "slack", page: 1, limit: 10).items.map(\.id) == ["e4-slack", "e3-slack", "e0-slack"])
        #expect(try await spool.requeueDead(sink: "siem", since: nil, until: nil, now: t0 + 500) == 0)
        #expect(try await spool.requeueDead(sink: "slack", since: nil, until: nil, now: t0 + 500) == 3)
        #expect(try await spool.counts(sink: "slack").pending == 5)
        #expect(spool.pendingCount() == 10)  // and 5 for siem
        #expect(try await SpoolFixtures.countPending(in: spool) == 10)
    }

    @Test func parkingMovesAPausedSinksDeliveriesOutOfPendingAndUnparkingBringsOnlyThemBack() async throws {
        let spool = try await deadLetters(2)  // e0-slack and e1-slack dead after 3 attempts
        let (event, deliveries) = SpoolFixtures.delivering("e2", to: ["slack"])
        #expect(try await spool.accept([event], deliveries: deliveries, receivedAt: t0 + 200, isPaused: { $0 == "slack" }) == ["slack"])
        #expect(spool.pendingCount() == 2)  // e0-siem and e1-siem; the parked e2-slack does not count
        #expect(try await spool.delivery(id: "e2-slack")?.lastError == Spool.parkedReason)

        // e1-siem is in flight: it records its own outcome.
        #expect(try await spool.park(sink: "siem", excluding: ["e1-siem"], now: t0 + 300, while: { true }) == 1)
        #expect(spool.pendingCount() == 1)
        #expect(try await spool.delivery(id: "e0-siem")?.state == .dead)
        #expect(try await spool.delivery(id: "e1-siem")?.state == .pending)

        #expect(try await spool.unpark(sink: "slack", now: t0 + 400) == 1)  // not the real dead letters
        let unparked = try #require(try await spool.delivery(id: "e2-slack"))
        #expect(unparked.state == .pending && unparked.lastError == nil && unparked.nextAttemptAt == t0 + 400)
        #expect(try await spool.delivery(id: "e0-slack")?.state == .dead)
        #expect(try await spool.unpark(sink: "siem", now: t0 + 400) == 1)
        #expect(spool.pendingCount() == 3)
    }

    @Test func retiringTakesPendingAndParkedDeliveriesButNotAttemptsInFlightOrRealDeadLetters() async throws {
        let spool = try await deadLetters(2)  // e0-slack and e1-slack dead after 3 attempts; e0-siem and e1-siem pending
        // More than one batch of pending slack deliveries, and one parked.
        let count = Spool.deadLetterBatch + 5
        for index in 0..<count {
            let (event, deliveries) = SpoolFixtures.delivering("p\(index)", to: ["slack"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0 + 200)
        }
        let (event, deliveries) = SpoolFixtures.delivering("parked", to: ["slack"])
        try await spool.accept([event], deliveries: deliveries, receivedAt: t0 + 200, isPaused: { _ in true })
        #expect(spool.pendingCount(sinks: ["slack"]) == count)

        // p0-slack is in flight: it records its own outcome.
        #expect(try await spool.retire(sink: "slack", excluding: ["p0-slack"], now: t0 + 300) == count - 1 + 1)
        #expect(spool.pendingCount(sinks: ["slack"]) == 1)
        #expect(spool.pendingCount(sinks: ["siem"]) == 2)  // another sink's: untouched
        #expect(try await spool.delivery(id: "p0-slack")?.state == .pending)
        for id in ["p1-slack", "p\(count - 1)-slack", "parked-slack"] {
            let retired = try #require(try await spool.delivery(id: id))
            #expect(retired.state == .dead && retired.lastError == Spool.retiredReason, "\(id)")
        }
        #expect(try await spool.delivery(id: "e0-slack")?.lastError != Spool.retiredReason)  // a real dead letter keeps its error
        #expect(try await spool.unpark(sink: "slack", now: t0 + 400) == 0)  // a resume leaves retired ones alone
        #expect(try await spool.retire(sink: "slack", excluding: [], now: t0 + 500) == 1)  // what was in flight, later
        #expect(try await spool.retire(sink: "slack\u{0}x", excluding: [], now: t0 + 500) == 0)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 0, retrying: 0, delivered: 0, dead: count + 1 + 2))
    }

    @Test("parking stops at the first batch after a resume cleared the pause, so the resume's unpark is never overtaken")
    func parkingStopsOnceResumed() async throws {
        let spool = try Spool.inMemory()
        let count = Spool.deadLetterBatch + 5
        for index in 0..<count {
            let (event, deliveries) = SpoolFixtures.delivering("p\(index)", to: ["slack"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0)
        }
        #expect(try await spool.park(sink: "slack", excluding: [], now: t0 + 1, while: { false }) == 0)
        #expect(spool.pendingCount(sinks: ["slack"]) == count)
        // Paused while the first batch is written, resumed before the second.
        let checks = Mutex(0)
        let stillPaused: @Sendable () -> Bool = { checks.withLock { $0 += 1; return $0 == 1 } }
        #expect(try await spool.park(sink: "slack", excluding: [], now: t0 + 2, while: stillPaused) == Spool.deadLetterBatch)
        #expect(spool.pendingCount(sinks: ["slack"]) == 5)
        #expect(try await spool.unpark(sink: "slack", now: t0 + 3) == Spool.deadLetterBatch)
        #expect(spool.pendingCount(sinks: ["slack"]) == count)
    }
}
