import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

/// Ingest receipts: a request accepted with its sender's id is stored once.
@Suite struct SpoolReceiptTests {
    let t0 = SpoolFixtures.t0

    @Test("a receipt is recorded with its events, a second accept with it stores nothing, and retention prunes it")
    func receiptsAreRecordedOnceAndPruned() async throws {
        let spool = try Spool.inMemory()
        let receipt = IngestReceipt(source: "goflagship", deliveryID: "dlv-1")
        #expect(try await spool.acceptedEvents(for: receipt) == nil)
        let (first, firstDeliveries) = SpoolFixtures.delivering("e1", to: ["slack"])
        try await spool.accept([first], deliveries: firstDeliveries, receivedAt: t0, receipt: receipt)
        #expect(try await spool.acceptedEvents(for: receipt) == ["e1"])
        // The same receipt again (a retry that raced the first): refused whole, nothing stored or counted.
        let (retry, retryDeliveries) = SpoolFixtures.delivering("e2", to: ["slack"])
        await #expect(throws: SpoolError.duplicate("dlv-1")) {
            try await spool.accept([retry], deliveries: retryDeliveries, receivedAt: t0, receipt: receipt)
        }
        #expect(try await spool.event(id: "e2") == nil)
        #expect(spool.pendingCount() == 1)
        // Another source's id may be the same text.
        let other = IngestReceipt(source: "gofeatureflag", deliveryID: "dlv-1")
        try await spool.accept([retry], deliveries: retryDeliveries, receivedAt: t0 + 10, receipt: other)
        #expect(try await spool.acceptedEvents(for: other) == ["e2"])

        let pruned = try await spool.prune(deliveredBefore: t0 + 5, deadBefore: t0)
        #expect(pruned.receipts == 1)
        #expect(try await spool.acceptedEvents(for: receipt) == nil)
        #expect(try await spool.acceptedEvents(for: other) == ["e2"])
    }
}
