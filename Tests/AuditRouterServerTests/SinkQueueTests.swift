import AuditRouter
import Foundation
import Synchronization
import Testing

@testable import AuditRouterServer

/// The sink queue hands out deliveries offered by ingest from memory, reads the spool to catch
/// up, for retries and after overflow, and never hands the same delivery to two workers.
@Suite struct SinkQueueTests {
    let t0 = SpoolFixtures.t0

    /// Accepts events `ids` for the sink `s` and returns their deliveries as ingest offers them.
    func accept(_ ids: [String], into spool: Spool, at time: Date) async throws -> [DueDelivery] {
        var offered: [DueDelivery] = []
        for id in ids {
            let (event, deliveries) = SpoolFixtures.delivering(id, to: ["s"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: time)
            offered.append(DueDelivery(id: deliveries[0].id, eventID: id, sink: "s", attempts: 0, createdAt: time, firstAttemptAt: nil, event: event))
        }
        return offered
    }

    /// Records a delivered attempt and releases the delivery, as the recorder does.
    func deliver(_ delivery: DueDelivery, queue: SinkQueue, spool: Spool, at time: Date) async throws {
        try await spool.record(SpoolFixtures.attempt(delivery.id, event: delivery.eventID, sink: "s", 1, status: 200, at: time), update: .delivered)
        queue.finish(delivery.id)
    }

    func takeAll(_ queue: SinkQueue, now: Date) async throws -> [DueDelivery] {
        var taken: [DueDelivery] = []
        while let next = try await queue.take(now: now) { taken.append(next) }
        return taken
    }

    @Test func catchesUpWithTheSpoolThenHandsOutOffersFromMemoryEachOnce() async throws {
        let spool = try Spool.inMemory()
        _ = try await accept(["e0", "e1"], into: spool, at: t0)
        let queue = SinkQueue(sink: "s", spool: spool)
        let first = try await takeAll(queue, now: t0 + 1)
        #expect(first.map(\.id) == ["e0-s", "e1-s"])
        for delivery in first { try await deliver(delivery, queue: queue, spool: spool, at: t0 + 1) }
        // Not in the spool: only memory can hand these out.
        let (event, _) = SpoolFixtures.delivering("m0", to: ["s"])
        let inMemory = ["m0-s", "m1-s"].map { DueDelivery(id: $0, eventID: "m0", sink: "s", attempts: 0, createdAt: t0, firstAttemptAt: nil, event: event) }
        queue.offer(inMemory)
        queue.offer([inMemory[0], first[0]])  // queued already; finished already
        let taken = try await takeAll(queue, now: t0 + 2)
        #expect(taken.map(\.id) == ["m0-s", "m1-s"])
        queue.offer([inMemory[1]])  // in flight
        #expect(try await queue.take(now: t0 + 2) == nil)
    }

    @Test func offersBeyondCapacityAreReadBackFromTheSpoolInOrder() async throws {
        let spool = try Spool.inMemory()
        let queue = SinkQueue(sink: "s", spool: spool, capacity: 3)
        #expect(try await queue.take(now: t0) == nil)  // the first catch-up: nothing pending
        queue.offer(try await accept(["e0", "e1", "e2", "e3", "e4"], into: spool, at: t0))
        let fromMemory = try await takeAll(queue, now: t0 + 1)
        #expect(fromMemory.map(\.id) == ["e0-s", "e1-s", "e2-s", "e3-s", "e4-s"])
        // Caught up: offers come from memory again.
        let later = try await accept(["e5"], into: spool, at: t0 + 1)
        queue.offer(later)
        for delivery in fromMemory { try await deliver(delivery, queue: queue, spool: spool, at: t0 + 2) }
        #expect(try await takeAll(queue, now: t0 + 2).map(\.id) == ["e5-s"])
    }

    @Test func aRetryComesBackFromTheSpoolWhenDueEvenWhileOffersKeepComing() async throws {
        let spool = try Spool.inMemory()
        let queue = SinkQueue(sink: "s", spool: spool)
        #expect(try await queue.take(now: t0) == nil)
        let first = try #require(try await accept(["e0"], into: spool, at: t0).first)
        queue.offer([first])
        let taken = try #require(try await queue.take(now: t0))
        try await spool.record(SpoolFixtures.attempt(taken.id, event: "e0", sink: "s", 1, status: 503, at: t0), update: .retry(at: t0 + 30))
        queue.finish(taken.id, retryAt: t0 + 30)
        #expect(queue.idleWait(cap: .seconds(60), now: t0) <= .milliseconds(30_001))
        queue.offer(try await accept(["e1"], into: spool, at: t0 + 10))
        #expect(try await queue.take(now: t0 + 10).map(\.id) == "e1-s")
        queue.offer(try await accept(["e2"], into: spool, at: t0 + 31))
        let due = try await takeAll(queue, now: t0 + 31)
        #expect(Set(due.map(\.id)) == ["e0-s", "e2-s"])
        #expect(due.first { $0.id == "e0-s" }?.attempts == 1)
    }

    @Test func anAbandonedDeliveryIsReadAgain() async throws {
        let spool = try Spool.inMemory()
        let queue = SinkQueue(sink: "s", spool: spool)
        _ = try await accept(["e0"], into: spool, at: t0)
        let taken = try #require(try await queue.take(now: t0))
        #expect(try await queue.take(now: t0) == nil)
        queue.abandon(taken.id)
        #expect(try await queue.take(now: t0).map(\.id) == "e0-s")
    }

    @Test func whileHeldNothingIsHandedOutAndOffersWaitInTheSpool() async throws {
        let spool = try Spool.inMemory()
        let queue = SinkQueue(sink: "s", spool: spool)
        #expect(try await queue.take(now: t0) == nil)  // caught up: offers are buffered from now on
        queue.hold()
        queue.offer(try await accept(["e0", "e1"], into: spool, at: t0))
        #expect(try await queue.take(now: t0 + 1) == nil)
        #expect(queue.inFlight.isEmpty)
        // Retired while held: had the offer been buffered, it would be handed out after the release.
        #expect(try await spool.retire(sink: "s", excluding: [], now: t0 + 1) == 2)
        let (event, deliveries) = SpoolFixtures.delivering("e2", to: ["s"])
        try await spool.accept([event], deliveries: deliveries, receivedAt: t0 + 1)
        queue.release()
        #expect(try await takeAll(queue, now: t0 + 2).map(\.id) == ["e2-s"])  // read from the spool
    }

    @Test func aSpoolReadThatAHoldOverlappedIsThrownAway() async throws {
        let spool = try Spool.inMemory()
        _ = try await accept(["e0", "e1"], into: spool, at: t0)
        let window = OneShot()
        let queue = SinkQueue(sink: "s", spool: spool, afterSpoolRead: { await window.run() })
        // While the first read is under way (it lists e0 and e1), an operator retires the
        // backlog: hold, retire, release, all before the read's result comes back.
        window.set {
            queue.hold()
            _ = try? await spool.retire(sink: "s", excluding: [], now: self.t0 + 1)
            queue.release()
        }
        #expect(try await queue.take(now: t0 + 2) == nil, "a retired delivery was handed out")
        #expect(try await takeAll(queue, now: t0 + 3).isEmpty)
        #expect(try await spool.counts(sink: "s").dead == 2)
    }
}

/// An action that runs once, the first time `run` is called after `set`.
private final class OneShot: Sendable {
    private let action = Mutex<(@Sendable () async -> Void)?>(nil)

    func set(_ action: @escaping @Sendable () async -> Void) {
        self.action.withLock { $0 = action }
    }

    func run() async {
        let action = self.action.withLock { action in
            defer { action = nil }
            return action
        }
        await action?()
    }
}
