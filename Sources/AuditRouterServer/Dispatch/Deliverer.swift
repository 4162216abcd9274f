import AuditRouter
import Foundation
import Logging

/// Makes one delivery attempt: render the request, send it (HTTP, stdout or file), decide what
/// happens next with the sink's retry policy, and record the attempt and the new state together.
struct Deliverer: Sendable {
    let renderer: RequestRenderer
    let transport: HTTPTransport
    let lineWriter: LineSinkWriter
    let spool: Spool
    let metrics: RouterMetrics
    let logger: Logger

    /// What an attempt came to, for the sink's health: nil when it could not be recorded.
    typealias Result = (success: Bool, error: String?)?

    @discardableResult
    func attempt(_ job: DueDelivery, sink: SinkConfiguration) async -> Result {
        let started = Date()
        let attemptNumber = job.attempts + 1
        let firstAttemptAt = job.firstAttemptAt ?? started
        let outcome: AttemptOutcome
        var elapsed: Duration = .zero
        do {
            let request = try renderer.render(sink: sink, event: job.event, deliveryID: job.id, now: started)
            switch sink.kind {
            case .http:
                (outcome, elapsed) = await transport.send(request, timeout: sink.timeout)
            case .stdout, .file:
                let clock = ContinuousClock.now
                outcome = lineWriter.write(request.body, sink: sink)
                elapsed = ContinuousClock.now - clock
            }
        } catch {
            outcome = .rejected(error.message)
        }
        let now = Date()
        let decision = RetryPolicy.decide(
            settings: sink.retry, outcome: outcome, attempt: attemptNumber, firstAttemptAt: firstAttemptAt, now: now)
        let update: DeliveryUpdate
        switch decision {
        case .delivered: update = .delivered
        case .retry(let at): update = .retry(at: at)
        case .dead(let reason): update = .dead(reason: reason)
        }
        let row = AttemptRow(
            deliveryID: job.id, eventID: job.eventID, sink: sink.name, attempt: attemptNumber,
            statusCode: outcome.status, error: outcome.classification == .success ? nil : outcome.summary, duration: elapsed, at: started)
        do {
            try await spool.record(row, update: update)
        } catch {
            logger.error("could not record attempt; the delivery stays pending", metadata: logMetadata(job, sink, attemptNumber, error: "\(error)"))
            return nil
        }
        switch decision {
        case .delivered:
            metrics.attemptFinished(sink: sink.name, outcome: "delivered", duration: elapsed)
            metrics.deliveryFinished(sink: sink.name, outcome: "delivered")
        case .retry:
            metrics.attemptFinished(sink: sink.name, outcome: "retry", duration: elapsed)
        case .dead:
            metrics.attemptFinished(sink: sink.name, outcome: "dead", duration: elapsed)
            metrics.deliveryFinished(sink: sink.name, outcome: "dead")
        }
        switch decision {
        case .delivered:
            logger.debug("delivered", metadata: logMetadata(job, sink, attemptNumber))
        case .retry(let at):
            logger.info("attempt failed; will retry", metadata: logMetadata(job, sink, attemptNumber, error: outcome.summary, next: at))
        case .dead(let reason):
            logger.warning("delivery failed for good", metadata: logMetadata(job, sink, attemptNumber, error: reason))
        }
        return outcome.classification == .success ? (true, nil) : (false, outcome.summary)
    }

    private func logMetadata(_ job: DueDelivery, _ sink: SinkConfiguration, _ attempt: Int, error: String? = nil, next: Date? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "event.id": "\(job.eventID)", "sink.name": "\(sink.name)", "delivery.id": "\(job.id)", "delivery.attempt": "\(attempt)",
        ]
        if let error { metadata["error"] = "\(error)" }
        if let next { metadata["delivery.next_attempt"] = "\(next)" }
        return metadata
    }
}
