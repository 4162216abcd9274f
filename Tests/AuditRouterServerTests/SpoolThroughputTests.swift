import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

/// Measures `accept` on a spool file: prints figures, asserts only that everything was stored.
@Suite(.serialized) struct SpoolThroughputTests {
    /// `events` single-event accepts from `callers` concurrent tasks, each event for `sinks` sinks.
    func measure(events: Int, callers: Int, sinks: Int, synchronousFull: Bool = false) async throws {
        let path = SpoolFixtures.temporaryPath()
        defer { SpoolFixtures.removeFolder(of: path) }
        let spool = try Spool(path: path, synchronous: synchronousFull ? .full : .normal)
        let sinkNames = (0..<sinks).map { "sink\($0)" }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup { group in
            for caller in 0..<callers {
                group.addTask {
                    for i in stride(from: caller, to: events, by: callers) {
                        let (event, deliveries) = SpoolFixtures.delivering("e\(i)", to: sinkNames)
                        try await spool.accept([event], deliveries: deliveries, receivedAt: Date())
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let transactions = await spool.groupTransactions
        print(String(
            format: "spool accept, synchronous=%@, %d deliveries/event, %d callers: %.0f events/s (%d events in %d transactions, %.1f per commit)",
            synchronousFull ? "FULL" : "NORMAL", sinks, callers, Double(events) / seconds, events, transactions,
            Double(events) / Double(transactions)))
        #expect(spool.pendingCount() == events * sinks)
    }

    @Test(arguments: [1, 3]) func acceptThroughput(sinks: Int) async throws {
        try await measure(events: 1000, callers: 1, sinks: sinks)
        try await measure(events: 5000, callers: 64, sinks: sinks)
    }

    @Test(arguments: [1, 3]) func acceptThroughputWithSynchronousFull(sinks: Int) async throws {
        try await measure(events: 300, callers: 1, sinks: sinks, synchronousFull: true)
        try await measure(events: 5000, callers: 64, sinks: sinks, synchronousFull: true)
    }
}
