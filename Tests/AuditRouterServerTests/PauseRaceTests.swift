import AuditRouter
import Foundation
import GoTemplate
import Logging
import Testing

@testable import AuditRouterServer

/// Ingest decides whether a sink is paused inside its commit; pauses and resumes come at any time.
@Suite struct PauseRaceTests {
    /// A runtime whose one sink, `hook`, runs no workers (nothing is attempted), on a spool in memory.
    static func runtime() throws -> (RouterRuntime, Spool, HTTPTransport) {
        let spool = try Spool.inMemory()
        let transport = HTTPTransport()
        let configuration = RouterConfiguration(
            server: ServerSettings(port: 0), spool: SpoolSettings(path: ":memory:"), sinks: [try adminSink("hook", url: "http://127.0.0.1:9/hook")])
        let runtime = RouterRuntime(configuration: configuration, configurationPath: nil, spool: spool, transport: transport, logger: Logger(label: "test"))
        return (runtime, spool, transport)
    }

    @Test("deliveries committed pending just after their sink was paused are parked when offered")
    func deliveriesCommittedDuringAPauseAreParked() async throws {
        let (runtime, spool, transport) = try Self.runtime()
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
        let (runtime, spool, transport) = try Self.runtime()
        var ingested = 0
        for round in 0..<20 {
            _ = try await runtime.pause(sink: "hook")
            try await withThrowingTaskGroup { group in
                for index in 0..<16 {
                    group.addTask {
                        let event = SpoolFixtures.event("r\(round)-\(index)")
                        let generation = runtime.current
                        let routed = generation.router.route([event])
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

    @Test("an attempt in flight at a pause that ends in a retry is parked soon after, not left pending toward max_pending")
    func aRetryRecordedAfterThePauseIsParked() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .serviceUnavailable, delay: .milliseconds(800)) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: receiver.url + "/hook", maxAttempts: 100)])
        _ = try await router.ingest()
        _ = await receiver.waitFor { $0.count == 1 }  // the attempt is under way
        let pause = try await router.post("/v1/admin/sinks/hook/pause")
        #expect(pause.json["parked"].integer == 0, "\(pause.text)")  // in flight: left to record its own outcome
        let counters = try await router.waitFor("/v1/admin/sinks") { $0["sinks"][0]["counters"]["parked"].integer == 1 }
        #expect(counters["sinks"][0]["counters"]["pending"].integer == 0)
        #expect(await receiver.requests().count == 1)  // no attempt while paused
        await router.stop()
    }

    @Test("a receiver answering 410 Gone pauses its sink at once: the next events are parked, not sent")
    func goneReceiverPausesTheSink() async throws {
        let receiver = try await TestReceiver.start { _, _ in ReceiverReply(status: .gone) }
        defer { receiver.stop() }
        let router = try await AdminRouter.start(sinks: [try adminSink("hook", url: receiver.url + "/hook", maxAttempts: 5)])
        _ = try await router.ingest()
        let sinks = try await router.waitFor("/v1/admin/sinks") { $0["sinks"][0]["state"].text == "paused" }
        #expect(sinks["sinks"][0]["pause_reason"].text == "paused automatically: the receiver answered 410 Gone")
        _ = try await router.ingest()
        let counters = try await router.waitFor("/v1/admin/sinks") { $0["sinks"][0]["counters"]["parked"].integer == 1 }
        #expect(counters["sinks"][0]["counters"]["dead"].integer == 2)  // the 410'd one, and the parked one
        #expect(await receiver.requests().count == 1)
        await router.stop()
    }
}
