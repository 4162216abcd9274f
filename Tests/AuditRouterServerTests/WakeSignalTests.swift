import Testing

@testable import AuditRouterServer

/// Idle workers wait on a `WakeSignal` until work arrives or their timeout passes.
@Suite struct WakeSignalTests {
    @Test("a wait ends at its timeout, at a wake, or at once for a wake that came first")
    func waitsEnd() async {
        let signal = WakeSignal()
        let clock = ContinuousClock()
        var started = clock.now
        await signal.wait(timeout: .milliseconds(100))
        #expect(clock.now - started >= .milliseconds(100))
        #expect(clock.now - started < .seconds(5))
        signal.wake(1)  // nobody waits: kept for the next wait
        started = clock.now
        await signal.wait(timeout: .seconds(30))
        #expect(clock.now - started < .seconds(5))
        async let woken: Void = signal.wait(timeout: .seconds(30))
        try? await Task.sleep(for: .milliseconds(100))
        started = clock.now
        signal.wake(2)  // one waiter: the second wake is kept for the next one to wait
        await woken
        await signal.wait(timeout: .seconds(30))
        #expect(clock.now - started < .seconds(5))
    }
}
