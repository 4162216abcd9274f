import AuditRouter
import Foundation
import Testing

@testable import AuditRouterServer

/// The state behind operator alerts: a sink's failing and recovered transitions, and the grouping
/// of dead letters, with the clock given.
@Suite struct AlertStateTests {
    static let letter = DeadLetter(deliveryID: "dlv_1", eventID: "evt_1", eventType: "flag:created", attempts: 1, statusCode: 400, error: "HTTP 400")

    func letter(_ n: Int) -> DeadLetter {
        DeadLetter(deliveryID: "dlv_\(n)", eventID: "evt_\(n)", eventType: "flag:created", attempts: 1, statusCode: 400, error: "HTTP 400 #\(n)")
    }

    @Test func failingIsRaisedOnceAtTheThresholdAndRecoveredAtTheNextSuccess() {
        var health = SinkHealth()
        let start = Date(timeIntervalSince1970: 1000)
        func record(_ success: Bool, at second: Double) -> SinkHealth.Change {
            health.record(
                success: success, error: success ? nil : "HTTP 503", at: start + second, sink: "s", pauseAfter: nil,
                alerting: AlertingSettings(failingAfter: 3, groupInterval: .seconds(1)))
        }
        #expect(record(false, at: 0) == SinkHealth.Change())
        #expect(record(false, at: 1) == SinkHealth.Change())
        let third = record(false, at: 2)
        #expect(third.failing == .failing(sink: "s", since: start, failures: 3, lastError: "HTTP 503"))
        #expect(record(false, at: 3) == SinkHealth.Change(), "raised once per streak")
        #expect(health.consecutiveFailures == 4)
        let success = record(true, at: 4)
        #expect(success.recovered == .recovered(sink: "s", failingSince: start, failedAttempts: 4))
        #expect(health.consecutiveFailures == 0)
        // A short streak, under the threshold, raises neither.
        #expect(record(false, at: 5) == SinkHealth.Change())
        #expect(record(true, at: 6) == SinkHealth.Change())
    }

    @Test func aFlappingSinkRaisesFailingAtMostOncePerGroupInterval() {
        var health = SinkHealth()
        let start = Date(timeIntervalSince1970: 1000)
        let alerting = AlertingSettings(failingAfter: 2, groupInterval: .seconds(60))
        var raised: [String] = []
        // Two failures and a success every 10 s: a streak long enough to alert, each time.
        for cycle in 0..<12 {
            let at = start + Double(cycle * 10)
            for (offset, success) in [(0.0, false), (1.0, false), (2.0, true)] {
                let change = health.record(
                    success: success, error: success ? nil : "HTTP 429", at: at + offset, sink: "s", pauseAfter: nil, alerting: alerting)
                if change.failing != nil { raised.append("failing@\(cycle * 10)") }
                if change.recovered != nil { raised.append("recovered@\(cycle * 10)") }
            }
        }
        #expect(raised == ["failing@0", "recovered@0", "failing@60", "recovered@60"])
    }

    @Test func aPauseComesWithTheFailuresThatCausedIt() {
        var health = SinkHealth()
        let start = Date(timeIntervalSince1970: 1000)
        let alerting = AlertingSettings(failingAfter: 1)
        _ = health.record(success: false, error: "HTTP 500", at: start, sink: "s", pauseAfter: .seconds(10), alerting: alerting)
        let change = health.record(success: false, error: "HTTP 500", at: start + 10, sink: "s", pauseAfter: .seconds(10), alerting: alerting)
        #expect(change.failing == nil)
        #expect(change.pauseReason == "paused automatically: every attempt failed for 10.0 seconds (last: HTTP 500)")
        #expect(health.paused)
    }

    @Test("410 Gone pauses the sink at once, with or without pause_after")
    func gonepausesAtOnce() {
        var health = SinkHealth()
        let change = health.record(
            success: false, error: "HTTP 410", at: Date(timeIntervalSince1970: 1000), sink: "s", pauseAfter: nil, alerting: AlertingSettings(), gone: true)
        #expect(change.pauseReason == "paused automatically: the receiver answered 410 Gone")
        #expect(health.paused)
        let again = health.record(
            success: false, error: "HTTP 410", at: Date(timeIntervalSince1970: 1001), sink: "s", pauseAfter: nil, alerting: AlertingSettings(), gone: true)
        #expect(again.pauseReason == nil, "paused already")
    }

    @Test func theFirstDeadLetterAlertsAtOnceAndTheRestAreGroupedPerInterval() {
        var grouping = DeadLetterGrouping()
        let t0 = ContinuousClock.now
        let interval = Duration.seconds(60)
        let date = Date(timeIntervalSince1970: 0)
        let first = grouping.add(letter(1), sink: "a", at: date, now: t0, interval: interval)
        #expect(first?.details["dead_letters"] == .int64(1))
        #expect(grouping.add(letter(2), sink: "a", at: date + 1, now: t0 + .seconds(1), interval: interval) == nil)
        #expect(grouping.add(letter(3), sink: "a", at: date + 2, now: t0 + .seconds(2), interval: interval) == nil)
        // Another sink has its own group.
        #expect(grouping.add(letter(4), sink: "b", at: date + 2, now: t0 + .seconds(2), interval: interval) != nil)
        #expect(grouping.nextDue(interval: interval) == t0 + interval)
        #expect(grouping.due(now: t0 + .seconds(59), interval: interval).isEmpty)
        let grouped = grouping.due(now: t0 + .seconds(60), interval: interval)
        #expect(grouped == [.deadLetters(sink: "a", count: 2, since: date + 1, last: letter(3))])
        #expect(grouping.nextDue(interval: interval) == nil)
        // Within the interval of the grouped alert, letters wait again.
        #expect(grouping.add(letter(5), sink: "a", at: date + 70, now: t0 + .seconds(70), interval: interval) == nil)
        #expect(grouping.due(now: t0 + .seconds(70), interval: interval, flushAll: true) == [
            .deadLetters(sink: "a", count: 1, since: date + 70, last: letter(5)),
        ])
    }

    @Test func afterAQuietIntervalTheNextDeadLetterAlertsAtOnceWithAnyStillHeld() {
        var grouping = DeadLetterGrouping()
        let t0 = ContinuousClock.now
        let interval = Duration.seconds(60)
        let date = Date(timeIntervalSince1970: 0)
        _ = grouping.add(letter(1), sink: "a", at: date, now: t0, interval: interval)
        _ = grouping.add(letter(2), sink: "a", at: date + 5, now: t0 + .seconds(5), interval: interval)
        // `due` did not run in time: the held letter goes out with the new one.
        let late = grouping.add(letter(3), sink: "a", at: date + 90, now: t0 + .seconds(90), interval: interval)
        #expect(late == .deadLetters(sink: "a", count: 2, since: date + 5, last: letter(3)))
        // A quiet interval forgets the group: the next letter alerts at once.
        #expect(grouping.due(now: t0 + .seconds(150), interval: interval).isEmpty)
        #expect(grouping.add(letter(4), sink: "a", at: date + 151, now: t0 + .seconds(151), interval: interval) != nil)
    }
}
