import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

/// The per-sink counts behind the admin API's counters and the pending-deliveries gauge.
@Suite struct SpoolCountsTests {
    let t0 = SpoolFixtures.t0

    @Test("parked counted among dead letters; the sinks with parked deliveries")
    func parkedCounts() async throws {
        let spool = try Spool.inMemory()
        for i in 0..<3 {
            let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "siem", "a"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0)
        }
        #expect(try await spool.sinksWithParkedDeliveries() == [])
        try await spool.record(SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 400, at: t0 + 1), update: .dead(reason: "HTTP 400"))
        #expect(try await spool.park(sink: "slack", excluding: [], now: t0 + 2, while: { true }) == 2)
        #expect(try await spool.park(sink: "a", excluding: ["e0-a", "e1-a"], now: t0 + 2, while: { true }) == 1)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 0, retrying: 0, delivered: 0, dead: 3, parked: 2))
        #expect(try await spool.counts(sink: "siem") == Spool.SinkCounts(pending: 3))
        #expect(try await spool.sinksWithParkedDeliveries() == ["a", "slack"])
        // Retired, parked deliveries are dead letters like any other.
        #expect(try await spool.retire(sink: "slack", excluding: [], now: t0 + 3) == 2)
        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(dead: 3))
        #expect(try await spool.sinksWithParkedDeliveries() == ["a"])
    }

    @Test("counts by state, retrying among pending, pending alone, and whether a sink has any delivery")
    func countsPerSink() async throws {
        let spool = try Spool.inMemory()
        for i in 0..<4 {
            let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "siem"])
            try await spool.accept([event], deliveries: deliveries, receivedAt: t0)
        }
        try await spool.record(SpoolFixtures.attempt("e0-slack", event: "e0", sink: "slack", 1, status: 200, at: t0 + 1), update: .delivered)
        try await spool.record(SpoolFixtures.attempt("e1-slack", event: "e1", sink: "slack", 1, status: 503, at: t0 + 1), update: .retry(at: t0 + 60))
        try await spool.record(SpoolFixtures.attempt("e2-slack", event: "e2", sink: "slack", 1, status: 400, at: t0 + 1), update: .dead(reason: "HTTP 400"))

        #expect(try await spool.counts(sink: "slack") == Spool.SinkCounts(pending: 2, retrying: 1, delivered: 1, dead: 1))
        #expect(try await spool.counts(sink: "siem") == Spool.SinkCounts(pending: 4, retrying: 0, delivered: 0, dead: 0))
        #expect(try await spool.counts(sink: "gone") == Spool.SinkCounts())
        #expect(spool.pendingCounts() == ["slack": 2, "siem": 4])
        #expect(spool.pendingCount(sinks: ["slack"]) == 2 && spool.pendingCount(sinks: ["siem", "gone"]) == 4 && spool.pendingCount() == 6)
        // The counts kept in memory are those of the file, as a new spool reads them.
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        let onDisk = try Spool(path: path)
        for i in 0..<3 {
            let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: ["slack", "siem"])
            try await onDisk.accept([event], deliveries: deliveries, receivedAt: t0)
        }
        try await onDisk.record(SpoolFixtures.attempt("e0-siem", event: "e0", sink: "siem", 1, status: 200, at: t0 + 1), update: .delivered)
        // An attempt naming another sink than its delivery's is refused, and counts nothing.
        await #expect(throws: SpoolError.notPending("e1-siem")) {
            try await onDisk.record(SpoolFixtures.attempt("e1-siem", event: "e1", sink: "slack", 1, status: 200, at: t0 + 1), update: .delivered)
        }
        #expect(try Spool(path: path).pendingCounts() == ["slack": 3, "siem": 2])
        #expect(onDisk.pendingCounts() == ["slack": 3, "siem": 2])
        #expect(try await spool.hasDeliveries(sink: "slack"))
        #expect(try await !spool.hasDeliveries(sink: "gone"))
    }
}
