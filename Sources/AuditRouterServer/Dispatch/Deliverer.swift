import AuditRouter
import Foundation
import Logging

/// Makes one delivery attempt: render the request, send it (HTTP, stdout or file), and decide
/// what happens next with the sink's retry policy. Recording the attempt is the
/// `AttemptRecorder`'s job; `recorded` then reports it in metrics and logs.
struct Deliverer: Sendable {
    let renderer: RequestRenderer
    let transport: HTTPTransport
    let lineWriter: LineSinkWriter
    let metrics: RouterMetrics
    let alerts: AlertRaiser
    let logger: Logger

    /// An attempt made, to be recorded.
    struct Report: Sendable {
        let job: DueDelivery
        let row: AttemptRow
        let decision: RetryDecision
        let outcome: AttemptOutcome

        /// The delivery's new state in the spool.
        var update: DeliveryUpdate {
            switch decision {
            case .delivered: .delivered
            case .retry(let at): .retry(at: at)
            case .dead(let reason): .dead(reason: reason)
            }
        }

        var succeeded: Bool { outcome.classification == .success }
    }

    func attempt(_ job: DueDelivery, sink: SinkConfiguration) async -> Report {
        let started = Date()
        let attemptNumber = job.attempts + 1
        let firstAttemptAt = job.firstAttemptAt ?? started
        let outcome: AttemptOutcome
        var elapsed: Duration = .zero
        do {
            let request = try renderer.render(sink: sink, event: job.event, deliveryID: job.id, now: started)
            switch sink.kind {
            case .http:
                (outcome, elapsed) = await transport.send(request, timeout: sink.timeout, tls: sink.tls)
            case .stdout, .file:
                let clock = ContinuousClock.now
                outcome = await lineWriter.write(request.body, sink: sink)
                elapsed = ContinuousClock.now - clock
            }
        } catch {
            outcome = .rejected(error.message)
        }
        let decision = RetryPolicy.decide(
            settings: sink.retry, outcome: outcome, attempt: attemptNumber, firstAttemptAt: firstAttemptAt, now: Date())
        let row = AttemptRow(
            deliveryID: job.id, eventID: job.eventID, sink: sink.name, attempt: attemptNumber,
            statusCode: outcome.status, error: outcome.classification == .success ? nil : outcome.summary, duration: elapsed, at: started)
        return Report(job: job, row: row, decision: decision, outcome: outcome)
    }

    /// Counts and logs an attempt once it is recorded.
    func recorded(_ report: Report) {
        let sink = report.row.sink, elapsed = report.row.duration
        switch report.decision {
        case .delivered:
            metrics.attemptFinished(sink: sink, outcome: "delivered", duration: elapsed)
            metrics.deliveryFinished(sink: sink, outcome: "delivered")
            logger.debug("delivered", metadata: logMetadata(report))
        case .retry(let at):
            metrics.attemptFinished(sink: sink, outcome: "retry", duration: elapsed)
            logger.info("attempt failed; will retry", metadata: logMetadata(report, error: report.outcome.summary, next: at))
        case .dead(let reason):
            metrics.attemptFinished(sink: sink, outcome: "dead", duration: elapsed)
            metrics.deliveryFinished(sink: sink, outcome: "dead")
            logger.warning("delivery failed for good", metadata: logMetadata(report, error: reason))
            // An alert's own dead delivery raises none: two dead alert sinks would alert each other forever.
            if !report.job.event.isOperatorAlert {
                alerts.deadLetter(DeadLetter(
                    deliveryID: report.job.id, eventID: report.job.eventID, eventType: report.job.event.nounVerb,
                    attempts: report.row.attempt, statusCode: report.outcome.status, error: reason), sink: sink)
            }
        }
    }

    /// Logs an attempt that could not be recorded (the spool failed, or the delivery was no longer pending).
    func notRecorded(_ report: Report, error: String) {
        logger.error("could not record attempt; the delivery stays as the spool has it", metadata: logMetadata(report, error: error))
    }

    private func logMetadata(_ report: Report, error: String? = nil, next: Date? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "event.id": "\(report.job.eventID)", "sink.name": "\(report.row.sink)", "delivery.id": "\(report.job.id)",
            "delivery.attempt": "\(report.row.attempt)",
        ]
        if let error { metadata["error"] = "\(error)" }
        if let next { metadata["delivery.next_attempt"] = "\(next)" }
        return metadata
    }
}
