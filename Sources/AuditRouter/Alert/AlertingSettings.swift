/// How operator alerts are raised (`alerting:`); which sinks receive them is each sink's `alerts`.
public struct AlertingSettings: Sendable, Equatable {
    /// Consecutive failed attempts of a sink that raise `sink:failing` (`failing_after`, default 5).
    public var failingAfter: Int
    /// `delivery:dead` alerts of one sink: the first at once, then at most one per interval,
    /// counting the dead letters in between (`group_interval`, default 5m).
    public var groupInterval: Duration

    public init(failingAfter: Int = 5, groupInterval: Duration = .seconds(300)) {
        self.failingAfter = failingAfter
        self.groupInterval = groupInterval
    }
}
