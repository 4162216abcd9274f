import AuditRouter
import Foundation

/// A delivery to store with its event in `Spool.accept`: pending, due at once (parked when its
/// sink is paused), or a dead letter from the start when it has a `deadReason`.
public struct NewDelivery: Sendable, Equatable {
    /// The delivery id, stable across retries.
    public var id: String
    public var eventID: String
    public var sink: String
    /// Why the delivery cannot be attempted (its sink's `when` template failed); nil for a
    /// delivery to attempt.
    public var deadReason: String?

    public init(id: String, eventID: String, sink: String, deadReason: String? = nil) {
        self.id = id
        self.eventID = eventID
        self.sink = sink
        self.deadReason = deadReason
    }
}

/// A pending delivery whose time has come, with its event, as `Spool.due` returns it.
public struct DueDelivery: Sendable, Equatable {
    public var id: String
    public var eventID: String
    public var sink: String
    /// Attempts made so far (reset to 0 by a replay); the next attempt's number is `attempts + 1`.
    public var attempts: Int
    /// When the event was accepted.
    public var createdAt: Date
    /// When the first attempt of the current attempt budget was made; nil before it. A replay
    /// resets it, so a retry policy's `max_elapsed` should count from here.
    public var firstAttemptAt: Date?
    public var event: Event
}

/// One attempt to deliver, as `Spool.record` logs it.
public struct AttemptRow: Sendable, Equatable {
    public var deliveryID: String
    public var eventID: String
    public var sink: String
    /// The attempt's number: 1 for the first.
    public var attempt: Int
    /// The HTTP status code, when a response arrived.
    public var statusCode: Int?
    /// What went wrong, if anything (connection error, timeout, non-2xx, template error).
    public var error: String?
    public var duration: Duration
    /// When the attempt started.
    public var at: Date

    public init(
        deliveryID: String, eventID: String, sink: String, attempt: Int, statusCode: Int?, error: String?,
        duration: Duration, at: Date
    ) {
        self.deliveryID = deliveryID
        self.eventID = eventID
        self.sink = sink
        self.attempt = attempt
        self.statusCode = statusCode
        self.error = error
        self.duration = duration
        self.at = at
    }
}

/// What an attempt does to its delivery, in `Spool.record`.
public enum DeliveryUpdate: Sendable, Equatable {
    /// Delivered (a 2xx response): never attempted again.
    case delivered
    /// Failed for now: pending again, due at the given time.
    case retry(at: Date)
    /// Failed for good: a dead letter, whose last error is `reason`.
    case dead(reason: String)
}
