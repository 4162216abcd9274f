import Foundation

/// What happens to a delivery after an attempt.
public enum RetryDecision: Sendable, Equatable {
    /// The receiver accepted it (2xx).
    case delivered
    /// Try again at this time.
    case retry(at: Date)
    /// Failed for good: a dead letter, with a short reason for operators.
    case dead(reason: String)
}

/// A sink's retry policy applied to one attempt's outcome: a pure function of the settings, the
/// outcome, the attempt count, the clock and a random number, so that every schedule is testable.
public enum RetryPolicy {
    /// Decides what follows attempt number `attempt` (1-based) of a delivery whose first attempt
    /// happened at `firstAttemptAt`.
    ///
    /// - 2xx is delivered; redirects, other 4xx and requests that could not be made are dead at once.
    /// - A retryable outcome (408, 425, 429, 5xx, timeout, connection error) waits
    ///   `initialBackoff × multiplier^(attempt-1)`, spread by ± `jitter` (as a fraction, using
    ///   `random` in [0, 1)) and capped at `maxBackoff`. A `Retry-After` header (seconds or
    ///   HTTP-date) raises the wait to at least what it asks; when that would pass
    ///   `firstAttemptAt + maxElapsed`, the last attempt is made at that deadline instead.
    /// - It is dead instead when `attempt` has reached `maxAttempts`, or when the backoff alone
    ///   would take the next attempt past `firstAttemptAt + maxElapsed`.
    public static func decide(
        settings: RetryPolicySettings, outcome: AttemptOutcome, attempt: Int, firstAttemptAt: Date, now: Date,
        random: Double = Double.random(in: 0..<1)
    ) -> RetryDecision {
        switch outcome.classification {
        case .success: return .delivered
        case .permanent(let reason): return .dead(reason: reason)
        case .retryable: break
        }
        let attempts = attempt == 1 ? "1 attempt" : "\(attempt) attempts"
        if attempt >= settings.maxAttempts {
            return .dead(reason: "gave up after \(attempts): \(outcome.summary)")
        }
        let deadline = firstAttemptAt.addingTimeInterval(seconds(settings.maxElapsed))
        let byBackoff = now.addingTimeInterval(backoff(settings: settings, attempt: attempt, random: random))
        if byBackoff > deadline {
            return .dead(reason: "gave up after \(attempts): \(outcome.summary) (next retry would pass max_elapsed)")
        }
        // The receiver's wait (a quota reset a day away) is honoured up to the deadline, where the
        // last attempt goes: a long Retry-After never kills a delivery with attempts to spare.
        if case .response(_, let header?, _) = outcome, let asked = RetryAfter.seconds(header, now: now) {
            let requested = now.addingTimeInterval(min(asked, deadline.timeIntervalSince(now)))
            return .retry(at: max(byBackoff, requested))
        }
        return .retry(at: byBackoff)
    }

    /// The wait in seconds after a failed attempt, before `Retry-After`: exponential, jittered,
    /// never negative and never above `maxBackoff`.
    static func backoff(settings: RetryPolicySettings, attempt: Int, random: Double) -> TimeInterval {
        let cap = seconds(settings.maxBackoff)
        let exponential = seconds(settings.initialBackoff) * pow(settings.multiplier, Double(max(0, attempt - 1)))
        let jitter = min(max(settings.jitter, 0), 1)
        let spread = min(exponential, cap) * (1 + jitter * (2 * random - 1))
        return min(max(spread, 0), cap)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (whole, fraction) = duration.components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}
