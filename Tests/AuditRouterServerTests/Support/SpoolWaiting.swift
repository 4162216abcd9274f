import AuditRouterServer

extension Spool {
    /// Polls a sink's counts until `done` holds or `timeout` passes, and returns the last counts read.
    ///
    /// A receiver sees an attempt a moment before the router records its outcome, so tests that
    /// watch the receiver wait here before asserting on the spool.
    func waitForCounts(sink: String, timeout: Duration = .seconds(30), _ done: (SinkCounts) -> Bool) async throws -> SinkCounts {
        let deadline = ContinuousClock.now + timeout
        var counts = try await self.counts(sink: sink)
        while !done(counts) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            counts = try await self.counts(sink: sink)
        }
        return counts
    }
}
