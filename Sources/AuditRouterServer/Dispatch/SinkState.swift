import AuditRouter
import Foundation

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

    public init() {}

    /// What one attempt's result changed, for the alerts it raises.
    struct Change: Equatable {
        /// Set when `pauseAfter` of continuous failure has just been reached: why it paused.
        var pauseReason: String?
        /// Set when `failingAfter` failures in a row have just been reached.
        var failing: OperatorAlert?
        /// Set at the first success after `failing` was raised.
        var recovered: OperatorAlert?
    }

    /// Records an attempt's result on `sink`.
    mutating func record(
        success: Bool, error: String?, at now: Date, sink: String, pauseAfter: Duration?, failingAfter: Int
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
        if !failingRaised, consecutiveFailures >= failingAfter {
            failingRaised = true
            change.failing = .failing(sink: sink, since: streakSince ?? now, failures: consecutiveFailures, lastError: error)
        }
        guard let pauseAfter, !paused, let since = failingSince else { return change }
        let seconds = Double(pauseAfter.components.seconds) + Double(pauseAfter.components.attoseconds) / 1e18
        guard now.timeIntervalSince(since) >= seconds else { return change }
        paused = true
        pauseReason = "paused automatically: every attempt failed for \(pauseAfter) (last: \(error ?? "unknown error"))"
        change.pauseReason = pauseReason
        return change
    }
}
