import AuditRouter
import Foundation
import Synchronization

/// What a dispatcher knows about its sink's health, for the admin API and auto-pause.
public struct SinkHealth: Sendable, Equatable {
    /// A paused sink makes no attempts; its deliveries are parked in the spool until it is resumed.
    public var paused = false
    /// Why the sink was paused (`"paused by the admin API"`, or the auto-pause reason).
    public var pauseReason: String?
    /// When the last attempt succeeded.
    public var lastSuccess: Date?
    /// When the last attempt failed, and how.
    public var lastFailure: Date?
    public var lastError: String?
    /// Since when every attempt has failed (nil after a success; a resume restarts it).
    public var failingSince: Date?
    /// Attempts failed in a row (0 after a success).
    public var consecutiveFailures = 0
    /// When the failures in a row began, kept for `sink:recovered` (a resume does not restart it).
    private var streakSince: Date?
    /// Whether `sink:failing` was raised for the failures in a row.
    private var failingRaised = false
    /// When `sink:failing` was last raised: at most one per `alerting.group_interval`, so that
    /// a flapping sink cannot flood the alert sinks (nor two flapping alert sinks each other).
    private var lastFailingRaised: Date?

    public init() {}

    /// What one attempt's result changed, for the alerts it raises.
    struct Change: Equatable {
        /// Set when `pauseAfter` of continuous failure has just been reached: why it paused.
        var pauseReason: String?
        /// Set when `alerting.failing_after` failures in a row have just been reached; when the
        /// last `sink:failing` was raised less than `group_interval` before, at the first failure
        /// of the streak after that interval instead.
        var failing: OperatorAlert?
        /// Set at the first success after `failing` was raised.
        var recovered: OperatorAlert?
    }

    /// Records an attempt's result on `sink`.
    mutating func record(
        success: Bool, error: String?, at now: Date, sink: String, pauseAfter: Duration?, alerting: AlertingSettings, gone: Bool = false
    ) -> Change {
        var change = Change()
        if success {
            if failingRaised, let streakSince {
                change.recovered = .recovered(sink: sink, failingSince: streakSince, failedAttempts: consecutiveFailures)
            }
            lastSuccess = now
            failingSince = nil
            streakSince = nil
            consecutiveFailures = 0
            failingRaised = false
            return change
        }
        lastFailure = now
        lastError = error
        if failingSince == nil { failingSince = now }
        if streakSince == nil { streakSince = now }
        consecutiveFailures += 1
        if !failingRaised, consecutiveFailures >= alerting.failingAfter,
            lastFailingRaised.map({ now.timeIntervalSince($0) >= Self.seconds(alerting.groupInterval) }) ?? true {
            failingRaised = true
            lastFailingRaised = now
            change.failing = .failing(sink: sink, since: streakSince ?? now, failures: consecutiveFailures, lastError: error)
        }
        // 410 Gone: the receiver says the endpoint is no more (Standard Webhooks: disable it).
        if gone, !paused {
            paused = true
            pauseReason = "paused automatically: the receiver answered 410 Gone"
            change.pauseReason = pauseReason
            return change
        }
        guard let pauseAfter, !paused, let since = failingSince else { return change }
        guard now.timeIntervalSince(since) >= Self.seconds(pauseAfter) else { return change }
        paused = true
        pauseReason = "paused automatically: every attempt failed for \(pauseAfter) (last: \(error ?? "unknown error"))"
        change.pauseReason = pauseReason
        return change
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A sink's health, shared by its dispatchers across reloads: an attempt that a reload overtook
/// records its result into the same health as the new dispatcher's, so that a pause, a failing
/// streak or a recovery is neither lost nor counted twice.
final class SharedSinkHealth: Sendable {
    private let mutex = Mutex(SinkHealth())

    func withLock<Result>(_ body: (inout SinkHealth) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
