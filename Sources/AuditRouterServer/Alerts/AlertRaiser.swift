import AuditRouter
import Foundation
import Synchronization

/// Collects the operator alerts dispatchers raise, for `AlertService` to commit. Raising never
/// waits (dispatchers raise from their work loops); dead letters are grouped per sink first
/// (`DeadLetterGrouping`).
final class AlertRaiser: Sendable {
    private struct State {
        var queued: [OperatorAlert] = []
        var grouping = DeadLetterGrouping()
    }

    private let state = Mutex(State())
    /// Woken when an alert is queued or a dead letter grouped.
    let signal = WakeSignal()
    private let groupInterval: @Sendable () -> Duration

    /// `groupInterval` gives `alerting.group_interval` of the configuration in force.
    init(groupInterval: @escaping @Sendable () -> Duration) {
        self.groupInterval = groupInterval
    }

    /// Queues `alert` to be committed.
    func raise(_ alert: OperatorAlert) {
        state.withLock { $0.queued.append(alert) }
        signal.wake()
    }

    /// Notes that a delivery to `sink` failed for good; raises or groups its `delivery:dead` alert.
    func deadLetter(_ letter: DeadLetter, sink: String, at date: Date = Date()) {
        let interval = groupInterval()
        state.withLock { state in
            if let alert = state.grouping.add(letter, sink: sink, at: date, now: .now, interval: interval) {
                state.queued.append(alert)
            }
        }
        signal.wake()
    }

    /// The alerts to commit now, in the order raised: those queued, then the grouped ones whose
    /// interval is over (with `flushAll`, every grouped one).
    func take(flushAll: Bool = false) -> [OperatorAlert] {
        let interval = groupInterval()
        return state.withLock { state in
            let alerts = state.queued + state.grouping.due(now: .now, interval: interval, flushAll: flushAll)
            state.queued = []
            return alerts
        }
    }

    /// Puts back alerts that could not be committed, ahead of those raised since.
    func putBack(_ alerts: [OperatorAlert]) {
        state.withLock { $0.queued.insert(contentsOf: alerts, at: 0) }
    }

    /// How long to wait for the next alert: until the next grouped one falls due, at most `cap`.
    func idleWait(cap: Duration) -> Duration {
        let interval = groupInterval()
        guard let due = state.withLock({ $0.grouping.nextDue(interval: interval) }) else { return cap }
        return min(cap, max(.zero, due - .now))
    }
}
