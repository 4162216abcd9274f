import NIOCore

extension TimeAmount {
    /// `duration` in NIO's nanoseconds (sub-nanosecond parts dropped).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
