import Foundation
import GoTemplate

/// An operator alert about one sink, before it becomes an event. As an event it has Flipt's
/// shape: `type` and `action` from its kind (`sink`/`paused`), actor name `audit-router`, source
/// `audit-router`, status `success`, and a payload holding `key` and `sink` (the sink's name),
/// `description` (one line for people) and the kind's details, so that templates written for
/// audit events (`slack.tmpl` shows `key` and `description`) render alerts as they are.
public struct OperatorAlert: Sendable, Equatable {
    public let kind: AlertKind
    /// The sink the alert is about; it never receives the alert itself.
    public let sink: String
    public let description: String
    /// The kind's fields, after `key`, `sink` and `description` in the payload.
    public let details: ValueMap

    public init(kind: AlertKind, sink: String, description: String, details: ValueMap = ValueMap()) {
        self.kind = kind
        self.sink = sink
        self.description = description
        self.details = details
    }

    /// The alert as an event, with id `id`, raised at `date`.
    public func event(id: String, at date: Date) -> Event {
        let payload = ValueMap([("key", .string(sink)), ("sink", .string(sink)), ("description", .string(description))] + zip(details.keys, details.values))
        return Event(
            id: id, source: nil, type: kind.type, action: kind.action, actor: Actor(name: Event.routerSourceName),
            payload: .map(payload), timestamp: SourceFormat.rfc3339(date))
    }
}

extension OperatorAlert {
    /// `sink:failing`: the last `failures` attempts, since `since`, all failed; the last with `lastError`.
    public static func failing(sink: String, since: Date, failures: Int, lastError: String?) -> OperatorAlert {
        OperatorAlert(
            kind: .sinkFailing, sink: sink,
            description: "the last \(failures) attempts to \(sink) failed (last: \(lastError ?? "unknown error"))",
            details: ValueMap([
                ("failing_since", .string(SourceFormat.rfc3339(since))), ("consecutive_failures", .int64(Int64(failures))),
                ("last_error", lastError.map(Value.string) ?? .null),
            ]))
    }

    /// `sink:recovered`: an attempt succeeded after `failedAttempts` failures in a row since `failingSince`.
    public static func recovered(sink: String, failingSince: Date, failedAttempts: Int) -> OperatorAlert {
        OperatorAlert(
            kind: .sinkRecovered, sink: sink,
            description: "\(sink) delivers again after \(failedAttempts) failed attempts",
            details: ValueMap([
                ("failing_since", .string(SourceFormat.rfc3339(failingSince))), ("failed_attempts", .int64(Int64(failedAttempts))),
            ]))
    }

    /// `sink:paused`: by the admin API, or `automatic`ally after `pause_after` of failures.
    public static func paused(sink: String, reason: String, automatic: Bool) -> OperatorAlert {
        OperatorAlert(
            kind: .sinkPaused, sink: sink, description: reason.hasPrefix("paused") ? "\(sink) \(reason)" : "\(sink) paused: \(reason)",
            details: ValueMap([("reason", .string(reason)), ("automatic", .bool(automatic))]))
    }

    /// `sink:resumed`: the admin API resumed the sink, re-queuing `requeued` parked deliveries.
    public static func resumed(sink: String, requeued: Int) -> OperatorAlert {
        OperatorAlert(
            kind: .sinkResumed, sink: sink, description: "\(sink) resumed; \(requeued) parked deliveries re-queued",
            details: ValueMap([("requeued", .int64(Int64(requeued)))]))
    }

    /// `delivery:dead`: `count` deliveries to `sink` failed for good since `since`; `last` is the latest.
    public static func deadLetters(sink: String, count: Int, since: Date, last: DeadLetter) -> OperatorAlert {
        let what = count == 1 ? "a delivery to \(sink) failed for good" : "\(count) deliveries to \(sink) failed for good"
        return OperatorAlert(
            kind: .deliveryDead, sink: sink, description: "\(what) (last: \(last.error))",
            details: ValueMap([
                ("dead_letters", .int64(Int64(count))), ("since", .string(SourceFormat.rfc3339(since))),
                ("delivery_id", .string(last.deliveryID)), ("event_id", .string(last.eventID)),
                ("event_type", .string(last.eventType)), ("attempts", .int64(Int64(last.attempts))),
                ("status_code", last.statusCode.map { .int64(Int64($0)) } ?? .null), ("error", .string(last.error)),
            ]))
    }

    /// One alert of every kind about a sink named `sink`, for checking and previewing templates
    /// (`validate`, `preview --alert`).
    public static func samples(sink: String = "webhook") -> [OperatorAlert] {
        let at = Date(timeIntervalSince1970: 1_726_541_406)
        return [
            .failing(sink: sink, since: at, failures: 5, lastError: "HTTP 503"),
            .recovered(sink: sink, failingSince: at, failedAttempts: 7),
            .paused(sink: sink, reason: "paused automatically: every attempt failed for 1h (last: HTTP 503)", automatic: true),
            .resumed(sink: sink, requeued: 42),
            .deadLetters(sink: sink, count: 3, since: at, last: DeadLetter(
                deliveryID: "dlv_01J7XKQ8ZV3M2D6T9YB4C5E7FG", eventID: "evt_01J7XKQ8ZT4N5P6Q7R8S9T0V1W", eventType: "flag:deleted",
                attempts: 10, statusCode: 400, error: "HTTP 400")),
        ]
    }
}

/// A delivery that failed for good, as a `delivery:dead` alert names it.
public struct DeadLetter: Sendable, Equatable {
    public let deliveryID: String
    public let eventID: String
    /// The event's `type:action`.
    public let eventType: String
    public let attempts: Int
    /// The last attempt's HTTP status, if it got one.
    public let statusCode: Int?
    /// Why it failed for good.
    public let error: String

    public init(deliveryID: String, eventID: String, eventType: String, attempts: Int, statusCode: Int?, error: String) {
        self.deliveryID = deliveryID
        self.eventID = eventID
        self.eventType = eventType
        self.attempts = attempts
        self.statusCode = statusCode
        self.error = error
    }
}
