import AuditRouter
import Foundation
import GoTemplate
import ServiceLifecycle

/// What the admin API asks of the running router.
extension RouterRuntime {
    /// The health of a running sink's dispatcher; nil for a sink that is disabled or not configured.
    func health(ofSink name: String) -> SinkHealth? {
        current.dispatchers[name]?.currentHealth
    }

    /// Pauses a running sink, parking its pending deliveries; returns how many it parked, nil
    /// when no such sink runs.
    func pause(sink name: String, reason: String = "paused through the admin API") async throws -> Int? {
        guard let dispatcher = current.dispatchers[name] else { return nil }
        let parked = try await dispatcher.pause(reason: reason)
        logger.notice("sink paused", metadata: ["sink.name": "\(name)", "reason": "\(reason)", "parked": "\(parked)"])
        return parked
    }

    /// Resumes a running sink, re-queuing its parked deliveries; returns how many, nil when no
    /// such sink runs.
    func resume(sink name: String) async throws -> Int? {
        guard let dispatcher = current.dispatchers[name] else { return nil }
        let requeued = try await dispatcher.resume()
        logger.notice("sink resumed", metadata: ["sink.name": "\(name)", "requeued": "\(requeued)"])
        return requeued
    }

    /// What retiring a sink's backlog did.
    enum Retirement: Sendable {
        /// The sink runs, paused or not: nothing was retired.
        case running
        /// A reload brought the sink back while the retire waited for attempts under way:
        /// nothing was retired.
        case cameBack
        /// `retired` deliveries became dead letters; `inFlight` attempts still under way after
        /// the wait were left out (each records its own outcome; retiring again takes what a
        /// retry leaves pending).
        case retired(Int, inFlight: Int)
    }

    /// How long, beyond the sink's timeout, `retire` waits for an attempt under way to be recorded.
    static let recordingMargin: Duration = .seconds(5)

    /// Gives up the backlog of a sink that does not run (removed by a reload, or disabled): its
    /// pending deliveries and those a pause parked become dead letters (`Spool.retiredReason`),
    /// readable, replayable once the sink runs again, and pruned after `retain_dead`.
    ///
    /// Attempts under way (of a dispatcher a reload stopped) are waited for, up to the sink's
    /// timeout plus `recordingMargin`, so that one ending in a retry is retired too; the wait
    /// ends early when a reload brings the sink back (then nothing is retired) or the router
    /// shuts down. The sink's queue is held throughout, so no attempt can begin meanwhile: once
    /// the backlog is being retired, it is retired in full, even if a reload brings the sink
    /// back (what ingest commits for it in that moment is retired with the rest).
    func retire(sink name: String) async throws -> Retirement {
        guard current.dispatchers[name] == nil else { return .running }
        let queue = queue(of: name)
        queue.hold()
        defer { queue.release() }
        guard current.dispatchers[name] == nil else { return .running }  // a reload may have started it
        let underWay = queue.inFlight.count
        if underWay > 0 {
            logger.notice("retire waits for attempts under way", metadata: ["sink.name": "\(name)", "in_flight": "\(underWay)"])
        }
        let inFlight = await queue.inFlight(afterWaitingUpTo: queue.attemptTimeout + Self.recordingMargin) {
            current.dispatchers[name] == nil && !Task.isShuttingDownGracefully
        }
        guard current.dispatchers[name] == nil else { return .cameBack }
        let retired = try await spool.retire(sink: name, excluding: inFlight, now: Date())
        queue.dropBuffered()
        if retired > 0 { metrics.deliveryFinished(sink: name, outcome: "retired", count: retired) }
        logger.notice(
            "backlog of a sink that does not run given up as dead letters",
            metadata: ["sink.name": "\(name)", "retired": "\(retired)", "in_flight": "\(inFlight.count)"])
        return .retired(retired, inFlight: inFlight.count)
    }

    /// The result of a test attempt.
    struct TestAttempt: Sendable {
        let outcome: AttemptOutcome
        let duration: Duration
        let deliveryID: String
        let event: Event
    }

    /// Sends a synthetic `test` event to the sink named `name` now, bypassing its filters, and
    /// returns the attempt's result; nothing is stored. Nil when no such sink is configured.
    func testAttempt(sink name: String) async -> TestAttempt? {
        let generation = current
        guard let sink = generation.configuration.sinks.first(where: { $0.name == name }) else { return nil }
        let event = Event(
            id: Identifier.make("evt"), source: .flipt, type: "test", action: "created",
            actor: Actor(authentication: "admin-api", name: "audit-router"),
            payload: .map(ValueMap([("key", .string("audit-router-test")), ("message", .string("a test event sent through the admin API"))])),
            timestamp: ISO8601DateFormatter().string(from: Date()))
        let deliveryID = Identifier.make("dlv")
        let start = ContinuousClock.now
        let outcome: AttemptOutcome
        var duration: Duration = .zero
        do {
            let request = try generation.renderer.render(sink: sink, event: event, deliveryID: deliveryID)
            switch sink.kind {
            case .http:
                (outcome, duration) = await transport.send(request, timeout: sink.timeout, tls: sink.tls)
            case .stdout, .file:
                outcome = await lineWriter.write(request.body, sink: sink)
                duration = ContinuousClock.now - start
            }
        } catch {
            outcome = .rejected(error.message)
        }
        return TestAttempt(outcome: outcome, duration: duration, deliveryID: deliveryID, event: event)
    }
}
