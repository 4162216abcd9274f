/// A sink's retry policy as configured (`retry:`): plain data; `RetryPolicy` makes the decisions.
public struct RetryPolicySettings: Sendable, Equatable {
    /// Attempts in all, the first included (`max_attempts`, at least 1).
    public var maxAttempts: Int
    /// The wait after the first failed attempt (`initial_backoff`).
    public var initialBackoff: Duration
    /// The factor each further wait grows by (`multiplier`, at least 1).
    public var multiplier: Double
    /// The longest single wait (`max_backoff`, at least `initialBackoff`).
    public var maxBackoff: Duration
    /// No attempt is made later than this after the first one (`max_elapsed`).
    public var maxElapsed: Duration
    /// How far each wait is spread at random, as a fraction of it (`jitter`, 0 to 1).
    public var jitter: Double

    public init(
        maxAttempts: Int = 10, initialBackoff: Duration = .seconds(1), multiplier: Double = 2,
        maxBackoff: Duration = .seconds(300), maxElapsed: Duration = .seconds(86_400), jitter: Double = 0.2
    ) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.multiplier = multiplier
        self.maxBackoff = maxBackoff
        self.maxElapsed = maxElapsed
        self.jitter = jitter
    }

    /// What a sink without `retry:` gets: 10 attempts, 1s doubling up to 5m, within 24h, ±20%.
    public static let `default` = RetryPolicySettings()
}
