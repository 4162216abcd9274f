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
    /// Since when every attempt has failed (nil after a success).
    public var failingSince: Date?

    public init() {}

    /// Records an attempt's result; returns a pause reason when `pauseAfter` of continuous
    /// failure has just been reached.
    mutating func record(success: Bool, error: String?, at now: Date, pauseAfter: Duration?) -> String? {
        if success {
            lastSuccess = now
            failingSince = nil
            return nil
        }
        lastFailure = now
        lastError = error
        if failingSince == nil { failingSince = now }
        guard let pauseAfter, !paused, let since = failingSince else { return nil }
        let seconds = Double(pauseAfter.components.seconds) + Double(pauseAfter.components.attoseconds) / 1e18
        guard now.timeIntervalSince(since) >= seconds else { return nil }
        paused = true
        pauseReason = "paused automatically: every attempt failed for \(pauseAfter) (last: \(error ?? "unknown error"))"
        return pauseReason
    }
}
