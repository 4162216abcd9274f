import AuditRouter
import Foundation
import Logging
import Testing

@testable import AuditRouterServer

/// Ingest decides whether a sink is paused inside its commit; pauses and resumes come at any time.
@Suite struct PauseRaceTests {
    @Test("deliveries committed pending just after their sink was paused are parked when offered")
    func deliveriesCommittedDuringAPauseAreParked() async throws {
        let spool = try Spool.inMemory()
        let transport = HTTPTransport()
        let configuration = RouterConfiguration(
            server: ServerSettings(port: 0), spool: SpoolSettings(path: ":memory:"), sinks: [try adminSink("hook", url: "http://127.0.0.1:9/hook")])
        let runtime = RouterRuntime(configuration: configuration, configurationPath: nil, spool: spool, transport: transport, logger: Logger(label: "test"))
        #expect(try await runtime.pause(sink: "hook") == 0)

        // As an ingest that read "hook" as running: committed pending, then offered.
        let event = SpoolFixtures.event("late")
        try await spool.accept([event], deliveries: [NewDelivery(id: "late-hook", eventID: "late", sink: "hook")], receivedAt: SpoolFixtures.t0)
        #expect(spool.pendingCount() == 1)
        runtime.offer(["hook": [DueDelivery(id: "late-hook", eventID: "late", sink: "hook", attempts: 0, createdAt: SpoolFixtures.t0, firstAttemptAt: nil, event: event)]])

        let deadline = ContinuousClock.now + .seconds(10)
        while spool.pendingCount() > 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(spool.pendingCount() == 0)
        #expect(try await spool.delivery(id: "late-hook")?.lastError == Spool.parkedReason)
        try await transport.shutdown()
    }

    @Test("ingests racing a resume are never left parked: each is parked before the resume re-queues, or committed pending")
    func ingestsRacingAResumeAreNeverStranded() async throws {
        let spool = try Spool.inMemory()
        let transport = HTTPTransport()
        let configuration = RouterConfiguration(
            server: ServerSettings(port: 0), spool: SpoolSettings(path: ":memory:"), sinks: [try adminSink("hook", url: "http://127.0.0.1:9/hook")])
        let runtime = RouterRuntime(configuration: configuration, configurationPath: nil, spool: spool, transport: transport, logger: Logger(label: "test"))
        var ingested = 0
        for round in 0..<20 {
            _ = try await runtime.pause(sink: "hook")
            try await withThrowingTaskGroup { group in
                for index in 0..<16 {
                    group.addTask {
                        let event = SpoolFixtures.event("r\(round)-\(index)")
                        let generation = runtime.current
                        let (routed, _) = generation.router.route([event])
                        _ = try await runtime.admit([event], deliveries: routed, receivedAt: Date(), maxPending: .max, in: generation)
                    }
                }
                group.addTask { _ = try await runtime.resume(sink: "hook") }
                try await group.waitForAll()
            }
            ingested += 16
            let counts = try await spool.counts(sink: "hook")
            #expect(counts.parked == 0, "round \(round): \(counts)")
            #expect(counts.pending == ingested, "round \(round): \(counts)")
        }
        try await transport.shutdown()
    }
}
