import AuditRouter
import Foundation
import GRDB
import Testing

@testable import AuditRouterServer

@Suite struct SpoolAcceptTests {
    @Test func acceptedDeliveriesArePendingAndDueAtOnce() async throws {
        let spool = try Spool.inMemory()
        let (event, deliveries) = SpoolFixtures.delivering("e1", to: ["slack", "siem"])
        try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0)

        let record = try #require(try await spool.delivery(id: "e1-slack"))
        #expect(record.state == .pending)
        #expect(record.attempts == 0)
        #expect(record.nextAttemptAt == SpoolFixtures.t0)
        #expect(record.createdAt == SpoolFixtures.t0)
        #expect(record.firstAttemptAt == nil)
        #expect(try await spool.deliveries(eventID: "e1").map(\.sink) == ["slack", "siem"])
        #expect(spool.pendingCount() == 2)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 1, delivered: 0, dead: 0))
    }

    @Test func aFailingBatchStoresNothing() async throws {
        let spool = try Spool.inMemory()
        let (event, deliveries) = SpoolFixtures.delivering("e1", to: ["slack"])
        // The second delivery reuses the first one's id: the batch fails after the event and
        // the first delivery were inserted.
        let clash = deliveries + [NewDelivery(id: "e1-slack", eventID: "e1", sink: "siem")]
        await #expect(throws: DatabaseError.self) {
            try await spool.accept([event], deliveries: clash, receivedAt: SpoolFixtures.t0)
        }
        // A delivery of an event that is neither in the batch nor in the spool.
        await #expect(throws: DatabaseError.self) {
            try await spool.accept([SpoolFixtures.event("e2")], deliveries: [NewDelivery(id: "d", eventID: "nope", sink: "slack")], receivedAt: SpoolFixtures.t0)
        }
        #expect(try await spool.event(id: "e1") == nil)
        #expect(try await spool.event(id: "e2") == nil)
        #expect(spool.pendingCount() == 0)
        #expect(try await SpoolFixtures.countPending(in: spool) == 0)
    }

    @Test func aFailingBatchDoesNotFailTheOthersOfItsGroup() async throws {
        let spool = try Spool.inMemory()
        try await spool.accept([SpoolFixtures.event("taken")], deliveries: [], receivedAt: SpoolFixtures.t0)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 0..<50 {
                group.addTask {
                    // Every tenth batch reuses an event id already stored.
                    let id = i % 10 == 0 ? "taken" : "e\(i)"
                    let (event, deliveries) = SpoolFixtures.delivering(id, to: ["slack"])
                    let ok = (try? await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0)) != nil
                    return (i, ok)
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for i in 0..<50 {
            #expect(outcomes[i] == (i % 10 != 0))
            if i % 10 != 0 { #expect(try await spool.delivery(id: "e\(i)-slack") != nil) }
        }
        #expect(spool.pendingCount() == 45)
        #expect(try await SpoolFixtures.countPending(in: spool) == 45)
    }

    @Test func maxPendingHoldsAgainstConcurrentAccepts() async throws {
        let spool = try Spool.inMemory()
        let accepted = await withTaskGroup(of: String?.self) { group in
            for i in 0..<60 {
                group.addTask {
                    let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack"])
                    do {
                        try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0, maxPending: 10)
                        return event.id
                    } catch {
                        #expect(error as? SpoolError == .full(limit: 10))
                        return nil
                    }
                }
            }
            return await group.compactMap { $0 }.reduce(into: []) { $0.append($1) }
        }
        #expect(accepted.count == 10)
        #expect(spool.pendingCount() == 10)
        #expect(try await SpoolFixtures.countPending(in: spool) == 10)
        // A refused call and a failed commit leave nothing counted.
        let (event, deliveries) = SpoolFixtures.delivering(accepted[0], to: ["slack"])  // an id taken: the commit fails
        await #expect(throws: SpoolError.full(limit: 10)) {
            try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0, maxPending: 10)
        }
        await #expect(throws: (any Error).self) {
            try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0, maxPending: 11)
        }
        #expect(spool.pendingCount() == 10)
        // Only the sinks counted: deliveries of another sink (one that does not run) leave room.
        let (other, toOther) = SpoolFixtures.delivering("other", to: ["siem"])
        try await spool.accept([other], deliveries: toOther, receivedAt: SpoolFixtures.t0, maxPending: 10, counting: ["siem"])
        #expect(spool.pendingCount() == 11 && spool.pendingCount(sinks: ["siem"]) == 1)
    }

    @Test func concurrentAcceptsShareTransactions() async throws {
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        let spool = try Spool(path: path)
        try await withThrowingTaskGroup { group in
            for i in 0..<200 {
                group.addTask {
                    let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "teams", "siem"])
                    try await spool.accept([event], deliveries: deliveries, receivedAt: SpoolFixtures.t0)
                }
            }
            try await group.waitForAll()
        }
        #expect(spool.pendingCount() == 600)
        #expect(try await spool.counts(sink: "teams").pending == 200)
        let transactions = await spool.groupTransactions
        print("group commit: 200 concurrent accepts in \(transactions) transactions")
        #expect(transactions < 200)
    }
}
