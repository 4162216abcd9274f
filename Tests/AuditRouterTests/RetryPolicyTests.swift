import Foundation
import Testing

@testable import AuditRouter

/// Retry decisions: classification of every outcome, the backoff schedule, jitter, caps,
/// `Retry-After`, max attempts and max elapsed.
@Suite struct RetryPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
    static let noJitter = RetryPolicySettings(
        maxAttempts: 10, initialBackoff: .seconds(1), multiplier: 2, maxBackoff: .seconds(300),
        maxElapsed: .seconds(86_400), jitter: 0)

    /// The wait a retry decision asks for, in seconds; nil when it is not a retry.
    static func wait(
        _ outcome: AttemptOutcome, attempt: Int = 1, settings: RetryPolicySettings = noJitter,
        firstAttemptAt: Date = now, random: Double = 0.5
    ) -> TimeInterval? {
        let decision = RetryPolicy.decide(
            settings: settings, outcome: outcome, attempt: attempt, firstAttemptAt: firstAttemptAt, now: now,
            random: random)
        guard case .retry(let at) = decision else { return nil }
        return at.timeIntervalSince(now)
    }

    static func decide(_ outcome: AttemptOutcome, attempt: Int = 1, settings: RetryPolicySettings = noJitter) -> RetryDecision {
        RetryPolicy.decide(settings: settings, outcome: outcome, attempt: attempt, firstAttemptAt: now, now: now, random: 0.5)
    }

    @Test(arguments: [200, 201, 202, 204, 299])
    func twoHundredsAreDelivered(status: Int) {
        #expect(Self.decide(.response(status: status)) == .delivered)
    }

    @Test(arguments: [300, 301, 302, 303, 304, 307, 308])
    func redirectsAreDeadAtOnce(status: Int) {
        #expect(Self.decide(.response(status: status)) == .dead(reason: "redirect (HTTP \(status)) not followed"))
    }

    @Test(arguments: [100, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 451, 600])
    func otherStatusesAreDeadAtOnce(status: Int) {
        #expect(Self.decide(.response(status: status)) == .dead(reason: "HTTP \(status) is not retryable"))
    }

    @Test(arguments: [408, 425, 429, 500, 501, 502, 503, 504, 599])
    func retryableStatusesAreRetried(status: Int) {
        #expect(Self.wait(.response(status: status)) == 1)
    }

    @Test func timeoutsAndConnectionErrorsAreRetried() {
        #expect(Self.wait(.timeout) == 1)
        #expect(Self.wait(.connectionFailed("connection refused")) == 1)
    }

    @Test func rejectedRequestsAreNeverRetried() {
        #expect(Self.decide(.rejected("invalid URL")) == .dead(reason: "request not sent: invalid URL"))
    }

    @Test func aRetryAfterOnANonRetryableStatusIsIgnored() {
        #expect(Self.decide(.response(status: 404, retryAfter: "5")) == .dead(reason: "HTTP 404 is not retryable"))
    }

    @Test func backoffGrowsExponentiallyUpToTheCap() {
        let waits = (1...12).map { Self.wait(.timeout, attempt: $0, settings: .init(maxAttempts: 20, jitter: 0)) }
        #expect(waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
    }

    @Test func multiplierAndInitialBackoffShapeTheSchedule() {
        let settings = RetryPolicySettings(initialBackoff: .milliseconds(500), multiplier: 3, maxBackoff: .seconds(10), jitter: 0)
        let waits = (1...5).map { Self.wait(.timeout, attempt: $0, settings: settings) }
        #expect(waits == [0.5, 1.5, 4.5, 10, 10])
    }

    @Test func jitterSpreadsTheWaitBothWays() throws {
        let settings = RetryPolicySettings(jitter: 0.2)
        #expect(try #require(Self.wait(.timeout, attempt: 3, settings: settings, random: 0)).isApproximately(3.2))
        #expect(try #require(Self.wait(.timeout, attempt: 3, settings: settings, random: 0.5)).isApproximately(4))
        #expect(try #require(Self.wait(.timeout, attempt: 3, settings: settings, random: 0.75)).isApproximately(4.4))
    }

    @Test func jitterStaysWithinItsBoundsAndNeverPassesTheCap() throws {
        let settings = RetryPolicySettings(maxAttempts: 20, jitter: 0.25)
        for attempt in 1...15 {
            let base = min(pow(2, Double(attempt - 1)), 300)
            for step in 0..<20 {
                let wait = try #require(Self.wait(.timeout, attempt: attempt, settings: settings, random: Double(step) / 20))
                #expect(wait >= base * 0.75 - 1e-6)
                #expect(wait <= min(base * 1.25, 300) + 1e-6)
            }
        }
    }

    @Test func retryAfterSecondsIsALowerBound() {
        #expect(Self.wait(.response(status: 429, retryAfter: "120")) == 120)
        #expect(Self.wait(.response(status: 503, retryAfter: " 30 ")) == 30)
        #expect(Self.wait(.response(status: 503, retryAfter: "0")) == 1)
        #expect(Self.wait(.response(status: 503, retryAfter: "3"), attempt: 5) == 16)
    }

    @Test(arguments: [
        "Tue, 14 Nov 2023 22:14:50 GMT",  // IMF-fixdate
        "Tuesday, 14-Nov-23 22:14:50 GMT",  // RFC 850
        "Tue Nov 14 22:14:50 2023",  // asctime
    ])
    func retryAfterDateIsALowerBound(header: String) {
        #expect(Self.wait(.response(status: 503, retryAfter: header)) == 90)
    }

    @Test(arguments: ["Tue, 14 Nov 2023 22:00:00 GMT", "soon", "", "-5", "1.5", "Tue, 14 Nov 2023 25:00:00 GMT"])
    func pastOrUnreadableRetryAfterFallsBackToBackoff(header: String) {
        #expect(Self.wait(.response(status: 503, retryAfter: header), attempt: 2) == 2)
    }

    @Test func httpDatesParseToTheirInstant() {
        #expect(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(RetryAfter.httpDate("Sunday, 06-Nov-94 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(RetryAfter.httpDate("Sun Nov  6 08:49:37 1994") == Date(timeIntervalSince1970: 784_111_777))
        #expect(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 PST") == nil)
        #expect(RetryAfter.httpDate("Sun, 06 Foo 1994 08:49:37 GMT") == nil)
    }

    @Test("a Retry-After past max_elapsed brings the last attempt to the deadline instead of killing the delivery")
    func retryAfterIsCappedAtTheDeadline() {
        let settings = RetryPolicySettings(maxElapsed: .seconds(3600), jitter: 0)
        #expect(Self.wait(.response(status: 429, retryAfter: "99999"), settings: settings) == 3600)
        #expect(Self.wait(.response(status: 429, retryAfter: "3600"), settings: settings) == 3600)
        let tenMinutesIn = Self.now.addingTimeInterval(-600)
        #expect(Self.wait(.response(status: 429, retryAfter: "86400"), attempt: 2, settings: settings, firstAttemptAt: tenMinutesIn) == 3000)
        #expect(Self.wait(.response(status: 429, retryAfter: String(repeating: "9", count: 400)), settings: settings) == 3600)
        // Past the deadline by the backoff alone: dead, as without the header.
        let almostOver = Self.now.addingTimeInterval(-3599.5)
        #expect(
            RetryPolicy.decide(
                settings: settings, outcome: .response(status: 429, retryAfter: "99999"), attempt: 2,
                firstAttemptAt: almostOver, now: Self.now, random: 0.5)
                == .dead(reason: "gave up after 2 attempts: HTTP 429 (next retry would pass max_elapsed)"))
    }

    @Test("an HTTP-date with a year no calendar has is ignored, not an arithmetic overflow (which stopped the router on every start)")
    func absurdYearsAreNotDates() {
        for header in ["Sun, 06 Nov 999999999999 08:49:37 GMT", "Sun Nov  6 08:49:37 99999999999999999", "Sun, 06 Nov 0 08:49:37 GMT",
                       "Sun, 06 Nov 10000 08:49:37 GMT"] {
            #expect(RetryAfter.httpDate(header) == nil, "\(header)")
            #expect(Self.wait(.response(status: 503, retryAfter: header), attempt: 2) == 2, "\(header)")
        }
        #expect(RetryAfter.httpDate("Fri, 31 Dec 9999 23:59:59 GMT") != nil)
    }

    @Test func deadWhenAttemptsReachMaxAttempts() {
        #expect(Self.wait(.response(status: 503), attempt: 9) == 256)
        #expect(Self.decide(.response(status: 503), attempt: 10) == .dead(reason: "gave up after 10 attempts: HTTP 503"))
        #expect(Self.decide(.response(status: 503), attempt: 11) == .dead(reason: "gave up after 11 attempts: HTTP 503"))
        #expect(Self.decide(.timeout, settings: .init(maxAttempts: 1)) == .dead(reason: "gave up after 1 attempt: timed out"))
        #expect(
            Self.decide(.connectionFailed("connection refused"), attempt: 10)
                == .dead(reason: "gave up after 10 attempts: connection failed: connection refused"))
    }

    @Test func deadWhenTheNextAttemptWouldPassMaxElapsed() {
        let settings = RetryPolicySettings(maxElapsed: .seconds(60), jitter: 0)
        let fiftyFiveSecondsAgo = Self.now.addingTimeInterval(-55)
        let decide = { (attempt: Int) in
            RetryPolicy.decide(
                settings: settings, outcome: .response(status: 502), attempt: attempt, firstAttemptAt: fiftyFiveSecondsAgo,
                now: Self.now, random: 0.5)
        }
        #expect(decide(3) == .retry(at: Self.now.addingTimeInterval(4)))  // lands at +59s
        #expect(decide(4) == .dead(reason: "gave up after 4 attempts: HTTP 502 (next retry would pass max_elapsed)"))
    }

    @Test func successIsDeliveredEvenOnTheLastAttempt() {
        #expect(Self.decide(.response(status: 200), attempt: 10) == .delivered)
    }
}

extension Double {
    fileprivate func isApproximately(_ other: Double) -> Bool { abs(self - other) < 1e-6 }
}
