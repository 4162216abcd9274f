import AuditRouter
import Foundation

/// Groups each sink's dead letters into `delivery:dead` alerts, as Alertmanager groups
/// notifications: the first dead letter of a sink raises an alert at once; those that follow
/// within `interval` of the last alert are counted, and raised together as one alert (with the
/// count, the time of the first and the details of the latest) when the interval is over. A sink
/// whose every delivery dies thus raises one alert per interval, not one per event.
struct DeadLetterGrouping {
    private struct Group {
        /// When the sink's last `delivery:dead` alert was raised.
        var lastAlert: ContinuousClock.Instant
        /// Dead letters since then, not yet in an alert.
        var held = 0
        var heldSince = Date.distantPast
        var latest: DeadLetter?
    }

    private var groups: [String: Group] = [:]

    /// Notes a dead letter of `sink`; returns the alert to raise now, if any.
    mutating func add(_ letter: DeadLetter, sink: String, at date: Date, now: ContinuousClock.Instant, interval: Duration) -> OperatorAlert? {
        if var group = groups[sink], now < group.lastAlert + interval {
            if group.held == 0 { group.heldSince = date }
            group.held += 1
            group.latest = letter
            groups[sink] = group
            return nil
        }
        // Held letters whose interval ended before `due` came round go out with this one.
        let held = groups[sink].flatMap { $0.held > 0 ? $0 : nil }
        groups[sink] = Group(lastAlert: now)
        return .deadLetters(sink: sink, count: (held?.held ?? 0) + 1, since: held?.heldSince ?? date, last: letter)
    }

    /// The grouped alerts whose interval is over at `now` (all of them with `flushAll`), in sink
    /// order; groups with nothing held and an interval over are forgotten.
    mutating func due(now: ContinuousClock.Instant, interval: Duration, flushAll: Bool = false) -> [OperatorAlert] {
        var alerts: [OperatorAlert] = []
        for sink in groups.keys.sorted() {
            guard let group = groups[sink], flushAll || now >= group.lastAlert + interval else { continue }
            if group.held > 0, let latest = group.latest {
                alerts.append(.deadLetters(sink: sink, count: group.held, since: group.heldSince, last: latest))
                groups[sink] = Group(lastAlert: now)
            } else {
                groups[sink] = nil
            }
        }
        return alerts
    }

    /// When the next grouped alert falls due; nil when nothing is held.
    func nextDue(interval: Duration) -> ContinuousClock.Instant? {
        groups.values.filter { $0.held > 0 }.map { $0.lastAlert + interval }.min()
    }
}
