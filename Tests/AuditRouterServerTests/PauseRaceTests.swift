import AuditRouter
import Foundation
import Logging
import Testing

@testable import AuditRouterServer

/// An ingest reads which sinks are paused before it commits; a pause may come in between.
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
}
