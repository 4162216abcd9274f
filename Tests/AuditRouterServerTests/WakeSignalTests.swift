import Testing

@testable import AuditRouterServer

/// Idle workers wait on a `WakeSignal` until work arrives or their timeout passes. The waits that
/// must end at a wake have an hour's timeout: if a wake were lost, the test's time limit fails it.
@Suite struct WakeSignalTests {
    @Test("a wait ends at its timeout, at a wake, or at once for a wake that came first", .timeLimit(.minutes(1)))
    func waitsEnd() async {
        let signal = WakeSignal()
        let clock = ContinuousClock()
        let started = clock.now
        await signal.wait(timeout: .milliseconds(100))
        #expect(clock.now - started >= .milliseconds(100))
        signal.wake(1)  // nobody waits: kept for the next wait
        await signal.wait(timeout: .seconds(3600))
        async let woken: Void = signal.wait(timeout: .seconds(3600))
        try? await Task.sleep(for: .milliseconds(100))
        signal.wake(2)  // one waiter at most: the other wake is kept for the next one to wait
        await woken
        await signal.wait(timeout: .seconds(3600))
    }
}
